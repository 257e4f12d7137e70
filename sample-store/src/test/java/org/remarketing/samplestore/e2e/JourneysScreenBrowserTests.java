package org.remarketing.samplestore.e2e;

import java.math.BigDecimal;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.remarketing.core.journeys.JourneyException;
import org.remarketing.core.journeys.JourneyPreviews;
import org.remarketing.core.journeys.JourneyStore;
import org.remarketing.core.journeys.StepRenderer.Rendered;
import org.remarketing.core.schema.RemarketingSchema;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plugin's Journeys and Messages screens in Chromium, signed in through the store's backoffice.
 * Runs and messages are written as the journeys engine leaves them: 200 messaged entrants of the
 * abandoned-cart journey with 30 conversions against 25 held out with 2, and messages whose
 * subject, reason, recipient and HTML carry scripts. An administrator sees the nine shipped
 * journeys, edits a delay and the holdout, reads the results and the lift with its interval,
 * previews a step, filters the message log and opens a message: every payload shows as text and
 * none runs.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:journeysui;MODE=MySQL;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1",
        // The engine stays off here: the store's seeded customers would enter journeys (win-back, cross-sell,
        // birthday) and send real messages while the class runs, changing the figures it checks.
        "remarketing.journeys.enabled=false"})
@Import(JourneysScreenBrowserTests.Journeys.class)
class JourneysScreenBrowserTests extends BrowserTestSupport {

    // Each payload, if it ever ran, would set window.__xss or open a dialog.
    static final String SUBJECT = "Happy birthday <img src=x onerror=window.__xss=1>";
    static final String REASON = "<script>window.__xss=2</script> sent on the second try";
    static final String RECIPIENT = "\"><svg onload=window.__xss=3>@example.com";
    static final String HTML = "<html><body style=\"background:#fef3c7\"><script>parent.__xss=4;alert(4)</script>"
            + "<img src=x onerror=\"parent.__xss=5\"><p id=\"hello\" style=\"color:rgb(18, 52, 86)\">Hello from the"
            + " email</p><form action=\"https://evil.example/\"><button id=\"submit\">Go</button></form></body></html>";
    static final String TEXT = "Hello <script>window.__xss=6</script>";
    static final String PREVIEW_SUBJECT = "Your cart <svg onload=window.__xss=7>";
    static final String UNSUBSCRIBED = "suppressed: unsubscribed on 2026-11-20";

    @Autowired
    JourneyStore journeys;

    @Autowired
    JdbcTemplate jdbc;

    long payloadMessage;

    @BeforeAll
    void runsAndMessages() {
        long cart = journeys.find("abandoned-cart").orElseThrow().id();
        long birthday = journeys.find("birthday").orElseThrow().id();
        Instant entered = Instant.now().minus(Duration.ofDays(2));
        // 200 messaged with 30 orders of 40.00; 90 opened, 40 clicked
        for (int i = 0; i < 200; i++) {
            long run = run(cart, 5000 + i, false, entered.plusSeconds(i), i < 30);
            message(run, 1, "SENT", null, "shopper" + i + "@example.com", "Still in your cart", entered.plusSeconds(i),
                    i < 90, i < 40);
        }
        // 25 held out with 2 orders
        for (int i = 0; i < 25; i++) {
            long run = run(cart, 6000 + i, true, entered.plusSeconds(i), i < 2);
            message(run, 1, "HELD_OUT", "held out: measures the journey's lift", null, null, entered.plusSeconds(i),
                    false, false);
        }
        long run = run(birthday, 7000, false, entered.plusSeconds(300), false);
        payloadMessage = message(run, 1, "SENT", REASON, RECIPIENT, SUBJECT, entered.plusSeconds(400), false, false);
        jdbc.update("UPDATE rmk_message SET body_html = ?, body_text = ? WHERE id = ?", HTML, TEXT, payloadMessage);
        jdbc.update("INSERT INTO rmk_message_event (message_id, kind, detail, occurred_at) VALUES (?, 'MACHINE_OPEN',"
                + " ?, ?)", payloadMessage, "<b>proxy</b>", utc(entered.plusSeconds(500)));
        message(run(birthday, 7001, false, entered.plusSeconds(301), false), 1, "SUPPRESSED", UNSUBSCRIBED, null,
                null, entered.plusSeconds(401), false, false);
    }

    @Test
    void theShippedJourneysAreListedAndAnEditOfADelayAndTheHoldoutIsSaved() {
        try (BrowserContext context = session.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000))) {
            Page page = context.newPage();
            signInToBackoffice(page);
            page.navigate(url("/remarketing/admin/#/journeys"));
            assertThat(page.locator("#nav-journeys")).hasAttribute("aria-current", "page");
            assertThat(page.locator("#journeys-rows tr")).hasCount(9);
            Locator cart = page.locator("#journeys-rows tr[data-journey-code=abandoned-cart]");
            assertThat(cart).containsText("Abandoned cart");
            assertThat(cart).containsText("On");
            assertThat(cart).containsText("3 emails: at entry, after 23 h and after 2 days 23 h");
            assertThat(cart.locator(".journey-entrants")).hasText("225");
            assertThat(cart.locator(".journey-sent")).hasText("200");
            assertThat(cart.locator(".journey-conversions")).hasText("30");
            assertThat(cart.locator(".journey-revenue")).hasText("1,200.00");
            for (String code : List.of("abandoned-checkout", "browse-abandonment", "one-time-winback", "replenishment",
                    "birthday", "cross-sell", "new-products", "after-order")) {
                assertThat(page.locator("#journeys-rows tr[data-journey-code=" + code + "]")).hasCount(1);
            }
            assertThat(cart.locator(".cell-trigger")).hasText("abandoned-cart");
            assertThat(page.locator("#journeys-rows tr[data-journey-code=after-order] .cell-trigger"))
                    .hasText("event: order_placed");
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-journeys-list.png")).setFullPage(true));

            cart.locator("a").first().click();
            assertThat(page).hasURL(Pattern.compile(".*#/journeys/abandoned-cart$"));
            Locator second = page.locator("#journey-steps .step").nth(1);
            assertThat(second.locator(".step-delay")).hasValue("23");
            assertThat(second.locator(".step-unit")).hasValue("60");
            assertThat(second.locator(".step-template")).hasValue("cart-reminder");

            // a holdout over the limit is refused beside its field, and nothing is saved
            page.locator("#journey-holdout").fill("60");
            page.locator("#journey-save").click();
            Locator holdoutError = page.locator("[data-error-for=holdoutPercent]");
            assertThat(holdoutError).isVisible();
            assertThat(holdoutError).hasText("holdout is 0 to 50 %");
            assertThat(page.locator("#journey-holdout")).hasAttribute("aria-invalid", "true");
            assertThat(journeys.find("abandoned-cart").orElseThrow().holdoutPercent()).isEqualTo(10);

            // a step that does not come after the one before is refused at that step
            second.locator(".step-delay").fill("0");
            page.locator("#journey-holdout").fill("15");
            page.locator("#journey-save").click();
            assertThat(second.locator(".step-error")).hasText("each step comes after the previous one");
            assertThat(holdoutError).isHidden();

            second.locator(".step-delay").fill("20");
            page.locator("#journey-save").click();
            assertThat(page.locator("#journey-save-status")).containsText("Saved.");
            assertThat(second.locator(".step-error")).isHidden();
            var saved = journeys.find("abandoned-cart").orElseThrow();
            assertThat(saved.steps().get(1).delay()).isEqualTo(Duration.ofHours(20));
            assertThat(saved.steps().get(2).delay()).isEqualTo(Duration.ofHours(71));
            assertThat(saved.holdoutPercent()).isEqualTo(15);

            // the saved values come back after a reload
            page.reload();
            assertThat(page.locator("#journey-steps .step").nth(1).locator(".step-delay")).hasValue("20");
            assertThat(page.locator("#journey-holdout")).hasValue("15");
        }
    }

    @Test
    void theResultsPanelShowsTheFunnelBothRatesAndTheLiftWithItsInterval() {
        try (BrowserContext context = session.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1100))) {
            Page page = context.newPage();
            signInToBackoffice(page);
            page.navigate(url("/remarketing/admin/#/journeys/abandoned-cart"));
            assertThat(page.locator("#journey-name")).hasText("Abandoned cart");
            Locator funnel = page.locator("#journey-funnel");
            assertThat(funnel.locator("[data-stage=entered] .funnel-count")).hasText("200 · 100.0 %");
            assertThat(funnel.locator("[data-stage=sent] .funnel-count")).hasText("200 · 100.0 %");
            assertThat(funnel.locator("[data-stage=opened] .funnel-count")).hasText("90 · 45.0 %");
            assertThat(funnel.locator("[data-stage=clicked] .funnel-count")).hasText("40 · 20.0 %");
            assertThat(funnel.locator("[data-stage=converted] .funnel-count")).hasText("30 · 15.0 %");
            assertThat(page.locator("#lift-messaged")).hasText("15.0 % (30 of 200)");
            assertThat(page.locator("#lift-holdout")).hasText("8.0 % (2 of 25)");
            // Newcombe's interval for 30/200 − 2/25
            assertThat(page.locator("#lift-summary")).hasText("+7.0 points (95% CI -10.5 to +15.1)");
            assertThat(page.locator("#lift-meaning")).containsText("Not certain yet");
            assertThat(page.locator("#journey-revenue")).hasText("1,200.00");
            assertThat(page.locator("#journey-holdout-revenue")).hasText("80.00");
            // 1200 − 80 / 25 · 200
            assertThat(page.locator("#journey-incremental")).hasText("560.00 · 14 conversions");
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-journey-results.png")).setFullPage(true));

            // a period before any run: nothing to compare
            page.locator("#journey-from").fill("2020-01-01");
            page.locator("#journey-to").fill("2020-01-31");
            page.locator("#journey-period-apply").click();
            assertThat(page).hasURL(Pattern.compile(".*#/journeys/abandoned-cart\\?from=2020-01-01&to=2020-01-31$"));
            assertThat(page.locator("#lift-summary")).hasText("Not enough data yet");
            assertThat(funnel.locator("[data-stage=entered] .funnel-count")).hasText("0");

            // a journey with messaged runs only
            page.navigate(url("/remarketing/admin/#/journeys/birthday"));
            assertThat(page.locator("#journey-name")).hasText("Birthday");
            assertThat(page.locator("#lift-summary")).hasText("Not enough data yet");
            assertThat(page.locator("#lift-meaning")).hasText("No one has been held out in this period yet: the lift needs both groups.");
        }
    }

    @Test
    void aStepPreviewShowsTheSubjectAsTextAndTheHtmlInASandboxThatRunsNothing() {
        try (BrowserContext context = session.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1600))) {
            Page page = context.newPage();
            List<String> dialogs = recordDialogs(page);
            signInToBackoffice(page);
            page.navigate(url("/remarketing/admin/#/journeys/abandoned-cart"));
            assertThat(page.locator("#journey-preview-step option")).hasCount(3);
            page.locator("#journey-preview-step").selectOption("2");
            page.locator("#journey-preview-contact").fill("5001");
            page.locator("#journey-preview-show").click();
            assertThat(page.locator("#journey-preview-subject")).hasText(PREVIEW_SUBJECT + " (step 2, contact 5001)");
            Locator frame = page.locator("#journey-preview-frame");
            assertThat(frame).hasAttribute("sandbox", "");
            FrameLocator inside = page.frameLocator("#journey-preview-frame");
            assertThat(inside.locator("#hello")).hasText("Hello from the email");
            assertThat(page.locator("#journey-preview-text")).hasText(TEXT);

            // a contact the engine does not know is its refusal, in words
            page.locator("#journey-preview-contact").fill("404");
            page.locator("#journey-preview-show").click();
            assertThat(page.locator("#journey-preview-status")).hasText("No contact 404.");
            assertThat(page.locator("#journey-preview")).isHidden();

            page.locator("#journey-preview-contact").fill("5001");
            page.locator("#journey-preview-show").click();
            assertThat(page.locator("#journey-preview")).isVisible();
            page.locator("#journey-test-to").fill("not an address");
            page.locator("#journey-test-send").click();
            assertThat(page.locator("#journey-test-status")).hasText("to must be one email address such as you@example.com.");
            page.locator("#journey-test-to").fill("staff@example.com");
            page.locator("#journey-test-send").click();
            assertThat(page.locator("#journey-test-status"))
                    .hasText("Sent “[TEST] " + PREVIEW_SUBJECT + " (step 2, contact 5001)” to staff@example.com.");
            assertThat(StandInPreviews.SENT).contains("staff@example.com");
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-journey-preview.png")).setFullPage(true));

            assertNothingRan(page, dialogs);
        }
    }

    @Test
    void theMessageLogFiltersByStateAndAMessagesPayloadsShowAsTextWithItsHtmlSandboxed() {
        try (BrowserContext context = session.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1400))) {
            Page page = context.newPage();
            List<String> dialogs = recordDialogs(page);
            List<String> cspViolations = recordCspViolations(page);
            signInToBackoffice(page);
            page.navigate(url("/remarketing/admin/#/messages"));
            assertThat(page.locator("#nav-messages")).hasAttribute("aria-current", "page");
            assertThat(page.locator("#messages-rows tr")).hasCount(50);
            assertThat(page.locator("#messages-more")).isVisible();
            assertThat(page.locator("#messages-counts [data-state=SENT]")).hasText("Sent · 201");
            assertThat(page.locator("#messages-counts [data-state=HELD_OUT]")).hasText("Held out · 25");
            assertThat(page.locator("#messages-counts [data-state=SUPPRESSED]")).hasText("Suppressed · 1");
            assertThat(page.locator("#messages-status")).hasText("227 messages, showing the newest 50");
            page.locator("#messages-more").click();
            assertThat(page.locator("#messages-rows tr")).hasCount(100);

            // by state, from the filter form
            page.locator("#messages-state").selectOption("SUPPRESSED");
            page.locator("#messages-apply").click();
            assertThat(page).hasURL(Pattern.compile(".*#/messages\\?state=SUPPRESSED$"));
            assertThat(page.locator("#messages-rows tr")).hasCount(1);
            assertThat(page.locator("#messages-rows tr").first()).hasAttribute("data-state", "SUPPRESSED");
            assertThat(page.locator("#messages-rows .cell-reason")).hasText(UNSUBSCRIBED);
            assertThat(page.locator("#messages-counts [data-state=SUPPRESSED]")).hasAttribute("aria-current", "true");
            // and from the chips: held out only, then the birthday journey's messages
            page.locator("#messages-counts [data-state=HELD_OUT]").click();
            assertThat(page.locator("#messages-rows tr[data-state=HELD_OUT]")).hasCount(25);
            assertThat(page.locator("#messages-rows tr:not([data-state=HELD_OUT])")).hasCount(0);
            page.navigate(url("/remarketing/admin/#/messages?journey=birthday"));
            assertThat(page.locator("#messages-journey")).hasValue("birthday");
            assertThat(page.locator("#messages-rows tr")).hasCount(2);
            Locator row = page.locator("#messages-rows tr[data-message-id='" + payloadMessage + "']");
            assertThat(row.locator(".cell-email")).hasText(RECIPIENT);
            assertThat(row.locator(".cell-reason")).hasText(REASON);
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-messages.png")).setFullPage(true));

            row.locator("a").click();
            assertThat(page).hasURL(Pattern.compile(".*#/messages/" + payloadMessage + "$"));
            assertThat(page.locator("#message-subject")).hasText(SUBJECT);
            assertThat(page.locator("#message-reason")).hasText(REASON);
            assertThat(page.locator("#message-recipient")).hasText(RECIPIENT);
            assertThat(page.locator("#message-step")).hasText("Step 1");
            assertThat(page.locator("#message-events")).containsText("Opened by a machine");
            assertThat(page.locator("#message-events")).containsText("<b>proxy</b>");
            assertThat(page.locator("#message-text")).hasText(TEXT);
            Locator frame = page.locator("#message-frame");
            assertThat(frame).hasAttribute("sandbox", "");
            FrameLocator inside = page.frameLocator("#message-frame");
            assertThat(inside.locator("#hello")).hasText("Hello from the email");
            // styled as it was sent: the inline styles of an email apply inside the sandbox
            assertThat(inside.locator("#hello")).hasCSS("color", "rgb(18, 52, 86)");
            // a form in the message goes nowhere: the sandbox allows no form
            inside.locator("#submit").click();
            assertThat(page).hasURL(Pattern.compile(".*#/messages/" + payloadMessage + "$"));
            assertThat(inside.locator("#hello")).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-message.png")).setFullPage(true));

            assertNothingRan(page, dialogs);
            assertThat(page.locator("#view-message img, #view-message script, #view-message svg")).hasCount(0);
            assertThat(cspViolations).as("Content-Security-Policy violations").isEmpty();
        }
    }

    @Test
    void journeysAndMessagesAskForSignInWithoutAToken() {
        try (BrowserContext context = session.browser.newContext()) {
            Page page = context.newPage();
            page.navigate(url("/remarketing/admin/#/journeys"));
            assertThat(page.locator("#sign-in")).isVisible();
            assertThat(page.locator("#view-journeys")).isHidden();
            page.navigate(url("/remarketing/admin/#/messages"));
            assertThat(page.locator("#sign-in")).isVisible();
        }
    }

    private static void assertNothingRan(Page page, List<String> dialogs) {
        assertThat(page.evaluate("() => typeof window.__xss")).isEqualTo("undefined");
        assertThat(dialogs).as("dialogs opened by payloads").isEmpty();
        assertThat(page.evaluate("() => Array.from(document.querySelectorAll('*')).filter((e) =>"
                + " Array.from(e.attributes).some((a) => a.name.toLowerCase().startsWith('on'))).length"))
                .isEqualTo(0);
    }

    // ---------------------------------------------------------------- rows as the engine leaves them

    private long run(long journeyId, long contactId, boolean holdout, Instant entered, boolean converted) {
        String key = "e2e-" + UUID.randomUUID();
        jdbc.update("INSERT INTO rmk_journey_run (journey_id, contact_id, entry_key, state, holdout, entered_at,"
                + " converted_at, order_id, revenue) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", journeyId, contactId, key,
                converted ? "COMPLETED" : "ACTIVE", holdout, utc(entered),
                converted ? utc(entered.plus(Duration.ofHours(5))) : null, converted ? "order-" + contactId : null,
                converted ? new BigDecimal("40.00") : null);
        return jdbc.queryForObject("SELECT id FROM rmk_journey_run WHERE entry_key = ?", Long.class, key);
    }

    private long message(long runId, int step, String state, String reason, String recipient, String subject,
                         Instant due, boolean opened, boolean clicked) {
        String key = "e2e-" + runId + ":" + step;
        boolean sent = "SENT".equals(state);
        jdbc.update("INSERT INTO rmk_message (run_id, journey_id, contact_id, step_no, channel, template, send_key,"
                + " state, reason, due_at, attempts, sent_at, recipient, subject, body_html, body_text, opened_at,"
                + " clicked_at, created_at, updated_at) SELECT id, journey_id, contact_id, ?, 'EMAIL', 'cart-reminder',"
                + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM rmk_journey_run WHERE id = ?", step, key, state, reason,
                utc(due), sent ? 1 : 0, sent ? utc(due) : null, recipient, subject,
                sent ? "<p>" + subject + "</p>" : null, subject, opened ? utc(due.plusSeconds(600)) : null,
                clicked ? utc(due.plusSeconds(700)) : null, utc(due), utc(due), runId);
        return jdbc.queryForObject("SELECT id FROM rmk_message WHERE send_key = ?", Long.class, key);
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /**
     * The journeys' store with the shipped journeys, and a stand-in for the engine's previews whose
     * rendering carries scripts. Primary, so that they also win over the engine's own beans.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class Journeys {

        @Bean
        @Primary
        JourneyStore testJourneyStore(RemarketingSchema schema) {
            JourneyStore store = new JourneyStore(schema.dataSource(), Clock.systemUTC());
            store.installBuiltIns();
            return store;
        }

        @Bean
        @Primary
        JourneyPreviews testJourneyPreviews() {
            return new StandInPreviews();
        }

    }

    /** Renders every step with the payloads; refuses contact 404; records test sends. */
    static final class StandInPreviews implements JourneyPreviews {

        static final List<String> SENT = new CopyOnWriteArrayList<>();

        @Override
        public Rendered preview(String journeyCode, int stepNo, long contactId) {
            if (contactId == 404) {
                throw new JourneyException("contact", "No contact 404.");
            }
            return new Rendered(PREVIEW_SUBJECT + " (step " + stepNo + ", contact " + contactId + ")", HTML, TEXT);
        }

        @Override
        public Rendered testSend(String journeyCode, int stepNo, long contactId, String to) {
            Rendered preview = preview(journeyCode, stepNo, contactId);
            SENT.add(to);
            return new Rendered("[TEST] " + preview.subject(), preview.html(), preview.text());
        }

    }
}
