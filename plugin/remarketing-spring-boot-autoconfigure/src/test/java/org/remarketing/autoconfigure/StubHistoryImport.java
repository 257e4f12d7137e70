package org.remarketing.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.remarketing.core.shop.HistoryImport;

/** A history import that only remembers being started; a run goes on until {@link #finish()}. */
final class StubHistoryImport implements HistoryImport {

	private volatile boolean running;

	private volatile int runs;

	@Override
	public synchronized boolean start() {
		if (this.running) {
			return false;
		}
		this.running = true;
		this.runs++;
		return true;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	void finish() {
		this.running = false;
	}

	@Override
	public Map<String, Object> status() {
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("state", this.running ? "running" : (this.runs > 0) ? "completed" : "idle");
		status.put("runs", this.runs);
		return status;
	}

}
