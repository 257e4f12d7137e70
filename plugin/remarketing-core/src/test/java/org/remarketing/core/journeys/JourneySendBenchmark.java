package org.remarketing.core.journeys;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.remarketing.core.channels.email.EmailComposer;
import org.remarketing.core.channels.email.LinkTokens;
import org.remarketing.core.channels.email.MailTransport;
import org.remarketing.core.channels.email.MessageLinks;
import org.remarketing.core.contacts.ContactTestDatabase;
import org.remarketing.core.schema.DbTime;
import org.remarketing.core.shop.CatalogProduct;
import org.remarketing.core.shop.ProductCatalog;
import org.remarketing.core.shop.StoreBranding;
import org.remarketing.core.system.InstallSecrets;
import org.remarketing.core.templates.TemplateRenderer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Issue 5's sending targets on the machine's MariaDB and PostgreSQL: "a backlog of 100,000 due
 * steps drains to a local SMTP server at >= 500 messages/s, with no duplicate and none lost", and
 * "a step whose time has come is sent within 15 s (p99)" with the default poll interval.
 * <ol>
 * <li><b>Backlog.</b> {@code bench.messages} contacts (100,000) with an address, a first name, a
 * language (English and Vietnamese alternately) and a funnel stage, one abandoned-cart run each with
 * one to three products, and its first step due now: contacts in JDBC batches, runs and messages
 * set-based, the tasks through db-scheduler's batch scheduling. Then one node (and, on a fresh
 * database, two nodes) drain them through {@link StepSender} with the real
 * {@link EmailStepRenderer}/{@link EmailComposer} and an in-memory catalog of three products, to
 * GreenMail in this JVM (a delivery handler counts Message-IDs instead of keeping the mails).</li>
 * <li><b>Steady flow.</b> {@code bench.steady-messages} steps (30,000) coming due evenly over
 * {@code bench.steady-seconds} (120 s), one node at the default 5 s poll interval: the delay
 * between a step's due time and its {@code sent_at}.</li>
 * </ol>
 * Not a test: run it with
 * <pre>
 * mvn -pl plugin/remarketing-core -am test -Dtest=JourneySendBenchmark -Dsurefire.groups=bench \
 *     -Dsurefire.excludedGroups= [-Dbench.db=mariadb,postgresql] [-Dbench.messages=100000] \
 *     [-Dbench.threads=8] [-Dbench.nodes=1,2] [-Dbench.steady-messages=30000] [-Dbench.steady-seconds=120]
 * </pre>
 */
@Tag("bench")
class JourneySendBenchmark {

	private static final Duration DEFAULT_POLL = Duration.ofSeconds(5);

	private final StringBuilder report = new StringBuilder(String.format("%n| database | scenario | result |%n|---|---|---|%n"));

	@Test
	void sendAtScale() throws Exception {
		int messages = Integer.getInteger("bench.messages", 100_000);
		int threads = Integer.getInteger("bench.threads", 8);
		int steadyMessages = Integer.getInteger("bench.steady-messages", 30_000);
		int steadySeconds = Integer.getInteger("bench.steady-seconds", 120);
		Duration backlogPoll = Duration.ofMillis(Long.getLong("bench.poll-millis", DEFAULT_POLL.toMillis()));
		List<Integer> nodeCounts = Arrays.stream(System.getProperty("bench.nodes", "1,2").split(","))
			.map(String::trim).filter((s) -> !s.isEmpty()).map(Integer::valueOf).collect(Collectors.toList());
		for (String vendor : System.getProperty("bench.db", "mariadb,postgresql").split(",")) {
			vendor = vendor.trim();
			for (int nodes : nodeCounts) {
				if (messages > 0) {
					backlog(vendor, messages, nodes, threads, backlogPoll);
				}
			}
			if (steadyMessages > 0) {
				steady(vendor, steadyMessages, steadySeconds, threads);
			}
			System.out.println(this.report);
		}
		System.out.println(this.report);
	}

	private void backlog(String vendor, int messages, int nodeCount, int threads, Duration poll) throws Exception {
		try (Bench bench = new Bench(vendor)) {
			Instant due = Instant.now();
			long seedStart = System.nanoTime();
			bench.seed(messages, (i) -> due);
			row(vendor, "seed " + messages + " contacts, runs, due messages and tasks", seconds(seedStart) + " s");
			List<Node> nodes = new ArrayList<>();
			for (int n = 0; n < nodeCount; n++) {
				nodes.add(bench.node("node-" + (char) ('a' + n), threads, poll));
			}
			Cpu cpu = Cpu.now();
			Instant start = Instant.now();
			nodes.forEach(Node::start);
			Result result = bench.await(messages, start);
			result.cpu = cpu.until(Cpu.now());
			result.senderCpu = Cpu.ofThreads("db-scheduler");
			nodes.forEach(Node::close);
			String label = "backlog " + messages + ", " + nodeCount + " node" + (nodeCount > 1 ? "s" : "") + " × " + threads
					+ " threads, poll " + poll.toMillis() / 1000.0 + " s";
			row(vendor, label, result.summary(start, true) + "; per node: "
					+ nodes.stream().map((n) -> n.name + " " + n.sent.get()).collect(Collectors.joining(", ")));
		}
	}

	private void steady(String vendor, int messages, int seconds, int threads) throws Exception {
		try (Bench bench = new Bench(vendor)) {
			// Seeded first, then due from a few seconds after the seeding ends, evenly over the window.
			long seedStart = System.nanoTime();
			Instant[] first = new Instant[1];
			Duration spacing = Duration.ofNanos(seconds * 1_000_000_000L / messages);
			Instant estimatedEnd = Instant.now().plus(Duration.ofSeconds(20 + messages / 2_000));
			first[0] = estimatedEnd;
			bench.seed(messages, (i) -> first[0].plus(spacing.multipliedBy(i)));
			row(vendor, "seed " + messages + " messages due over " + seconds + " s", seconds(seedStart) + " s");
			Node node = bench.node("node-a", threads, DEFAULT_POLL);
			Instant start = Instant.now();
			node.start();
			Result result = bench.await(messages, start);
			node.close();
			row(vendor, "steady flow " + messages + " over " + seconds + " s (" + messages / seconds + "/s), 1 node × " + threads
					+ " threads, poll 5 s", result.summary(first[0], false));
		}
	}

	private void row(String vendor, String scenario, String result) {
		String line = String.format("| %s | %s | %s |%n", vendor, scenario, result);
		this.report.append(line);
		System.out.print(line);
	}

	private static String seconds(long startNanos) {
		return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e9);
	}

	/** A fresh database, the SMTP server and what both nodes share. */
	private static final class Bench implements AutoCloseable {

		final ContactTestDatabase database;

		final String url;

		final GreenMail smtp;

		final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();

		final Map<String, AtomicInteger> recipients = new ConcurrentHashMap<>();

		final List<Node> nodes = new ArrayList<>();

		final JdbcTemplate jdbc;

		final HikariDataSource pool;

		final InstallSecrets secrets;

		final Journey journey;

		Bench(String vendor) {
			this.database = vendor.equals("mariadb") ? ContactTestDatabase.MariaDb.create()
					: ContactTestDatabase.PostgreSql.create();
			this.database.migrated();
			this.url = ((DriverManagerDataSource) this.database.dataSource()).getUrl();
			this.pool = pool(this.url, 4);
			this.jdbc = new JdbcTemplate(this.pool);
			this.secrets = InstallSecrets.loadOrCreate(this.jdbc, Clock.systemUTC());
			JourneyStore store = new JourneyStore(this.pool, Clock.systemUTC());
			store.installBuiltIns();
			this.journey = store.find("abandoned-cart").orElseThrow();
			this.smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
			this.smtp.start();
			// Count what arrives instead of keeping 100,000 mails in memory.
			this.smtp.getManagers().getUserManager().setMessageDeliveryHandler((message, address) -> new Counter(this, address.getEmail()));
		}

		void seed(int messages, java.util.function.IntFunction<Instant> dueOf) {
			Instant now = Instant.now();
			List<Object[]> contacts = new ArrayList<>();
			for (int i = 0; i < messages; i++) {
				contacts.add(new Object[] { DbTime.utc(now), DbTime.utc(now), "shopper" + i + "@example.com",
						FIRST_NAMES[i % FIRST_NAMES.length], (i % 2 == 0) ? "en" : "vi", "cart-" + i,
						(i % 3 == 0) ? "considering" : "intending" });
				if (contacts.size() == 1_000 || i == messages - 1) {
					this.jdbc.batchUpdate("INSERT INTO rmk_contact (created_at, updated_at, email, first_name, language, cart_code,"
							+ " stage, visits, cart_items, cart_value, orders_count, total_spent) VALUES (?, ?, ?, ?, ?, ?, ?, 3, 2, 40, 0, 0)",
							contacts);
					contacts.clear();
				}
			}
			// One run per contact, with one to three of the catalog's products; then its first step.
			this.jdbc.update("INSERT INTO rmk_journey_run (journey_id, contact_id, entry_key, state, holdout, stage, cart_code,"
					+ " products_json, entered_at) SELECT ?, id, CONCAT('bench:', id), 'ACTIVE', ?, stage, cart_code,"
					+ " CASE MOD(id, 3) WHEN 0 THEN ? WHEN 1 THEN ? ELSE ? END, ? FROM rmk_contact", this.journey.id(), false,
					"[{\"productId\":1,\"sku\":\"TEA-1\",\"quantity\":2}]",
					"[{\"productId\":2,\"sku\":\"CUP-2\",\"quantity\":1},{\"productId\":1,\"sku\":\"TEA-1\",\"quantity\":1}]",
					"[{\"productId\":3,\"sku\":\"POT-3\",\"quantity\":1},{\"productId\":2,\"sku\":\"CUP-2\",\"quantity\":4},"
							+ "{\"productId\":1,\"sku\":\"TEA-1\",\"quantity\":1}]",
					DbTime.utc(now));
			this.jdbc.update("INSERT INTO rmk_message (run_id, journey_id, contact_id, step_no, channel, template, send_key, state,"
					+ " due_at, attempts, created_at, updated_at) SELECT id, journey_id, contact_id, 1, 'EMAIL', 'cart-reminder',"
					+ " CONCAT('r', id, ':s1'), 'SCHEDULED', ?, 0, ?, ? FROM rmk_journey_run ORDER BY id", DbTime.utc(dueOf.apply(0)),
					DbTime.utc(now), DbTime.utc(now));
			List<Long> ids = this.jdbc.queryForList("SELECT id FROM rmk_message ORDER BY id", Long.class);
			JourneyScheduler client = new JourneyScheduler(this.pool, null, () -> {
			}, DEFAULT_POLL, Duration.ofHours(1), 1, "seeder");
			Map<Long, Instant> batch = new LinkedHashMap<>();
			List<Object[]> dueRows = new ArrayList<>();
			for (int i = 0; i < ids.size(); i++) {
				Instant due = dueOf.apply(i);
				batch.put(ids.get(i), due);
				dueRows.add(new Object[] { DbTime.utc(due), ids.get(i) });
				if (batch.size() == 1_000 || i == ids.size() - 1) {
					if (!dueOf.apply(0).equals(dueOf.apply(i))) {
						this.jdbc.batchUpdate("UPDATE rmk_message SET due_at = ? WHERE id = ?", dueRows);
					}
					client.scheduleAll(batch);
					batch.clear();
					dueRows.clear();
				}
			}
			if (this.database instanceof ContactTestDatabase.PostgreSql) {
				this.jdbc.execute("ANALYZE");
			}
		}

		Node node(String name, int threads, Duration poll) {
			Node node = new Node(this, name, threads, poll);
			this.nodes.add(node);
			return node;
		}

		/** Waits until every message is final (or nothing moved for 60 s) and gathers the outcome. */
		Result await(int messages, Instant start) throws InterruptedException {
			int last = -1;
			long lastMove = System.nanoTime();
			while (true) {
				int open = this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_message WHERE state IN ('SCHEDULED', 'SENDING')",
						Integer.class);
				if (open == 0) {
					break;
				}
				if (open != last) {
					last = open;
					lastMove = System.nanoTime();
				}
				else if (System.nanoTime() - lastMove > 60_000_000_000L) {
					break;
				}
				Thread.sleep(250);
			}
			Result result = new Result();
			result.messages = messages;
			this.jdbc.query("SELECT state, due_at, sent_at, send_key FROM rmk_message", (rs) -> {
				String state = rs.getString(1);
				result.states.merge(state, 1, Integer::sum);
				if ("SENT".equals(state)) {
					Instant due = DbTime.instant(rs.getObject(2, LocalDateTime.class));
					Instant sent = DbTime.instant(rs.getObject(3, LocalDateTime.class));
					result.sent.add(new Instant[] { due, sent });
					String messageId = rs.getString(4) + "." + this.secrets.installId() + "@remarketing";
					if (!this.received.containsKey(messageId)) {
						result.sentNotReceived++;
					}
				}
			});
			// Give the SMTP server's last deliveries a moment (sent_at is written after the server's reply).
			Thread.sleep(500);
			result.receivedDistinct = this.received.size();
			result.duplicates = (int) this.received.values().stream().filter((c) -> c.get() > 1).count();
			result.recipientDuplicates = (int) this.recipients.values().stream().filter((c) -> c.get() > 1).count();
			return result;
		}

		@Override
		public void close() {
			this.nodes.forEach(Node::close);
			this.smtp.stop();
			this.pool.close();
			if (!Boolean.getBoolean("bench.keep")) {
				this.database.drop();
			}
		}

	}

	/** One store node: its own pool, scheduler and SMTP client. */
	private static final class Node implements AutoCloseable {

		final String name;

		final HikariDataSource pool;

		final JourneyScheduler scheduler;

		final AtomicInteger sent = new AtomicInteger();

		boolean closed;

		Node(Bench bench, String name, int threads, Duration poll) {
			this.name = name;
			this.pool = pool(bench.url, threads + 4);
			JavaMailSenderImpl mail = new JavaMailSenderImpl();
			mail.setHost("127.0.0.1");
			mail.setPort(bench.smtp.getSmtp().getPort());
			MailTransport transport = new MailTransport(mail) {
				@Override
				public void send(MailTransport.Prepared email) throws org.remarketing.core.channels.email.MailFailure {
					super.send(email);
					Node.this.sent.incrementAndGet();
				}
			};
			JourneySettings settings = new JourneySettings().from("Maison Lotus <shop@example.com>")
				.quietHours(false, LocalTime.NOON, LocalTime.MIDNIGHT);
			EmailStepRenderer renderer = new EmailStepRenderer(
					new EmailComposer(new TemplateRenderer(JourneySendBenchmark.class.getClassLoader())), new MemoryCatalog());
			StepSender sender = new StepSender(this.pool, settings, renderer, transport,
					new MessageLinks("https://shop.example", new LinkTokens(bench.secrets.secret())), bench.secrets.installId(),
					Clock.systemUTC());
			this.scheduler = new JourneyScheduler(this.pool, sender, () -> {
			}, poll, Duration.ofHours(1), threads, name);
		}

		void start() {
			this.scheduler.start();
		}

		@Override
		public void close() {
			if (!this.closed) {
				this.closed = true;
				this.scheduler.stop();
				this.pool.close();
			}
		}

	}

	/** A mailbox that only counts: Message-ID and recipient. */
	private static final class Counter implements GreenMailUser {

		private final Bench bench;

		private final String email;

		Counter(Bench bench, String email) {
			this.bench = bench;
			this.email = email;
		}

		@Override
		public void deliver(MovingMessage message) {
			try {
				this.bench.received.computeIfAbsent(message.getMessage().getMessageID().replaceAll("[<>]", ""),
						(k) -> new AtomicInteger()).incrementAndGet();
			}
			catch (javax.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
			this.bench.recipients.computeIfAbsent(this.email, (k) -> new AtomicInteger()).incrementAndGet();
		}

		@Override
		public void deliver(javax.mail.internet.MimeMessage message) {
			throw new UnsupportedOperationException();
		}

		@Override
		public String getEmail() {
			return this.email;
		}

		@Override
		public String getLogin() {
			return this.email;
		}

		@Override
		public void create() {
		}

		@Override
		public void delete() {
		}

		@Override
		public String getPassword() {
			return null;
		}

		@Override
		public void setPassword(String password) {
		}

		@Override
		public void authenticate(String password) {
		}

		@Override
		public String getQualifiedMailboxName() {
			return this.email;
		}

	}

	private static final class Result {

		int messages;

		final Map<String, Integer> states = new HashMap<>();

		final List<Instant[]> sent = new ArrayList<>();

		int sentNotReceived;

		int receivedDistinct;

		int duplicates;

		int recipientDuplicates;

		long[] cpu;

		long senderCpu;

		String summary(Instant from, boolean backlog) {
			long lastSent = this.sent.stream().mapToLong((s) -> s[1].toEpochMilli()).max().orElse(from.toEpochMilli());
			double drain = (lastSent - from.toEpochMilli()) / 1000.0;
			long[] delays = this.sent.stream().mapToLong((s) -> {
				Instant due = s[0].isBefore(from) && backlog ? from : s[0];
				return Math.max(0, s[1].toEpochMilli() - due.toEpochMilli());
			}).sorted().toArray();
			int sentCount = this.states.getOrDefault("SENT", 0);
			int uncertain = this.states.getOrDefault("UNCERTAIN", 0);
			int lost = this.messages - sentCount - uncertain;
			StringBuilder s = new StringBuilder();
			if (backlog) {
				s.append(String.format(Locale.ROOT, "**%.0f messages/s** (%d sent in %.1f s from start to last SENT); ",
						sentCount / drain, sentCount, drain));
			}
			s.append(String.format(Locale.ROOT, "delay due→sent%s p50 %.1f s, p99 %.1f s, max %.1f s; ",
					backlog ? " (from the start)" : "", pct(delays, 50), pct(delays, 99), pct(delays, 100)));
			if (this.cpu != null && sentCount > 0) {
				s.append(String.format(Locale.ROOT, "CPU per message: %.2f ms in the sending threads, %.2f ms in the rest of this JVM"
						+ " (GreenMail, GC, JIT), %.2f ms in the database server; ", this.senderCpu / 1e6 / sentCount,
						(this.cpu[0] - this.senderCpu) / 1e6 / sentCount, this.cpu[1] / 1e6 / sentCount));
			}
			s.append(String.format(Locale.ROOT, "states %s; received %d distinct Message-IDs, %d duplicates (%d recipients"
					+ " twice), %d SENT not received, %d lost", new java.util.TreeMap<>(this.states), this.receivedDistinct,
					this.duplicates, this.recipientDuplicates, this.sentNotReceived, lost));
			return s.toString();
		}

		private static double pct(long[] sorted, int percentile) {
			if (sorted.length == 0) {
				return 0;
			}
			int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
			return sorted[Math.max(0, index)] / 1000.0;
		}

	}

	/** CPU time used so far by this JVM and by the database server's processes (Linux /proc), in ns. */
	private static final class Cpu {

		final long jvm;

		final long database;

		private Cpu(long jvm, long database) {
			this.jvm = jvm;
			this.database = database;
		}

		static Cpu now() {
			long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
				.getProcessCpuTime();
			long ticks = 0;
			java.io.File[] processes = new java.io.File("/proc").listFiles((f) -> f.getName().matches("\\d+"));
			for (java.io.File process : (processes != null) ? processes : new java.io.File[0]) {
				try {
					String stat = new String(java.nio.file.Files.readAllBytes(process.toPath().resolve("stat")));
					String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
					if (name.equals("mariadbd") || name.equals("mysqld") || name.startsWith("postgres")) {
						String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
						ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
					}
				}
				catch (java.io.IOException | RuntimeException ex) {
					// gone meanwhile
				}
			}
			return new Cpu(jvm, ticks * 10_000_000L); // USER_HZ = 100
		}

		/** CPU time of this JVM's live threads whose name contains the given text. */
		static long ofThreads(String name) {
			java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
			long total = 0;
			for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
				if (info != null && info.getThreadName().contains(name)) {
					total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
				}
			}
			return total;
		}

		long[] until(Cpu later) {
			return new long[] { later.jvm - this.jvm, later.database - this.database };
		}

	}

	/** Three products with names, prices and images; each one's related items are the other two. */
	static final class MemoryCatalog implements ProductCatalog {

		private static final Map<Long, String[]> PRODUCTS = Map.of(1L, new String[] { "TEA-1", "Lotus green tea, 100 g", "12.50" },
				2L, new String[] { "CUP-2", "Celadon tea cup", "9.90" }, 3L, new String[] { "POT-3", "Bát Tràng clay teapot", "48.00" });

		@Override
		public List<CatalogProduct> products(List<Long> ids, Locale locale) {
			return ids.stream().distinct().filter(PRODUCTS::containsKey).map(MemoryCatalog::product).collect(Collectors.toList());
		}

		@Override
		public List<CatalogProduct> related(long productId, Set<Long> exclude, int limit, Locale locale) {
			return PRODUCTS.keySet().stream().sorted().filter((id) -> id != productId && !exclude.contains(id)).limit(limit)
				.map(MemoryCatalog::product).collect(Collectors.toList());
		}

		@Override
		public StoreBranding brand() {
			return new StoreBranding("Maison Lotus", "https://shop.example", "12 Hàng Gai, Hoàn Kiếm, Hà Nội, Việt Nam",
					"https://shop.example/static/logo.png", "USD");
		}

		private static CatalogProduct product(long id) {
			String[] p = PRODUCTS.get(id);
			return new CatalogProduct(id, p[0], p[1], new BigDecimal(p[2]), "USD", "https://shop.example/static/products/" + p[0]
					+ ".jpg", "https://shop.example/product/" + p[0].toLowerCase(Locale.ROOT), true);
		}

	}

	private static final String[] FIRST_NAMES = { "Lan", "Minh", "Olivia", "Tuấn", "Noah", "Hương", "Emma", "Bảo" };

	static HikariDataSource pool(String url, int size) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(url);
		pool.setMaximumPoolSize(size);
		pool.setMinimumIdle(1);
		return pool;
	}

}
