package org.remarketing.samplestore.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.remarketing.core.segments.Segment;
import org.remarketing.core.segments.SegmentEngine;
import org.remarketing.core.shop.HistoryImport;
import org.remarketing.samplestore.history.ImportedHistory;
import org.remarketing.samplestore.seed.Shopper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plugin's Segments screen in Chromium, signed in through the store's backoffice. Besides the
 * seed's customers (imported from the store's history), customers register and order through the
 * store's REST subset, then an administrator sees the built-in segments with their sizes, builds a custom
 * rule with a live count, saves it, sees its members, exports them and changes a built-in's
 * threshold. Script-carrying names and descriptions must show as text and run nothing.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:segmentsui;MODE=MySQL;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1"})
class SegmentsScreenBrowserTests extends BrowserTestSupport {

    // Each payload, if it ever ran, would set window.__xss or open a dialog.
    static final String NAME = "English regulars <img src=x onerror=window.__xss=1>";
    static final String DESCRIPTION = "<script>window.__xss=2</script> two orders or more <svg onload=alert(3)>";

    @Autowired
    SegmentEngine segments;

    @Autowired
    HistoryImport historyImport;

    @Autowired
    JdbcTemplate jdbc;

    String tag;
    String regular;
    String oneTimer;
    String vietnamese;

    @BeforeAll
    void customers() {
        ImportedHistory.awaitImported(historyImport, jdbc); // the seed's customers are contacts too
        tag = UUID.randomUUID().toString().substring(0, 8);
        regular = "seg.regular-" + tag + "@example.com";
        oneTimer = "seg.once-" + tag + "@example.com";
        vietnamese = "seg.vi-" + tag + "@example.com";
        StoreApi store = new StoreApi(url(""));
        List<String> skus = store.purchasable(2);
        String token = store.register(regular, "Rita", "en");
        store.order(token, skus.get(0));
        store.order(token, skus.get(1));
        store.order(store.register(oneTimer, "Olga", "en"), skus.get(0));
        String vi = store.register(vietnamese, "Vy", "vi");
        store.order(vi, skus.get(0));
        store.order(vi, skus.get(1));
        ContactsAdminApi admin = new ContactsAdminApi(url(""));
        admin.awaitOnlyContact(regular, (c) -> c.get("profile").get("orders").get("count").asInt() == 2);
        admin.awaitOnlyContact(oneTimer, (c) -> c.get("profile").get("orders").get("count").asInt() == 1);
        admin.awaitOnlyContact(vietnamese, (c) -> c.get("profile").get("orders").get("count").asInt() == 2
                && "vi".equals(c.get("profile").get("language").asText()));
    }

    @Test
    void administratorBuildsARuleSeesTheLiveCountSavesSeesMembersAndExportsThem() throws IOException {
        try (BrowserContext context = session.browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(1280, 900).setAcceptDownloads(true))) {
            Page page = context.newPage();
            List<String> dialogs = recordDialogs(page);
            List<String> cspViolations = recordCspViolations(page);
            signInToBackoffice(page);

            // the list: every built-in with its size, a sparkline where sizes were recorded
            page.navigate(url("/remarketing/admin/#/segments"));
            assertThat(page.locator("#nav-segments")).hasAttribute("aria-current", "page");
            Locator repeat = page.locator("#segments-rows tr[data-segment-code=repeat-buyers]");
            assertThat(repeat).containsText("Repeat buyers");
            assertThat(repeat).containsText("Built-in");
            assertThat(repeat).containsText("At least 2 orders.");
            long repeatBuyers = segments.findByCode("repeat-buyers").memberCount();
            assertThat(repeatBuyers).as("the two customers with two orders").isGreaterThanOrEqualTo(2);
            assertThat(repeat.locator(".segment-size")).hasText(String.format("%,d", repeatBuyers));
            assertThat(page.locator("#segments-rows tr")).hasCount(
                    segments.segments().size());
            assertThat(page.locator("#segments-rows svg.sparkline").first()).isVisible();
            assertThat(page.locator("#segments-rows svg.sparkline title").first())
                    .hasText(Pattern.compile("^Members over the last .*"));
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-segments-list.png")).setFullPage(true));

            // a new custom segment: orders ≥ 2 and language en, with its live count
            page.locator("#segments-new").click();
            assertThat(page).hasURL(Pattern.compile(".*#/segments/new$"));
            page.locator("#new-segment-name").fill(NAME);
            assertThat(page.locator("#new-segment-code")).hasValue("english-regulars-img-src-x-onerror-window-xss-1");
            String code = "english-regulars-" + tag;
            page.locator("#new-segment-code").fill(code);
            page.locator("#new-segment-description").fill(DESCRIPTION);
            Locator rule = page.locator("#new-segment-rule");
            Locator count = page.locator("#new-segment-count");
            assertThat(count).hasAttribute("data-count", Pattern.compile("\\d+"));
            Locator first = rule.locator(".rule-condition").nth(0);
            assertThat(first.locator(".rule-field")).hasValue("orders_count");
            first.locator(".rule-op").selectOption("gte");
            first.locator(".rule-value").fill("2");
            assertThat(count).hasAttribute("data-count", String.valueOf(repeatBuyers));
            rule.locator(".rule-add-condition").first().click();
            Locator second = rule.locator(".rule-condition").nth(1);
            second.locator(".rule-field").selectOption("language");
            second.locator(".rule-op").selectOption("eq");
            second.locator(".rule-value").fill("en");
            assertThat(count).hasAttribute("data-count", Pattern.compile("\\d+"));
            long live = Long.parseLong(count.getAttribute("data-count"));
            assertThat(live).as("Rita, and no one who speaks Vietnamese or ordered once").isBetween(1L, repeatBuyers - 1);
            assertThat(count).hasText(live == 1 ? "1 contact matches now." : String.format("%,d contacts match now.", live));
            rule.locator(".rule-json summary").click();
            assertThat(rule.locator(".rule-json-text")).containsText("\"language\"");
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-segments-rule-builder.png"))
                    .setFullPage(true));

            // a rule that cannot be compiled is explained, not saved
            second.locator(".rule-op").selectOption("in");
            second.locator(".rule-value").fill("en, <b>");
            assertThat(count).hasClass(Pattern.compile(".*live-count-error.*"));
            assertThat(count).containsText("value");
            second.locator(".rule-op").selectOption("eq");
            second.locator(".rule-value").fill("en");
            assertThat(count).hasAttribute("data-count", String.valueOf(live));

            page.locator("#new-segment-save").click();
            assertThat(page).hasURL(Pattern.compile(".*#/segments/\\d+$"));
            assertThat(page.locator("#segment-name")).hasText(NAME);
            assertThat(page.locator("#segment-description")).hasText(DESCRIPTION);
            assertThat(page.locator("#segment-explanation")).hasText("Orders ≥ 2 and language is en");
            assertThat(page.locator("#segment-kind")).hasText("Custom");
            assertThat(page.locator("#segment-status")).hasText(live == 1 ? "Rebuilt: 1 member." : "Rebuilt: " + live + " members.");
            assertThat(page.locator("#segment-members")).hasText(String.valueOf(live));
            Locator members = page.locator("#members-rows tr");
            assertThat(members).hasCount((int) Math.min(live, 20));
            assertThat(page.locator("#members-rows")).containsText(regular);
            @SuppressWarnings("unchecked")
            List<String> shown = (List<String>) page.locator("#members-rows .cell-email")
                    .evaluateAll("(cells) => cells.map((cell) => cell.textContent)");
            assertThat(shown).as("the seed's English-speaking repeat buyers").containsAnyElementsOf(Shopper.CAST.stream()
                    .filter((shopper) -> shopper.kind == Shopper.Kind.REPEAT && "en".equals(shopper.language))
                    .map((shopper) -> shopper.email).collect(Collectors.toList()));
            assertThat(shown).noneMatch((email) -> Shopper.CAST.stream()
                    .anyMatch((shopper) -> shopper.email.equals(email) && "vi".equals(shopper.language)));
            assertThat(page.locator("#members-rows")).not().containsText(oneTimer);
            assertThat(page.locator("#members-rows")).not().containsText(vietnamese);
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-segments-custom.png")).setFullPage(true));

            // the export streams with its progress, then downloads
            Download download = page.waitForDownload(() -> page.locator("#segment-export").click());
            assertThat(download.suggestedFilename()).isEqualTo("segment-" + code + ".csv");
            Locator progress = page.locator("#segment-export-progress");
            assertThat(progress).hasAttribute("data-done", "true");
            assertThat(page.locator("#segment-export-status")).hasText(live == 1
                    ? "Exported 1 member to segment-" + code + ".csv." : "Exported " + live + " members to segment-" + code + ".csv.");
            assertThat(progress.evaluate("(p) => p.value === p.max")).isEqualTo(true);
            List<String> lines = Arrays.asList(new String(Files.readAllBytes(download.path()), StandardCharsets.UTF_8)
                    .replace("\uFEFF", "").split("\r\n"));
            assertThat(lines.get(0)).isEqualTo("contact_id,email,first_name,last_name,language,stage,entered_at");
            assertThat(lines).hasSize((int) live + 1);
            assertThat(lines).anySatisfy((line) -> assertThat(line).contains("," + regular + ",Rita,Test,en,loyal,"));

            // a member leads to the contact's own page
            page.locator("#members-rows tr", new Page.LocatorOptions().setHasText(regular)).locator("a").click();
            assertThat(page).hasURL(Pattern.compile(".*#/contacts/\\d+$"));
            assertThat(page.locator("#contact-name")).hasText("Rita Test");
            assertThat(page.locator("#nav-contacts")).hasAttribute("aria-current", "page");

            // back in the list, the custom segment's name and description are text
            page.navigate(url("/remarketing/admin/#/segments"));
            Locator custom = page.locator("#segments-rows tr[data-segment-code=" + code + "]");
            assertThat(custom).containsText(NAME);
            assertThat(custom).containsText(DESCRIPTION);
            assertThat(custom).containsText("Custom");
            assertThat(custom.locator(".segment-size")).hasText(String.valueOf(live));

            assertThat(page.evaluate("() => typeof window.__xss")).isEqualTo("undefined");
            assertThat(dialogs).as("dialogs opened by payloads").isEmpty();
            assertThat(page.locator("#view-segments img, #view-segments script, #view-segments svg:not(.sparkline)"))
                    .hasCount(0);
            assertThat(page.evaluate("() => Array.from(document.querySelectorAll('*')).filter((e) =>"
                    + " Array.from(e.attributes).some((a) => a.name.toLowerCase().startsWith('on'))).length"))
                    .isEqualTo(0);
            assertThat(cspViolations).as("Content-Security-Policy violations").isEmpty();
        }
    }

    @Test
    void aBuiltInsThresholdsHaveTheirLimitsALiveCountAndARebuildWithProgress() {
        Segment repeatBuyers = segments.findByCode("repeat-buyers");
        try (BrowserContext context = session.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            signInToBackoffice(page);
            page.navigate(url("/remarketing/admin/#/segments/" + repeatBuyers.id()));
            assertThat(page.locator("#segment-name")).hasText("Repeat buyers");
            assertThat(page.locator("#segment-explanation")).hasText("At least 2 orders.");
            assertThat(page.locator("#segment-delete")).isHidden();
            Locator threshold = page.locator("#threshold-min_orders");
            assertThat(threshold).hasValue("2");
            assertThat(threshold).hasAttribute("min", "2");
            assertThat(threshold).hasAttribute("max", "100");
            assertThat(page.locator("#threshold-min_orders-hint")).hasText("From 2 to 100 · default 2");

            // a threshold out of its limits is explained by the server's own check
            threshold.fill("1");
            assertThat(page.locator("#segment-count")).hasText("min_orders must be a whole number from 2 to 100");
            threshold.fill("3");
            long threeOrMore = new ContactsAdminApi(url("")).post("/api/v1/private/remarketing/segments/preview",
                    "{\"code\":\"repeat-buyers\",\"settings\":{\"min_orders\":3}}", 200).get("count").asLong();
            assertThat(threeOrMore).isLessThan(repeatBuyers.memberCount());
            assertThat(page.locator("#segment-count")).hasAttribute("data-count", String.valueOf(threeOrMore));
            assertThat(page.locator("#segment-explanation")).hasText("At least 3 orders.");
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-segments-builtin.png")).setFullPage(true));
            threshold.fill("2");
            assertThat(page.locator("#segment-count")).hasAttribute("data-count",
                    String.valueOf(segments.findByCode("repeat-buyers").memberCount()));

            page.locator("#segment-rebuild").click();
            assertThat(page.locator("#segment-status")).hasText(Pattern.compile("^Rebuilt: \\d+ members?\\.$"));
            assertThat(page.locator("#segment-rebuild-state")).hasText("Up to date");
            assertThat(page.locator("#segment-rebuilt-at")).containsText("Last rebuilt");
            assertThat(page.locator("#segment-rebuild")).isEnabled();
            assertThat(segments.findByCode("repeat-buyers").rebuildState()).isEqualTo("DONE");
            assertThat(page.locator("#members-rows")).containsText(regular);
            assertThat(page.locator("#members-rows")).containsText(vietnamese);
        }
    }

    @Test
    void aSavedRuleWithEveryKindOfConditionOpensInTheBuilderAndSavesUnchanged() {
        String rule = "{\"all\":[{\"field\":\"orders_count\",\"op\":\"gte\",\"value\":2},"
                + "{\"any\":[{\"field\":\"language\",\"op\":\"in\",\"value\":[\"vi\",\"en\"]},"
                + "{\"event\":\"view_item\",\"product_id\":42,\"min\":3,\"days\":7}]},"
                + "{\"segment\":\"vip\",\"member\":false},{\"consent\":\"email\",\"granted\":true},"
                + "{\"not\":{\"event\":[\"begin_checkout\",\"add_payment_info\"],\"days\":30}}]}";
        ContactsAdminApi admin = new ContactsAdminApi(url(""));
        long id = admin.post("/api/v1/private/remarketing/segments", "{\"code\":\"every-kind-" + tag
                + "\",\"name\":\"Every kind\",\"rule\":" + rule + "}", 201).get("id").asLong();
        try (BrowserContext context = session.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000))) {
            Page page = context.newPage();
            signInToBackoffice(page);
            page.navigate(url("/remarketing/admin/#/segments/" + id));
            Locator builder = page.locator("#segment-rule");
            assertThat(builder.locator(".rule-condition")).hasCount(6);
            assertThat(builder.locator(".rule-group")).hasCount(2);
            assertThat(builder.locator(".rule-condition[data-kind=event]")).hasCount(2);
            assertThat(builder.locator(".rule-condition[data-kind=event] .rule-did").last()).hasValue("false");
            assertThat(builder.locator(".rule-condition[data-kind=segment] .rule-segment")).hasValue("vip");
            assertThat(builder.locator(".rule-condition[data-kind=event] .rule-product").first()).hasValue("42");
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-segments-every-kind.png"))
                    .setFullPage(true));

            page.locator("#segment-save").click();
            assertThat(page.locator("#segment-status")).hasText("Saved.");
            assertThat(page.locator("#segment-form-error")).isHidden();

            // a group of its own, with an activity condition in it, then taken out again
            builder.locator(".rule-add-group").first().click();
            Locator added = builder.locator(".rule-group .rule-group").last().locator(".rule-condition").first();
            added.locator(".rule-kind").selectOption("event");
            added.locator(".rule-event").selectOption("cart_item_added");
            added.locator(".rule-days").fill("14");
            assertThat(builder.locator(".rule-json-text")).containsText("\"cart_item_added\"");
            // the count is the one of the JSON the builder shows
            long shownCount = admin.post("/api/v1/private/remarketing/segments/preview", "{\"rule\":"
                    + builder.locator(".rule-json-text").textContent() + "}", 200).get("count").asLong();
            assertThat(page.locator("#segment-count")).hasAttribute("data-count", String.valueOf(shownCount));
            builder.locator(".rule-group .rule-group").last().locator(".rule-group-head .rule-remove").click();
            assertThat(builder.locator(".rule-json-text")).not().containsText("cart_item_added");
        }
    }

    @Test
    void segmentsScreenAsksForSignInWithoutAToken() {
        try (BrowserContext context = session.browser.newContext()) {
            Page page = context.newPage();
            page.navigate(url("/remarketing/admin/#/segments"));
            assertThat(page.locator("#sign-in")).isVisible();
            assertThat(page.locator("#view-segments")).isHidden();
        }
    }
}
