package org.remarketing.samplestore.storefront;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every storefront text exists in English and in Vietnamese. */
class MessageBundlesTests {

    @Test
    void englishAndVietnameseHaveTheSameKeys() throws Exception {
        Properties en = load("i18n/messages.properties");
        Properties vi = load("i18n/messages_vi.properties");
        assertThat(vi.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
        assertThat(vi.getProperty("cart.title")).isEqualTo("Giỏ hàng của bạn");
    }

    @Test
    void messagesWithArgumentsHaveNoStraightApostrophes() throws Exception {
        for (String file : new String[] {"i18n/messages.properties", "i18n/messages_vi.properties"}) {
            Properties p = load(file);
            for (String key : p.stringPropertyNames()) {
                String value = p.getProperty(key);
                if (value.contains("{0") || value.contains("{1") || value.contains("{2")) {
                    assertThat(value).as(file + " " + key).doesNotContain("'");
                }
            }
        }
    }

    private static Properties load(String path) throws Exception {
        Properties p = new Properties();
        try (Reader r = new InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
