package org.remarketing.core.journeys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.remarketing.core.channels.email.LinkTokens;
import org.remarketing.core.channels.email.MailTransport;
import org.remarketing.core.channels.email.MessageLinks;
import org.remarketing.core.contacts.ContactTestDatabase;
import org.remarketing.core.schema.DbTime;
import org.remarketing.core.system.InstallSecrets;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two store nodes, each with its own db-scheduler, on one database and one SMTP server: every due
 * step is sent exactly once — none twice, none lost — and both nodes take part.
 */
abstract class TwoSchedulersContractTests {

	private static final int MESSAGES = 240;

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

	private ContactTestDatabase database;

	private final List<JourneyScheduler> nodes = new ArrayList<>();

	abstract ContactTestDatabase createDatabase();

	@BeforeEach
	void setUp() {
		this.database = createDatabase().migrated();
	}

	@AfterEach
	void tearDown() {
		this.nodes.forEach(JourneyScheduler::stop);
		this.database.drop();
	}

	@Test
	void everyDueStepIsSentExactlyOnceByTwoNodes() {
		JdbcTemplate jdbc = this.database.jdbc();
		Clock clock = Clock.systemUTC();
		InstallSecrets secrets = InstallSecrets.loadOrCreate(jdbc, clock);
		JourneyStore store = new JourneyStore(this.database.dataSource(), clock);
		store.installBuiltIns();
		Journey journey = store.find("abandoned-cart").orElseThrow();
		JourneySettings settings = new JourneySettings().from("shop@example.com").quietHours(false, java.time.LocalTime.NOON,
				java.time.LocalTime.MIDNIGHT);
		JourneyScheduler a = node("node-a", settings, secrets, clock);
		JourneyScheduler b = node("node-b", settings, secrets, clock);

		// The runs and their first steps, due now, scheduled in the same transactions as the rows.
		Instant now = clock.instant();
		TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(this.database.dataSource()));
		List<Long> messageIds = new ArrayList<>();
		for (int i = 0; i < MESSAGES; i++) {
			int n = i;
			tx.executeWithoutResult((s) -> {
				jdbc.update("INSERT INTO rmk_contact (created_at, updated_at, email, visits, cart_items, cart_value, orders_count,"
						+ " total_spent) VALUES (?, ?, ?, 0, 1, 10, 0, 0)", DbTime.utc(now), DbTime.utc(now), "s" + n + "@example.com");
				long contact = jdbc.queryForObject("SELECT MAX(id) FROM rmk_contact", Long.class);
				jdbc.update("INSERT INTO rmk_journey_run (journey_id, contact_id, entry_key, state, holdout, entered_at)"
						+ " VALUES (?, ?, ?, 'ACTIVE', ?, ?)", journey.id(), contact, "t" + n, false, DbTime.utc(now));
				long run = jdbc.queryForObject("SELECT MAX(id) FROM rmk_journey_run", Long.class);
				jdbc.update("INSERT INTO rmk_message (run_id, journey_id, contact_id, step_no, channel, template, send_key, state,"
						+ " due_at, attempts, created_at, updated_at) VALUES (?, ?, ?, 1, 'EMAIL', 'cart-reminder', ?, 'SCHEDULED', ?, 0, ?, ?)",
						run, journey.id(), contact, "r" + run + ":s1", DbTime.utc(now), DbTime.utc(now), DbTime.utc(now));
				long message = jdbc.queryForObject("SELECT MAX(id) FROM rmk_message", Long.class);
				(n % 2 == 0 ? a : b).schedule(message, now);
				messageIds.add(message);
			});
		}
		a.start();
		b.start();

		await().atMost(120, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(250)).until(() -> jdbc.queryForObject(
				"SELECT COUNT(*) FROM rmk_message WHERE state = 'SENT'", Integer.class) == MESSAGES);
		await().atMost(10, TimeUnit.SECONDS).until(() -> smtp.getReceivedMessages().length >= MESSAGES);

		MimeMessage[] received = smtp.getReceivedMessages();
		Set<String> ids = new HashSet<>();
		Set<String> recipients = new HashSet<>();
		for (MimeMessage message : received) {
			try {
				ids.add(message.getMessageID());
				recipients.add(message.getAllRecipients()[0].toString());
			}
			catch (javax.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}
		assertThat(received).hasSize(MESSAGES);
		assertThat(ids).hasSize(MESSAGES);
		assertThat(recipients).hasSize(MESSAGES);
		assertThat(jdbc.queryForList("SELECT DISTINCT state FROM rmk_message", String.class)).containsExactly("SENT");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rmk_scheduled_tasks WHERE task_name = ?", Integer.class,
				JourneyScheduler.STEP_TASK)).isZero();
		// Both nodes sent: the picked_by column is gone with the rows, so count by the transport of each node.
		assertThat(this.sentBy).allSatisfy((node, count) -> assertThat(count).isPositive());
	}

	private final java.util.Map<String, Integer> sentBy = new java.util.concurrent.ConcurrentHashMap<>();

	private JourneyScheduler node(String name, JourneySettings settings, InstallSecrets secrets, Clock clock) {
		JavaMailSenderImpl mail = new JavaMailSenderImpl();
		mail.setHost("127.0.0.1");
		mail.setPort(smtp.getSmtp().getPort());
		this.sentBy.put(name, 0);
		MailTransport transport = new MailTransport(mail) {
			@Override
			public void send(MailTransport.Prepared email) throws org.remarketing.core.channels.email.MailFailure {
				super.send(email);
				TwoSchedulersContractTests.this.sentBy.merge(name, 1, Integer::sum);
			}
		};
		StepSender sender = new StepSender(this.database.dataSource(), settings, JourneysContractTests::render, transport,
				new MessageLinks("https://shop.example", new LinkTokens(secrets.secret())), secrets.installId(), clock);
		JourneyScheduler node = new JourneyScheduler(this.database.dataSource(), sender, () -> {
		}, Duration.ofMillis(200), Duration.ofSeconds(5), 4, name);
		this.nodes.add(node);
		return node;
	}

}
