package org.remarketing.core.shop;

import java.util.Map;

/**
 * Port toward the store: imports what the store recorded before the plugin captured anything
 * (its customers, orders, newsletter opt-ins and open carts) as events, so that contacts know a
 * store's history from the day the plugin is installed. Runs in the background; importing twice
 * changes nothing.
 */
public interface HistoryImport {

	/**
	 * Starts a run in the background: it goes on from where an unfinished run stopped, or imports
	 * everything again when the last run finished.
	 * @return false when a run is already going on, on this node or another
	 */
	boolean start();

	/** Whether a run is going on (on this node or, as far as the shared settings tell, another). */
	boolean isRunning();

	/**
	 * Progress of the current run and the result of the last finished one, JSON-ready: {@code state}
	 * (idle, running, waiting, completed, failed, unavailable), counts, times as ISO-8601 strings.
	 */
	Map<String, Object> status();

}
