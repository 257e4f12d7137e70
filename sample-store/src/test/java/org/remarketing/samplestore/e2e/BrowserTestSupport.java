package org.remarketing.samplestore.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.Page;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * What every browser test of the whole store needs: the store on a random port with its
 * embedded SMTP server on a free one, and one Chromium for the class (subclasses declare
 * {@code @TestInstance(PER_CLASS)} and their {@code @SpringBootTest}).
 */
abstract class BrowserTestSupport {

    @LocalServerPort
    int port;

    BrowserSession session;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            int smtp = socket.getLocalPort();
            registry.add("sample.mail.smtp-port", () -> smtp);
        }
    }

    @BeforeAll
    void browser() {
        session = new BrowserSession(userAgent());
    }

    /** The user agent the browser sends; null: Chromium's own (HeadlessChrome, which tracking ignores as a bot). */
    String userAgent() {
        return null;
    }

    @AfterAll
    void close() {
        session.close();
    }

    /** The checkout's shipping step, as a shopper fills it in. */
    static void fillShipping(Page page, String firstName, String lastName, String address, String city,
                             String postalCode, String country) {
        page.locator("[name=firstName]").fill(firstName);
        page.locator("[name=lastName]").fill(lastName);
        page.locator("[name=address]").fill(address);
        page.locator("[name=city]").fill(city);
        page.locator("[name=postalCode]").fill(postalCode);
        page.locator("[name=country]").selectOption(country);
    }

    /** Records every dialog the page opens, dismissing it: a script payload that ran would open one. */
    static List<String> recordDialogs(Page page) {
        List<String> dialogs = new CopyOnWriteArrayList<>();
        page.onDialog((dialog) -> {
            dialogs.add(dialog.type() + ": " + dialog.message());
            dialog.dismiss();
        });
        return dialogs;
    }

    /** Records the Content-Security-Policy violations the plugin's admin screens report in the console. */
    static List<String> recordCspViolations(Page page) {
        List<String> violations = new CopyOnWriteArrayList<>();
        page.onConsoleMessage((message) -> {
            if (page.url().contains("/remarketing/admin/") && message.text().contains("Content Security Policy")) {
                violations.add(message.text());
            }
        });
        return violations;
    }

    /** Signs in to the store's backoffice, which leaves the admin token where the plugin's screens read it. */
    void signInToBackoffice(Page page) {
        page.navigate(url("/admin"));
        page.locator("[data-test=admin-login-email]").fill("admin@shopizer.com");
        page.locator("[data-test=admin-login-password]").fill("password");
        page.locator("[data-test=admin-login-submit]").click();
        assertThat(page.locator("[data-test=orders-table]")).isVisible();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
