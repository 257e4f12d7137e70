package org.remarketing.web.tracking;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.remarketing.core.tracking.Outbox;
import org.remarketing.core.tracking.TrackedEvent;

/** An outbox that keeps what it is given, for tests. */
class RecordingOutbox implements Outbox {

	final List<TrackedEvent> events = new CopyOnWriteArrayList<>();

	int appends;

	@Override
	public void append(Connection connection, List<TrackedEvent> events) {
		append(events);
	}

	@Override
	public void append(List<TrackedEvent> events) {
		this.appends++;
		this.events.addAll(events);
	}

}
