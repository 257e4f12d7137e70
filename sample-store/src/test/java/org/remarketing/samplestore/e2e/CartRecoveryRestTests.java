package org.remarketing.samplestore.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.remarketing.core.channels.email.MessageLinks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The email links through the sample store's real HTTP stack and security chains, with a fresh
 * cookie jar as a shopper's browser: a recovery link brings the products back as a guest cart and
 * signs no one in, even for a registered customer's cart; an expired link says so; RFC 8058
 * one-click unsubscribe works without cookies or CSRF token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:cartrecovery;MODE=MySQL;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1",
        "sample.mail.embedded=false", "remarketing.store.url=http://localhost"})
class CartRecoveryRestTests {

    @LocalServerPort
    int port;

    @Autowired
    MessageLinks links;

    @Autowired
    DataSource dataSource;

    @Test
    void aCustomersRecoveryLinkGivesANewGuestCartWithTheProductsAndSignsNoOneIn() throws Exception {
        StoreApi api = new StoreApi(url(""));
        List<String> skus = api.purchasable(2);
        String email = "recover-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String token = api.register(email, "Zephyrine", "en");
        String guest = api.call("POST", "/api/v1/cart?store=DEFAULT&lang=en", null,
                "{\"product\":\"" + skus.get(0) + "\",\"quantity\":2}", 201).get("code").asText();
        api.call("PUT", "/api/v1/cart/" + guest + "?store=DEFAULT&lang=en", null,
                "{\"product\":\"" + skus.get(1) + "\",\"quantity\":1}", 201);
        String customersCart = api.call("GET", "/api/v1/auth/customer/cart?cart=" + guest + "&store=DEFAULT&lang=en", token,
                null, 200).get("code").asText();
        long customerId = jdbc().queryForObject("SELECT CUSTOMER_ID FROM SHOPPING_CART WHERE SHP_CART_CODE = ?", Long.class,
                customersCart);
        long message = sentMessage(email, customersCart, "[{\"sku\":\"" + skus.get(0) + "\",\"quantity\":2},"
                + "{\"sku\":\"" + skus.get(1) + "\",\"quantity\":1}]");

        CookieJarBrowser browser = new CookieJarBrowser(url(""));
        HttpResponse<String> recovered = browser.get(path(links.recovery(message, Instant.now().plus(Duration.ofDays(7)))));

        assertThat(recovered.statusCode()).isEqualTo(302);
        assertThat(recovered.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/cart"));
        assertThat(recovered.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(cookieNames(recovered)).as("only the session and the guest cart cookie")
                .allMatch(name -> name.equals("JSESSIONID") || name.equals("sample_cart"));
        String restored = browser.cookie("sample_cart");
        assertThat(restored).as("a new guest cart, not the customer's").isNotNull().isNotEqualTo(customersCart);
        assertThat(jdbc().queryForList("SELECT CUSTOMER_ID FROM SHOPPING_CART WHERE SHP_CART_CODE = ?", Long.class, restored))
                .containsExactly((Long) null);
        assertThat(jdbc().queryForObject("SELECT CUSTOMER_ID FROM SHOPPING_CART WHERE SHP_CART_CODE = ?", Long.class,
                customersCart)).isEqualTo(customerId);

        HttpResponse<String> cart = browser.get("/cart");
        assertThat(cart.statusCode()).isEqualTo(200);
        assertThat(cart.body()).contains("href=\"/product/" + skus.get(0) + "\"", "href=\"/product/" + skus.get(1) + "\"")
                .doesNotContain(email).doesNotContain("Zephyrine");

        for (String account : new String[] {"/account", "/account/orders", "/checkout"}) {
            HttpResponse<String> page = browser.get(account);
            if (account.startsWith("/account")) {
                assertThat(page.statusCode()).as(account).isEqualTo(302);
                assertThat(page.headers().firstValue("Location")).as(account)
                        .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
            } else {
                assertThat(page.body()).as(account).doesNotContain(email);
            }
        }
        assertThat(events(message)).containsExactly("RECOVERY");
    }

    @Test
    void aGuestsRecoveryLinkHandsBackTheirOwnCart() throws Exception {
        StoreApi api = new StoreApi(url(""));
        String sku = api.purchasable(1).get(0);
        String guest = api.call("POST", "/api/v1/cart?store=DEFAULT&lang=en", null,
                "{\"product\":\"" + sku + "\",\"quantity\":3}", 201).get("code").asText();
        long message = sentMessage("guest-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", guest, null);

        CookieJarBrowser browser = new CookieJarBrowser(url(""));
        assertThat(browser.get(path(links.recovery(message, Instant.now().plus(Duration.ofDays(1))))).statusCode())
                .isEqualTo(302);
        assertThat(browser.cookie("sample_cart")).isEqualTo(guest);
        assertThat(browser.get("/cart").body()).contains("href=\"/product/" + sku + "\"");
    }

    @Test
    void anExpiredOrAlteredLinkIsAPlainErrorPageThatLinksToTheStore() throws Exception {
        long message = sentMessage("late-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com",
                "0123456789abcdef0123456789abcdef", null);
        CookieJarBrowser browser = new CookieJarBrowser(url(""));
        HttpResponse<String> expired = browser.get(path(links.recovery(message, Instant.now().minusSeconds(60))));
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.body()).contains("This link has expired").contains("href=\"http://localhost\"");
        assertThat(expired.headers().firstValue("X-Robots-Tag")).hasValueSatisfying(v -> assertThat(v).contains("noindex"));

        String valid = path(links.recovery(message, Instant.now().plus(Duration.ofDays(1))));
        HttpResponse<String> altered = browser.get(valid.substring(0, valid.length() - 2) + "xx");
        assertThat(altered.statusCode()).isEqualTo(400);
        assertThat(altered.body()).contains("invalid or has expired");
        assertThat(browser.cookie("sample_cart")).isNull();
        assertThat(events(message)).isEmpty();
    }

    @Test
    void oneClickUnsubscribePassesTheStoresSecurityWithoutCookiesOrCsrfToken() throws Exception {
        String email = "oneclick-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        long message = sentMessage(email, null, null);
        String unsubscribe = path(links.unsubscribe(message));

        HttpResponse<String> confirm = new CookieJarBrowser(url("")).get(unsubscribe);
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("name=\"List-Unsubscribe\" value=\"One-Click\"");
        assertThat(jdbc().queryForList("SELECT scope FROM rmk_suppression WHERE email = ?", String.class, email)).isEmpty();

        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(unsubscribe)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(jdbc().queryForList("SELECT scope FROM rmk_suppression WHERE email = ?", String.class, email))
                .containsExactly("ALL");
    }

    /** A contact, a reminder journey's run about {@code cartCode}, and a message sent an hour ago; its id. */
    private long sentMessage(String email, String cartCode, String productsJson) {
        LocalDateTime at = LocalDateTime.ofInstant(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        long contact = insert("INSERT INTO rmk_contact (created_at, updated_at, email) VALUES (?, ?, ?)", at, at, email);
        long journey = insert("INSERT INTO rmk_journey (code, name, builtin, enabled, purpose, steps_json, holdout_percent,"
                + " goal_hours, reentry_days, exit_on_leave, created_at, updated_at) VALUES (?, 'Cart', FALSE, TRUE,"
                + " 'REMINDER', '[]', 0, 72, 30, TRUE, ?, ?)", "test-" + UUID.randomUUID(), at, at);
        long run = insert("INSERT INTO rmk_journey_run (journey_id, contact_id, entry_key, state, holdout, cart_code,"
                + " products_json, entered_at) VALUES (?, ?, ?, 'ACTIVE', FALSE, ?, ?, ?)", journey, contact,
                UUID.randomUUID().toString(), cartCode, productsJson, at);
        return insert("INSERT INTO rmk_message (run_id, journey_id, contact_id, step_no, channel, template, send_key, state,"
                + " due_at, sent_at, recipient, created_at, updated_at) VALUES (?, ?, ?, 1, 'EMAIL', 'cart', ?, 'SENT', ?, ?,"
                + " ?, ?, ?)", run, journey, contact, UUID.randomUUID().toString(), at, at, email, at, at);
    }

    private List<String> events(long message) {
        return jdbc().queryForList("SELECT kind FROM rmk_message_event WHERE message_id = ? ORDER BY id", String.class,
                message);
    }

    private long insert(String sql, Object... args) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc().update(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql, new String[] {"id"});
            new ArgumentPreparedStatementSetter(args).setValues(statement);
            return statement;
        }, keys);
        return keys.getKey().longValue();
    }

    private JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    private static List<String> cookieNames(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .map(c -> c.substring(0, c.indexOf('='))).collect(Collectors.toList());
    }

    /** The link's path and query (links are built on remarketing.store.url, this store runs on a random port). */
    private static String path(String link) {
        return link.substring("http://localhost".length());
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
