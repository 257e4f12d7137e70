package org.remarketing.shopizer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.remarketing.core.shop.HistoryImport;
import org.remarketing.core.system.PluginSettings;
import org.remarketing.core.tracking.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports the store's history from Shopizer's tables, read only: open carts, registered customers,
 * newsletter opt-ins, then orders (see {@link CartHistory}, {@link CustomerHistory},
 * {@link OptinHistory}, {@link OrderHistory}), as events of source {@code IMPORT} through the
 * normal {@link Outbox}, so that every transport and everything downstream sees them as it sees
 * captured events.
 *
 * <ul>
 * <li><b>Up to where capture starts.</b> The first time the store is ready with the plugin, the
 * moment capture started and the highest id of each table are kept in {@code rmk_setting}; every
 * run imports rows up to those ids, and carts last changed before that moment. What the store does
 * after it is captured live, never imported (an order captured and imported would count once
 * anyway: the processor counts an order id once).</li>
 * <li><b>Once.</b> Every event's id is derived from the row it comes from, so running again
 * applies nothing twice (the processor skips ids it knows).</li>
 * <li><b>In pages</b> of rows by id (keyset), each page's events appended in one transaction
 * together with the checkpoint: a run stopped by a crash or a shutdown goes on from the last page
 * at the next start. While the outbox holds more than {@code maxBacklog} events the run waits, so
 * that the store's live events never queue behind the whole history.</li>
 * <li><b>In the background</b>, on one daemon thread, after the store is ready; one node at a
 * time (a lease in {@code rmk_setting}, renewed after every page).</li>
 * </ul>
 */
public class ShopizerHistoryImport implements HistoryImport {

	static final String BOUNDARY = "history-import.boundary";

	static final String UP_TO = "history-import.up-to";

	static final String CHECKPOINT = "history-import.checkpoint";

	static final String COMPLETED = "history-import.completed";

	static final String LEASE = "history-import.lease";

	public static final String THREAD_NAME = "remarketing-history-import";

	/** A node that has not renewed its lease for this long is taken for dead. */
	static final Duration LEASE_EXPIRY = Duration.ofMinutes(2);

	private static final Duration BACKLOG_PAUSE = Duration.ofMillis(250);

	private static final Logger logger = LoggerFactory.getLogger(ShopizerHistoryImport.class);

	private final ListableBeanFactory beans;

	private final ObjectProvider<Outbox> outboxes;

	private final PluginSettings settings;

	private final Supplier<Instant> captureStart;

	private final LongSupplier backlog;

	private final Options options;

	private final Clock clock;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final String nodeId = UUID.randomUUID().toString();

	private final ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, THREAD_NAME);
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicBoolean running = new AtomicBoolean();

	private final Object pause = new Object();

	private volatile boolean stopping;

	private volatile boolean ready;

	private volatile boolean requested;

	/** The current (or last) run on this node. */
	private volatile Run run;

	private volatile List<HistoryPhase> phases;

	/**
	 * @param captureStart when capture started (now, when it does not run): the history before it is imported
	 * @param backlog how many events wait in the outbox now
	 */
	public ShopizerHistoryImport(ListableBeanFactory beans, DataSource dataSource, ObjectProvider<Outbox> outbox,
			PluginSettings settings, Supplier<Instant> captureStart, LongSupplier backlog, Options options, Clock clock) {
		this.beans = beans;
		this.outboxes = outbox;
		this.settings = settings;
		this.captureStart = captureStart;
		this.backlog = backlog;
		this.options = options;
		this.clock = clock;
		this.jdbc = new JdbcTemplate(dataSource);
		// A manager of our own, never a bean: the host's transaction manager stays the only one it knows.
		this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * The store is ready: in the background, keeps (the first time) where history ends, and when
	 * {@code automatic} and no run ever finished (or an administrator asked before the store was
	 * ready), imports it.
	 */
	public void ready() {
		this.ready = true;
		Mode mode = this.requested ? Mode.ALWAYS : this.options.automatic ? Mode.UNLESS_DONE : Mode.PREPARE_ONLY;
		if (this.running.compareAndSet(false, true)) {
			submit(mode);
		}
	}

	@Override
	public boolean start() {
		if (this.stopping || heldElsewhere()) {
			return false;
		}
		if (!this.ready) {
			this.requested = true; // capture has not started yet: where history ends is not known
			return true;
		}
		if (!this.running.compareAndSet(false, true)) {
			return false;
		}
		submit(Mode.ALWAYS);
		return true;
	}

	@Override
	public boolean isRunning() {
		return this.running.get() || heldElsewhere();
	}

	/** Stops after the page in flight (its checkpoint kept); waits for it a little while. */
	public void stop() {
		this.stopping = true;
		synchronized (this.pause) {
			this.pause.notifyAll();
		}
		// No interrupt: a JDBC driver (H2 on a file) may close its connection on one.
		this.executor.shutdown();
		try {
			if (!this.executor.awaitTermination(this.options.stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("Remarketing's history import is still reading a page; it goes on from its last checkpoint"
						+ " at the next start");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public Map<String, Object> status() {
		Map<String, Object> status = new LinkedHashMap<>();
		Run current = this.run;
		Optional<String> completed = this.settings.get(COMPLETED);
		Optional<String> checkpoint = this.settings.get(CHECKPOINT);
		// this node's run while it runs or when it went wrong; else what the shared settings tell
		boolean ours = current != null && (this.running.get() || current.state == State.FAILED
				|| current.state == State.UNAVAILABLE);
		String state;
		if (ours) {
			state = current.state.external();
		}
		else if (heldElsewhere()) {
			state = "running-elsewhere";
		}
		else if (checkpoint.isPresent()) {
			state = State.INTERRUPTED.external();
		}
		else {
			state = completed.isPresent() ? State.COMPLETED.external() : State.IDLE.external();
		}
		status.put("state", state);
		status.put("automatic", this.options.automatic);
		status.put("boundary", this.settings.get(BOUNDARY).orElse(null));
		ImportProgress progress = (ours && current.progress != null) ? current.progress
				: checkpoint.or(() -> completed).map((line) -> ImportProgress.parse(line, phaseNames())).orElse(null);
		if (ours) {
			status.put("phase", (current.state == State.COMPLETED || current.progress == null) ? null
					: current.progress.phase());
			status.put("startedAt", text(current.startedAt));
			status.put("finishedAt", text(current.finishedAt));
		}
		if (progress != null) {
			status.put("events", progress.events());
			status.putAll(progress.counts());
		}
		status.put("lastCompletedAt", completed.map(ShopizerHistoryImport::completedAt).orElse(null));
		if (ours && current.error != null) {
			status.put("error", current.error);
		}
		return status;
	}

	// ---- the run ---------------------------------------------------------------------------------

	private enum Mode {

		/** Keeps where history ends, nothing else. */
		PREPARE_ONLY,

		/** Imports unless a run finished before (the automatic run at start). */
		UNLESS_DONE,

		/** Imports: on from an unfinished run, or all over again (asked for by an administrator). */
		ALWAYS

	}

	private enum State {

		IDLE, RUNNING, WAITING, COMPLETED, FAILED, INTERRUPTED, UNAVAILABLE;

		String external() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	/** What this node knows of its current or last run. */
	private static final class Run {

		volatile State state = State.IDLE;

		volatile ImportProgress progress;

		volatile Instant startedAt;

		volatile Instant finishedAt;

		volatile String error;

	}

	private void submit(Mode mode) {
		Run current = new Run();
		if (mode == Mode.ALWAYS) {
			// asked for: the status says so at once, not only once the run has read its settings
			current.state = State.RUNNING;
			current.startedAt = this.clock.instant();
			this.run = current;
		}
		try {
			this.executor.execute(() -> {
				try {
					execute(mode, current);
				}
				finally {
					this.running.set(false);
				}
			});
		}
		catch (RuntimeException ex) {
			this.running.set(false); // shutting down
		}
	}

	private void execute(Mode mode, Run current) {
		List<HistoryPhase> all;
		try {
			all = phases();
		}
		catch (RuntimeException ex) {
			current.state = State.UNAVAILABLE;
			current.error = ex.getClass().getName();
			this.run = current;
			logger.warn("Remarketing cannot import the store's history: {} ({})", ex.getMessage(),
					ex.getClass().getName());
			return;
		}
		if (!this.settings.tryLease(LEASE, this.nodeId, LEASE_EXPIRY)) {
			current.state = State.IDLE;
			logger.info("Remarketing's history import runs on another node");
			return;
		}
		String phase = null;
		try {
			Instant boundary = Instant.parse(this.settings.putIfAbsent(BOUNDARY, this.captureStart.get().toString()));
			Map<String, Long> upTo = upTo(all);
			if (mode == Mode.PREPARE_ONLY
					|| (mode == Mode.UNLESS_DONE && this.settings.get(COMPLETED).isPresent())) {
				return;
			}
			current.state = State.RUNNING;
			if (current.startedAt == null) {
				current.startedAt = this.clock.instant();
			}
			this.run = current;
			Outbox outbox = this.outboxes.getIfAvailable();
			if (outbox == null) {
				current.state = State.UNAVAILABLE;
				logger.warn("Remarketing cannot import the store's history: no remarketing Outbox");
				return;
			}
			ImportProgress progress = this.settings.get(CHECKPOINT)
				.map((line) -> ImportProgress.parse(line, phaseNames()))
				.orElseGet(() -> new ImportProgress(phaseNames()));
			for (HistoryPhase each : all) {
				progress.total(each.name(), each.count(this.jdbc, upTo.get(each.name())));
			}
			current.progress = progress.copy();
			logger.info("Remarketing is importing the store's history before {}{}", boundary,
					(progress.phase() != null) ? " (going on from " + progress.phase() + ")" : "");
			boolean resumed = progress.phase() != null;
			for (HistoryPhase each : all) {
				if (resumed && !each.name().equals(progress.phase())) {
					continue; // done before the run was stopped
				}
				long after = resumed ? progress.after() : 0;
				resumed = false;
				phase = each.name();
				if (!importPhase(each, after, upTo.get(phase), boundary, outbox, progress, current)) {
					current.state = State.INTERRUPTED;
					return;
				}
			}
			current.finishedAt = this.clock.instant();
			this.settings.put(COMPLETED, "at=" + current.finishedAt + ";" + withoutPosition(progress));
			this.settings.remove(CHECKPOINT);
			current.state = State.COMPLETED;
			logger.info("Remarketing imported the store's history: {} event(s) ({})", progress.events(),
					progress.summary());
		}
		catch (RuntimeException ex) {
			current.state = State.FAILED;
			current.error = ex.getClass().getName();
			current.finishedAt = this.clock.instant();
			this.run = current;
			if (this.stopping) {
				logger.debug("Remarketing's history import stopped with the store", ex);
				return;
			}
			// JDBC messages can quote shoppers' data: the class only, the detail at DEBUG.
			logger.warn("Remarketing's history import failed{} ({}); it goes on from its last page at the next start"
					+ " or when started again", (phase != null) ? " reading " + phase : "", ex.getClass().getName());
			logger.debug("Remarketing's history import failure", ex);
		}
		finally {
			this.settings.releaseLease(LEASE, this.nodeId);
		}
	}

	/** @return false when stopped before the phase's end */
	private boolean importPhase(HistoryPhase phase, long start, long upTo, Instant boundary, Outbox outbox,
			ImportProgress progress, Run current) {
		long after = start;
		while (true) {
			if (!awaitBacklog(current)) {
				return false;
			}
			HistoryPhase.Page page = phase.read(this.jdbc, after, upTo, this.options.pageSize, boundary);
			if (page.rows == 0) {
				return true;
			}
			after = page.lastId;
			progress.at(phase.name(), after);
			progress.add(phase.name(), page.rows, page.events.size(), page.skipped);
			String checkpoint = progress.toString();
			this.transaction.executeWithoutResult((status) -> {
				outbox.append(page.events);
				this.settings.put(CHECKPOINT, checkpoint);
			});
			current.progress = progress.copy();
			if (!this.settings.tryLease(LEASE, this.nodeId, LEASE_EXPIRY)) {
				throw new IllegalStateException("The history import's lease went to another node");
			}
		}
	}

	/** Waits while the outbox holds more than the backlog allowed. @return false when stopping */
	private boolean awaitBacklog(Run current) {
		while (!this.stopping && this.backlog.getAsLong() > this.options.maxBacklog) {
			current.state = State.WAITING;
			synchronized (this.pause) {
				try {
					this.pause.wait(BACKLOG_PAUSE.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
		}
		current.state = State.RUNNING;
		return !this.stopping;
	}

	/** The highest id of each phase's table when capture started, kept the first time. */
	private Map<String, Long> upTo(List<HistoryPhase> all) {
		String line = this.settings.get(UP_TO).orElse(null);
		if (line == null) {
			line = all.stream().map((phase) -> phase.name() + "=" + phase.maxId(this.jdbc))
				.collect(Collectors.joining(";"));
			line = this.settings.putIfAbsent(UP_TO, line);
		}
		Map<String, Long> upTo = new LinkedHashMap<>();
		for (HistoryPhase phase : all) {
			upTo.put(phase.name(), 0L);
		}
		for (String part : line.split(";")) {
			int eq = part.indexOf('=');
			if (eq > 0 && upTo.containsKey(part.substring(0, eq))) {
				upTo.put(part.substring(0, eq), Long.parseLong(part.substring(eq + 1)));
			}
		}
		return upTo;
	}

	private List<HistoryPhase> phases() {
		List<HistoryPhase> known = this.phases;
		if (known == null) {
			List<SessionFactoryImplementor> factories = ShopizerMapping.sessionFactories(this.beans);
			if (factories.isEmpty()) {
				throw new IllegalStateException("no Hibernate EntityManagerFactory maps Shopizer's ShoppingCart");
			}
			ShopizerMapping.Tables tables = ShopizerMapping.tables(factories.get(0));
			known = List.of(new CartHistory(tables), new CustomerHistory(tables), new OptinHistory(tables),
					new OrderHistory(tables));
			this.phases = known;
		}
		return known;
	}

	private static List<String> phaseNames() {
		return List.of("carts", "customers", "optins", "orders");
	}

	private boolean heldElsewhere() {
		return this.settings.leaseHolder(LEASE, LEASE_EXPIRY).filter((holder) -> !holder.equals(this.nodeId)).isPresent();
	}

	private static String withoutPosition(ImportProgress progress) {
		ImportProgress copy = progress.copy();
		copy.at(null, 0);
		return copy.toString();
	}

	private static String completedAt(String line) {
		for (String part : line.split(";")) {
			if (part.startsWith("at=")) {
				return part.substring(3);
			}
		}
		return null;
	}

	private static String text(Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

	/** How the import runs. */
	public static final class Options {

		public static final int DEFAULT_PAGE_SIZE = 500;

		final boolean automatic;

		final int pageSize;

		final long maxBacklog;

		final Duration stopTimeout;

		private Options(boolean automatic, int pageSize, long maxBacklog, Duration stopTimeout) {
			this.automatic = automatic;
			this.pageSize = pageSize;
			this.maxBacklog = maxBacklog;
			this.stopTimeout = stopTimeout;
		}

		/**
		 * @param automatic whether it runs by itself once the store is ready (until a run finishes)
		 * @param pageSize rows read per page (1 to 5000); the run waits while the outbox holds more than four pages
		 */
		public static Options of(boolean automatic, int pageSize) {
			if (pageSize < 1 || pageSize > 5000) {
				throw new IllegalArgumentException("The history import's page size must be from 1 to 5000");
			}
			return new Options(automatic, pageSize, 4L * pageSize, Duration.ofSeconds(10));
		}

	}

}
