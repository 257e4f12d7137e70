package org.remarketing.shopizer;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import com.salesmanager.core.model.customer.Customer;
import com.salesmanager.core.model.order.Order;
import com.salesmanager.core.model.order.orderproduct.OrderProduct;
import com.salesmanager.core.model.shoppingcart.ShoppingCart;
import com.salesmanager.core.model.shoppingcart.ShoppingCartItem;
import com.salesmanager.core.model.system.optin.CustomerOptin;
import org.hibernate.action.spi.AfterTransactionCompletionProcess;
import org.hibernate.action.spi.BeforeTransactionCompletionProcess;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.event.spi.EventSource;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostDeleteEventListener;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;
import org.remarketing.core.tracking.TrackedEvent;

/**
 * In-transaction listeners appended to the store's Hibernate session factory. They note what
 * the store changed per session and transaction; one callback registered on the session's action
 * queue writes the events with {@code Outbox.append(connection, events)} on the session's own
 * connection right before the store's transaction commits, so they commit or roll back with the
 * change they describe. A capture bug never reaches the store's transaction: it is logged
 * (without shoppers' data) and counted.
 */
final class StoreEventListener implements PostInsertEventListener, PostUpdateEventListener, PostDeleteEventListener {

	private static final long serialVersionUID = 1L;

	private final transient ShopizerCapture capture;

	/** The open batch of each session (a session runs one transaction at a time). */
	private final transient Map<SharedSessionContractImplementor, CapturedTransaction> open = Collections
		.synchronizedMap(new WeakHashMap<>());

	StoreEventListener(ShopizerCapture capture) {
		this.capture = capture;
	}

	@Override
	public void onPostInsert(PostInsertEvent event) {
		if (relevant(event.getEntity())) {
			try {
				batch(event.getSession()).inserted(event, this.capture.visitorId());
			}
			catch (RuntimeException | LinkageError ex) {
				this.capture.failed("insert of " + event.getPersister().getEntityName(), ex, 0);
			}
		}
	}

	@Override
	public void onPostUpdate(PostUpdateEvent event) {
		if (relevant(event.getEntity())) {
			try {
				batch(event.getSession()).updated(event, this.capture.visitorId());
			}
			catch (RuntimeException | LinkageError ex) {
				this.capture.failed("update of " + event.getPersister().getEntityName(), ex, 0);
			}
		}
	}

	@Override
	public void onPostDelete(PostDeleteEvent event) {
		if (relevant(event.getEntity())) {
			try {
				batch(event.getSession()).deleted(event, this.capture.visitorId());
			}
			catch (RuntimeException | LinkageError ex) {
				this.capture.failed("delete of " + event.getPersister().getEntityName(), ex, 0);
			}
		}
	}

	/** In-transaction listeners: the store's commit does not wait for anything after it. */
	@Override
	public boolean requiresPostCommitHanding(EntityPersister persister) {
		return false;
	}

	private boolean relevant(Object entity) {
		return this.capture.isActive() && (entity instanceof ShoppingCartItem || entity instanceof ShoppingCart
				|| entity instanceof Order || entity instanceof OrderProduct || entity instanceof Customer
				|| entity instanceof CustomerOptin);
	}

	private CapturedTransaction batch(EventSource session) {
		CapturedTransaction batch = this.open.get(session);
		if (batch == null || batch.isCompleted()) {
			CapturedTransaction created = new CapturedTransaction();
			this.open.put(session, created);
			session.getActionQueue().registerProcess(new BeforeCommit(created));
			session.getActionQueue().registerProcess(new AfterCompletion(created));
			batch = created;
		}
		return batch;
	}

	/** Writes the batch on the session's connection, inside the store's transaction. */
	private final class BeforeCommit implements BeforeTransactionCompletionProcess {

		private final CapturedTransaction batch;

		BeforeCommit(CapturedTransaction batch) {
			this.batch = batch;
		}

		@Override
		public void doBeforeTransactionCompletion(SessionImplementor session) {
			if (this.batch.isCompleted() || this.batch.isEmpty()) {
				return; // left behind by a rolled back transaction of a long session: not ours
			}
			List<TrackedEvent> events;
			try {
				events = this.batch.events(session);
			}
			catch (RuntimeException | LinkageError ex) {
				StoreEventListener.this.capture.failed("translation before commit", ex, 0);
				return;
			}
			finally {
				this.batch.complete();
				StoreEventListener.this.open.remove(session, this.batch);
			}
			if (!events.isEmpty()) {
				StoreEventListener.this.capture.write(session, events);
			}
		}

	}

	/** Forgets the batch once the transaction is over, committed or rolled back. */
	private final class AfterCompletion implements AfterTransactionCompletionProcess {

		private final CapturedTransaction batch;

		AfterCompletion(CapturedTransaction batch) {
			this.batch = batch;
		}

		@Override
		public void doAfterTransactionCompletion(boolean success, SharedSessionContractImplementor session) {
			this.batch.complete();
			StoreEventListener.this.open.remove(session, this.batch);
		}

	}

}
