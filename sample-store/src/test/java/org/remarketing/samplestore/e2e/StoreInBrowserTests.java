package org.remarketing.samplestore.e2e;

import java.nio.file.Paths;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * A shopper and an administrator in Chromium, on the whole sample store with the plugin:
 * browse, add two products, check out as a guest, find the confirmation in the demo mailbox,
 * register; then sign in to the backoffice, see the order, and follow the plugin's
 * Remarketing entry to its status screen.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:browser;MODE=MySQL;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1"})
class StoreInBrowserTests extends BrowserTestSupport {

    @Test
    void shopperBuysAsGuestGetsTheConfirmationAndRegisters() {
        try (BrowserContext context = session.browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(1280, 900))) {
            Page page = context.newPage();
            page.navigate(url("/"));
            assertThat(page.locator("[data-test=cart-count]")).hasText("0");

            // first product: from a category page
            page.locator("a[href*='/category/']").first().click();
            page.locator("a[href*='/product/']").first().click();
            String first = page.locator("h1").innerText();
            page.locator("[data-test=add-to-cart]").first().click();
            assertThat(page.locator("[data-test=cart-count]")).hasText("1");

            // second product: a related one, from the product page
            page.navigate(url("/"));
            page.locator("a[href*='/category/']").nth(1).click();
            page.locator("a[href*='/product/']").first().click();
            String second = page.locator("h1").innerText();
            page.locator("[data-test=add-to-cart]").first().click();
            assertThat(page.locator("[data-test=cart-count]")).hasText("2");

            page.navigate(url("/cart"));
            assertThat(page.locator("main")).containsText(first);
            assertThat(page.locator("main")).containsText(second);

            page.locator("[data-test=checkout]").click();
            page.locator("#checkout-email").fill("e2e.shopper@example.com");
            page.locator("[data-test=checkout-continue]").click();
            fillShipping(page, "Mai", "Nguyễn", "12 Lý Thường Kiệt", "Hà Nội", "100000", "VN");
            page.locator("[data-test=checkout-continue]").click();
            page.locator("[data-test=place-order]").click();
            String orderNumber = page.locator("[data-test=order-number]").innerText().replaceAll("\\D", "");
            assertThat(page.locator("[data-test=cart-count]")).hasText("0");

            // the confirmation is sent after commit, off the request thread: the mailbox reloads itself
            page.navigate(url("/dev/mailbox"));
            LocatorAssertions.ContainsTextOptions mailWait = new LocatorAssertions.ContainsTextOptions().setTimeout(15_000);
            assertThat(page.locator("body")).containsText("#" + orderNumber, mailWait);
            assertThat(page.locator("body")).containsText("e2e.shopper@example.com");
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-mailbox.png")));

            page.navigate(url("/register"));
            page.locator("[name=email]").fill("e2e.member@example.com");
            page.locator("[name=password]").fill("s3cret-pass");
            page.locator("[name=firstName]").fill("Mai");
            page.locator("[name=lastName]").fill("Nguyễn");
            page.locator("[data-test=register-submit]").click();
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/account.*"));
            assertThat(page.locator("main")).containsText("Mai");
        }
    }

    @Test
    void administratorSeesOrdersAndOpensThePluginFromTheBackoffice() {
        try (BrowserContext context = session.browser.newContext()) {
            Page page = context.newPage();
            page.navigate(url("/admin"));
            page.locator("[data-test=admin-login-email]").fill("admin@shopizer.com");
            page.locator("[data-test=admin-login-password]").fill("password");
            page.locator("[data-test=admin-login-submit]").click();
            Locator orders = page.locator("[data-test=orders-table]");
            assertThat(orders).isVisible();
            assertThat(orders.locator("tbody tr").first()).isVisible();

            Locator remarketing = page.locator("[data-test=nav-remarketing]");
            assertThat(remarketing).hasText(java.util.regex.Pattern.compile("Remarketing"));
            remarketing.click();
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/remarketing/admin/.*"));
            // the plugin's status screen, reading the admin token the backoffice stored
            assertThat(page.locator("body")).containsText("rmk_schema_history");
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-remarketing-status.png")));
        }
    }

    @Test
    void pluginScreenAsksForSignInWithoutAToken() {
        try (BrowserContext context = session.browser.newContext()) {
            Page page = context.newPage();
            page.navigate(url("/remarketing/admin/"));
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(
                    java.util.regex.Pattern.compile("sign in|backoffice", java.util.regex.Pattern.CASE_INSENSITIVE))).first())
                    .isVisible();
        }
    }
}
