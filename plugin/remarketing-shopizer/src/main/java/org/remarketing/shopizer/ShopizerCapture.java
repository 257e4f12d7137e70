package org.remarketing.shopizer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.remarketing.core.tracking.Outbox;
import org.remarketing.core.tracking.ShopperContext;
import org.remarketing.core.tracking.TrackedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Captures the store's own writes of carts, orders, customers and newsletter opt-ins, without
 * patching the store: once every singleton exists, it appends in-transaction listeners to the
 * Hibernate session factory behind each of the host's {@code EntityManagerFactory} beans that maps
 * Shopizer's {@code ShoppingCart} (the host's own listeners stay as they are). Events are written
 * to the {@link Outbox} in the store's transaction, right before it commits.
 *
 * <p>Capture starts with {@link #start()} (called when the application is ready), so a store's
 * seed data and anything written while it starts are not events: history before the plugin is
 * imported separately.
 *
 * <p>When writing to the outbox fails, the store's transaction still commits and the events are
 * lost (logged without shoppers' data and counted in {@link #status()}): a shopper's checkout
 * never fails because of the plugin.
 */
public class ShopizerCapture implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(ShopizerCapture.class);

	private final ListableBeanFactory beans;

	private final ObjectProvider<Outbox> outboxes;

	private final ObjectProvider<ShopperContext> shopperContexts;

	private volatile Outbox outbox;

	private volatile ShopperContext shopperContext;

	private volatile boolean active;

	private volatile Instant startedAt;

	private volatile int factories;

	private final AtomicLong captured = new AtomicLong();

	private final AtomicLong errors = new AtomicLong();

	private final AtomicLong lost = new AtomicLong();

	/** Whether the store's database aborts a transaction on a failed statement (PostgreSQL); read once. */
	private volatile Boolean savepointNeeded;

	public ShopizerCapture(ListableBeanFactory beans, ObjectProvider<Outbox> outbox,
			ObjectProvider<ShopperContext> shopperContext) {
		this.beans = beans;
		this.outboxes = outbox;
		this.shopperContexts = shopperContext;
	}

	@Override
	public void afterSingletonsInstantiated() {
		StoreEventListener listener = new StoreEventListener(this);
		for (SessionFactoryImplementor factory : ShopizerMapping.sessionFactories(this.beans)) {
			EventListenerRegistry registry = factory.getServiceRegistry().getService(EventListenerRegistry.class);
			registry.appendListeners(EventType.POST_INSERT, listener);
			registry.appendListeners(EventType.POST_UPDATE, listener);
			registry.appendListeners(EventType.POST_DELETE, listener);
			this.factories++;
		}
		if (this.factories == 0) {
			logger.warn("Store events: no Hibernate EntityManagerFactory maps Shopizer's ShoppingCart; the store's "
					+ "carts, orders and customers are not captured");
		}
	}

	/**
	 * Starts capturing (from when the application is ready). Without an {@link Outbox} bean
	 * nothing is captured, and the status says so.
	 */
	public void start() {
		this.outbox = this.outboxes.getIfAvailable();
		this.shopperContext = this.shopperContexts.getIfAvailable();
		if (this.outbox == null) {
			logger.warn("Store events: no remarketing Outbox; the store's carts, orders and customers are not captured");
			return;
		}
		this.startedAt = Instant.now();
		this.active = this.factories > 0;
	}

	/** Stops capturing; the listeners stay registered and do nothing. */
	public void stop() {
		this.active = false;
	}

	public boolean isActive() {
		return this.active;
	}

	/**
	 * When capture last started (null before): every store change flushed from then on is captured,
	 * so history older than this is what an import must bring.
	 */
	public Instant startedAt() {
		return this.active ? this.startedAt : null;
	}

	/** For the status screen: whether capture runs, events written, capture errors and events lost. */
	public Map<String, Object> status() {
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("active", this.active);
		status.put("events", this.captured.get());
		status.put("errors", this.errors.get());
		status.put("lost", this.lost.get());
		return status;
	}

	String visitorId() {
		ShopperContext context = this.shopperContext;
		return context == null ? null : context.currentVisitorId();
	}

	/**
	 * Appends the events on the session's connection. On PostgreSQL a failed statement aborts the
	 * whole transaction, so the insert runs under a savepoint there: when it fails, the store's
	 * own changes still commit.
	 */
	void write(SessionImplementor session, List<TrackedEvent> events) {
		Outbox target = this.outbox;
		if (target == null) {
			return;
		}
		try {
			session.doWork((connection) -> {
				Savepoint savepoint = needsSavepoint(connection) ? connection.setSavepoint() : null;
				try {
					target.append(connection, events);
				}
				catch (RuntimeException ex) {
					if (savepoint != null) {
						connection.rollback(savepoint);
					}
					throw ex;
				}
				if (savepoint != null) {
					connection.releaseSavepoint(savepoint);
				}
			});
			this.captured.addAndGet(events.size());
		}
		catch (RuntimeException ex) {
			failed("outbox append of " + events.stream().map((e) -> e.type().wireName() + " " + e.id())
				.collect(Collectors.joining(", ")), ex, events.size());
		}
	}

	private boolean needsSavepoint(Connection connection) throws SQLException {
		Boolean needed = this.savepointNeeded;
		if (needed == null) {
			needed = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
			this.savepointNeeded = needed;
		}
		return needed;
	}

	/**
	 * Logs and counts a capture failure. Exception messages can quote shoppers' data (a JDBC error
	 * echoes the values): the log line names the exception's class only, the full exception goes to
	 * DEBUG.
	 */
	void failed(String what, Throwable ex, int lostEvents) {
		this.errors.incrementAndGet();
		this.lost.addAndGet(lostEvents);
		logger.warn("Store events: {} failed ({}); the store's transaction goes on{}", what, ex.getClass().getName(),
				lostEvents > 0 ? ", " + lostEvents + " event(s) lost" : "");
		logger.debug("Store events: failure detail", ex);
	}

}
