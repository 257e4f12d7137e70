package org.remarketing.core.journeys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remarketing.core.contacts.ContactTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Journeys' results and the message log on every supported database, from runs and messages
 * written as the engine leaves them; one subclass per database.
 */
abstract class JourneysReadContractTests {

	/** Microseconds: the precision every vendor keeps. */
	static final Instant FROM = Instant.parse("2026-03-01T00:00:00.000001Z");

	static final Instant TO = FROM.plus(Duration.ofDays(7));

	private ContactTestDatabase database;

	private RunRows rows;

	private JourneyResults results;

	private MessageLog log;

	private long cart;

	private long winback;

	abstract ContactTestDatabase createDatabase();

	@BeforeEach
	void setUp() {
		this.database = createDatabase().migrated();
		JourneyStore store = new JourneyStore(this.database.dataSource(), Clock.systemUTC());
		store.installBuiltIns();
		this.cart = store.find("abandoned-cart").orElseThrow().id();
		this.winback = store.find("one-time-winback").orElseThrow().id();
		this.rows = new RunRows(this.database.jdbc());
		this.results = new JourneyResults(this.database.dataSource());
		this.log = new MessageLog(this.database.dataSource());
	}

	@AfterEach
	void dropDatabase() {
		this.database.drop();
	}

	// ---------------------------------------------------------------- results

	@Test
	void resultsCountTheRunsThatEnteredInThePeriodAndWhatHappenedToTheirMessages() {
		Instant in = FROM.plus(Duration.ofHours(5));
		// messaged: 10 runs, 3 converted (40.00 + 60.50 + one order without a known total)
		List<Long> messaged = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			Instant converted = (i < 3) ? in.plus(Duration.ofHours(30)) : null;
			String revenue = (i == 0) ? "40.00" : (i == 1) ? "60.50" : null;
			messaged.add(this.rows.run(this.cart, 100 + i, false, in.plusSeconds(i), converted, revenue));
		}
		// held out: 4 runs, 1 converted (25.00), their messages held back
		for (int i = 0; i < 4; i++) {
			long run = this.rows.run(this.cart, 200 + i, true, in, (i == 0) ? in.plus(Duration.ofHours(2)) : null,
					(i == 0) ? "25.00" : null);
			this.rows.message(run).state("HELD_OUT", "held out: measures the lift").insert();
		}
		// run 0: two sent, the first opened by a person and clicked, the second opened by a machine only
		long first = sent(messaged.get(0), 0).opened(in.plusSeconds(600)).clicked(in.plusSeconds(700)).insert();
		long machine = sent(messaged.get(0), 1).insert();
		this.rows.event(first, "OPEN", in.plusSeconds(600));
		this.rows.event(first, "CLICK", in.plusSeconds(700));
		this.rows.event(machine, "MACHINE_OPEN", in.plusSeconds(3700));
		// run 1: clicked without the open pixel (images blocked): opened in the funnel, not as a message
		sent(messaged.get(1), 0).clicked(in.plusSeconds(900)).insert();
		// run 2: bounced; run 3: suppressed; run 4: still scheduled; run 5: sent, nothing more
		this.rows.message(messaged.get(2)).state("BOUNCED", "bounced: mailbox unknown").insert();
		this.rows.message(messaged.get(3)).state("SUPPRESSED", "suppressed: unsubscribed 2 days ago").insert();
		this.rows.message(messaged.get(4)).insert();
		sent(messaged.get(5), 0).opened(in.plusSeconds(60)).insert();
		// a run that entered before the period, and one at its very end: neither counts
		long before = this.rows.run(this.cart, 300, false, FROM.minusNanos(1000), in, "999.00");
		sent(before, 0).opened(in).insert();
		this.rows.run(this.cart, 301, true, TO, null, null);
		// another journey's runs
		long other = this.rows.run(this.winback, 400, false, in, in.plusSeconds(5), "10.00");
		sent(other, 0).insert();

		JourneyFigures figures = this.results.figures(this.cart, FROM, TO);
		assertThat(figures.entrants()).isEqualTo(14);
		assertThat(figures.messagedEntrants()).isEqualTo(10);
		assertThat(figures.holdoutEntrants()).isEqualTo(4);
		assertThat(figures.sent()).as("sent and bounced").isEqualTo(5);
		assertThat(figures.delivered()).isEqualTo(4);
		assertThat(figures.opened()).as("human opens only").isEqualTo(2);
		assertThat(figures.clicked()).isEqualTo(2);
		assertThat(figures.reached()).as("runs sent a message").isEqualTo(4);
		assertThat(figures.openedRuns()).as("runs that opened or clicked").isEqualTo(3);
		assertThat(figures.clickedRuns()).isEqualTo(2);
		assertThat(figures.conversions()).isEqualTo(3);
		assertThat(figures.revenue()).isEqualByComparingTo("100.50");
		assertThat(figures.holdoutConversions()).isEqualTo(1);
		assertThat(figures.holdoutRevenue()).isEqualByComparingTo("25.00");
		Lift lift = figures.lift();
		assertThat(lift.messagedRate()).isEqualTo(0.3);
		assertThat(lift.holdoutRate()).isEqualTo(0.25);
		assertThat(lift.difference()).isEqualTo(Lift.of(3, 10, 1, 4).difference());
		// 100.50 − 25.00 / 4 · 10
		assertThat(figures.incrementalRevenue()).isCloseTo(38.0, org.assertj.core.data.Offset.offset(1e-9));

		// without bounds: the run before the period and the one at its end count too
		JourneyFigures all = this.results.figures(this.cart, null, null);
		assertThat(all.messagedEntrants()).isEqualTo(11);
		assertThat(all.holdoutEntrants()).isEqualTo(5);
		assertThat(all.revenue()).isEqualByComparingTo("1099.50");
		assertThat(all.opened()).isEqualTo(3);
	}

	@Test
	void everyJourneysResultsComeFromOneCallAndAJourneyWithoutRunsHasNone() {
		Instant in = FROM.plus(Duration.ofDays(1));
		long cartRun = this.rows.run(this.cart, 1, false, in, in.plusSeconds(60), "12.00");
		sent(cartRun, 0).insert();
		sent(cartRun, 1).insert();
		this.rows.run(this.cart, 2, true, in, null, null);
		this.rows.run(this.winback, 3, false, in, null, null);

		Map<Long, JourneyFigures> byJourney = this.results.figuresByJourney(FROM, TO);
		assertThat(byJourney).containsOnlyKeys(this.cart, this.winback);
		assertThat(byJourney.get(this.cart).entrants()).isEqualTo(2);
		assertThat(byJourney.get(this.cart).sent()).isEqualTo(2);
		assertThat(byJourney.get(this.cart).conversions()).isEqualTo(1);
		assertThat(byJourney.get(this.cart).revenue()).isEqualByComparingTo("12.00");
		assertThat(byJourney.get(this.winback).entrants()).isEqualTo(1);
		assertThat(byJourney.get(this.winback).sent()).isZero();

		JourneyFigures none = this.results.figures(this.winback, TO, TO.plus(Duration.ofDays(1)));
		assertThat(none.entrants()).isZero();
		assertThat(none.revenue()).isEqualByComparingTo("0");
		assertThat(none.lift().enoughData()).isFalse();
		assertThat(this.results.figuresByJourney(TO, null)).isEmpty();
	}

	// ---------------------------------------------------------------- message log

	@Test
	void theLogPagesNewestFirstWithoutGapsOrRepeats() {
		long run = this.rows.run(this.cart, 7, false, FROM, null, null);
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			ids.add(this.rows.message(run).step(i).due(FROM.plus(Duration.ofHours(i))).insert());
		}
		List<Long> seen = new ArrayList<>();
		Long after = null;
		int pages = 0;
		do {
			MessagePage page = this.log.page(MessageQuery.ALL, after, 3);
			page.items().forEach((message) -> seen.add(message.id()));
			after = page.next();
			pages++;
		}
		while (after != null);
		assertThat(pages).isEqualTo(3);
		List<Long> newestFirst = new ArrayList<>(ids);
		newestFirst.sort((a, b) -> Long.compare(b, a));
		assertThat(seen).containsExactlyElementsOf(newestFirst);
		// a page that ends exactly at the last message says there is no next one
		assertThat(this.log.page(MessageQuery.ALL, null, 7).next()).isNull();
		assertThat(this.log.page(MessageQuery.ALL, null, 6).next()).isEqualTo(newestFirst.get(5));
		assertThatIllegalArgumentException().isThrownBy(() -> this.log.page(MessageQuery.ALL, null, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> this.log.page(MessageQuery.ALL, null, MessageLog.MAX_SIZE + 1));
	}

	@Test
	void filtersNarrowTheLogAndTheCountsPerStateIgnoreOnlyTheStateFilter() {
		long ann = this.rows.run(this.cart, 11, false, FROM, null, null);
		long bob = this.rows.run(this.cart, 12, false, FROM, null, null);
		long bobWinback = this.rows.run(this.winback, 12, false, FROM, null, null);
		Instant day2 = FROM.plus(Duration.ofDays(1));
		long annSent = this.rows.message(ann).due(FROM).sent(FROM, "Ann@Example.com", "Your cart").insert();
		long annSuppressed = this.rows.message(ann).step(1).due(day2)
			.state("SUPPRESSED", "suppressed: unsubscribed on 2026-02-20").insert();
		long bobSent = this.rows.message(bob).due(day2).sent(day2, "bob@example.com", "Your cart").insert();
		long bobWinbackSent = this.rows.message(bobWinback).due(day2).sent(day2, "bob@example.com", "We miss you").insert();

		assertThat(ids(MessageQuery.ALL.withJourney("abandoned-cart"))).containsExactly(bobSent, annSuppressed, annSent);
		assertThat(ids(MessageQuery.ALL.withState("SENT"))).containsExactly(bobWinbackSent, bobSent, annSent);
		assertThat(ids(MessageQuery.ALL.withContact(12L))).containsExactly(bobWinbackSent, bobSent);
		assertThat(ids(MessageQuery.ALL.withRecipient(" ann@example.COM "))).containsExactly(annSent);
		assertThat(ids(MessageQuery.ALL.withRecipient("ann@"))).as("the whole address, not a prefix").isEmpty();
		assertThat(ids(MessageQuery.ALL.withDue(day2, null))).containsExactly(bobWinbackSent, bobSent, annSuppressed);
		assertThat(ids(MessageQuery.ALL.withDue(FROM, day2))).containsExactly(annSent);
		assertThat(ids(MessageQuery.ALL.withJourney("no-such-journey"))).isEmpty();
		MessageQuery bobsCartMail = MessageQuery.ALL.withJourney("abandoned-cart").withContact(12L).withState("SENT");
		assertThat(ids(bobsCartMail)).containsExactly(bobSent);

		Map<String, Long> counts = this.log.countsByState(MessageQuery.ALL.withJourney("abandoned-cart").withState("SENT"));
		assertThat(counts.keySet()).containsExactlyElementsOf(MessageLog.STATES);
		assertThat(counts).containsEntry("SENT", 2L).containsEntry("SUPPRESSED", 1L).containsEntry("BOUNCED", 0L);
		assertThat(this.log.countsByState(MessageQuery.ALL.withRecipient("bob@example.com")))
			.containsEntry("SENT", 2L).containsEntry("SUPPRESSED", 0L);
		assertThatIllegalArgumentException().isThrownBy(() -> MessageQuery.ALL.withState("sent"));
	}

	@Test
	void oneMessageHasItsContentItsEventsOldestFirstItsReasonAndItsRun() {
		Instant in = FROM.plus(Duration.ofHours(1));
		long run = this.rows.run(this.cart, 21, false, in, in.plus(Duration.ofHours(3)), "79.90");
		String subject = "Still thinking about <b>Tea</b>?";
		long id = this.rows.message(run).step(1).due(in).sent(in.plusSeconds(2), "cy@example.com", subject)
			.opened(in.plusSeconds(300)).insert();
		this.rows.event(id, "CLICK", in.plusSeconds(400));
		this.rows.event(id, "MACHINE_OPEN", in.plusSeconds(100));
		this.rows.event(id, "OPEN", in.plusSeconds(300));

		MessageDetails details = this.log.find(id).orElseThrow();
		LoggedMessage message = details.message();
		assertThat(message.journeyCode()).isEqualTo("abandoned-cart");
		assertThat(message.journeyName()).isEqualTo("Abandoned cart");
		assertThat(message.contactId()).isEqualTo(21);
		assertThat(message.stepNo()).isEqualTo(1);
		assertThat(message.state()).isEqualTo("SENT");
		assertThat(message.recipient()).isEqualTo("cy@example.com");
		assertThat(message.subject()).isEqualTo(subject);
		assertThat(message.dueAt()).isEqualTo(in);
		assertThat(message.sentAt()).isEqualTo(in.plusSeconds(2));
		assertThat(message.openedAt()).isEqualTo(in.plusSeconds(300));
		assertThat(details.bodyHtml()).isEqualTo("<p>" + subject + "</p>");
		assertThat(details.bodyText()).isEqualTo(subject);
		assertThat(details.attempts()).isEqualTo(1);
		assertThat(details.events().stream().map(MessageEvent::kind).collect(Collectors.toList()))
			.containsExactly("MACHINE_OPEN", "OPEN", "CLICK");
		assertThat(details.events().get(0).occurredAt()).isEqualTo(in.plusSeconds(100));
		assertThat(details.run().holdout()).isFalse();
		assertThat(details.run().state()).isEqualTo("COMPLETED");
		assertThat(details.run().enteredAt()).isEqualTo(in);
		assertThat(details.run().convertedAt()).isEqualTo(in.plus(Duration.ofHours(3)));
		assertThat(details.run().revenue()).isEqualByComparingTo("79.90");
		assertThat(details.run().orderId()).startsWith("order-");

		long suppressed = this.rows.message(run).step(2).state("SUPPRESSED", "suppressed: unsubscribed on 2026-11-20")
			.insert();
		MessageDetails held = this.log.find(suppressed).orElseThrow();
		assertThat(held.message().reason()).isEqualTo("suppressed: unsubscribed on 2026-11-20");
		assertThat(held.message().sentAt()).isNull();
		assertThat(held.bodyHtml()).isNull();
		assertThat(held.events()).isEmpty();
		assertThat(this.log.find(id + 1000)).isEmpty();
	}

	private RunRows.Message sent(long run, int step) {
		Instant at = FROM.plus(Duration.ofDays(2)).plus(Duration.ofHours(step));
		return this.rows.message(run).step(step).due(at).sent(at, "shopper@example.com", "Your cart");
	}

	private List<Long> ids(MessageQuery query) {
		return this.log.page(query, null, MessageLog.MAX_SIZE).items().stream().map(LoggedMessage::id)
			.collect(Collectors.toList());
	}

}
