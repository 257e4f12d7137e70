package org.remarketing.samplestore.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class MailMessagesTests {

    @Test
    void vietnameseTranslatesEveryEnglishMessage() throws Exception {
        Properties english = load("i18n/mail.properties");
        Properties vietnamese = load("i18n/mail_vi.properties");

        assertThat(vietnamese.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        assertThat(vietnamese.getProperty("mail.order.subject")).isEqualTo("Đơn hàng #{0} của bạn đã được xác nhận");
    }

    private static Properties load(String path) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = MailMessagesTests.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
