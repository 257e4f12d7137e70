package org.remarketing.core.journeys;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.remarketing.core.schema.DbTime;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads journeys' results from their runs and messages ({@link JourneyFigures}): a cohort view,
 * by the time each run entered, so that a run's messages, opens and conversion count for the
 * period it entered in, whenever they happened, and the messaged and held-out groups are compared
 * over the same entrants. Two grouped statements per call, whatever the number of journeys.
 */
public class JourneyResults {

	private static final String SENT = "m.state IN ('SENT', 'BOUNCED')";

	private final JdbcTemplate jdbc;

	public JourneyResults(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/**
	 * One journey's results over the runs that entered in [{@code from}, {@code to}); either end
	 * may be null (no bound).
	 */
	public JourneyFigures figures(long journeyId, Instant from, Instant to) {
		return figures(journeyId, from, to, true).getOrDefault(journeyId, JourneyFigures.NONE);
	}

	/**
	 * Every journey's results over the runs that entered in [{@code from}, {@code to}), by journey
	 * id; a journey without runs in the period has no entry.
	 */
	public Map<Long, JourneyFigures> figuresByJourney(Instant from, Instant to) {
		return figures(0, from, to, false);
	}

	private Map<Long, JourneyFigures> figures(long journeyId, Instant from, Instant to, boolean oneJourney) {
		List<Object> args = new ArrayList<>();
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		if (oneJourney) {
			where.append(" AND r.journey_id = ?");
			args.add(journeyId);
		}
		if (from != null) {
			where.append(" AND r.entered_at >= ?");
			args.add(DbTime.utc(from));
		}
		if (to != null) {
			where.append(" AND r.entered_at < ?");
			args.add(DbTime.utc(to));
		}
		Map<Long, JourneyFigures.Builder> builders = new HashMap<>();
		this.jdbc.query("SELECT r.journey_id, r.holdout, COUNT(*) AS entrants,"
				+ " SUM(CASE WHEN r.converted_at IS NOT NULL THEN 1 ELSE 0 END) AS conversions,"
				+ " SUM(CASE WHEN r.converted_at IS NOT NULL THEN COALESCE(r.revenue, 0) ELSE 0 END) AS revenue"
				+ " FROM rmk_journey_run r" + where + " GROUP BY r.journey_id, r.holdout", (ResultSet rs) -> {
					JourneyFigures.Builder b = builders.computeIfAbsent(rs.getLong("journey_id"),
							(id) -> new JourneyFigures.Builder());
					if (rs.getBoolean("holdout")) {
						b.holdoutEntrants = rs.getLong("entrants");
						b.holdoutConversions = rs.getLong("conversions");
						b.holdoutRevenue = money(rs);
					}
					else {
						b.messagedEntrants = rs.getLong("entrants");
						b.conversions = rs.getLong("conversions");
						b.revenue = money(rs);
					}
				}, args.toArray());
		// Held-out runs have HELD_OUT messages only: the message figures are the messaged group's.
		this.jdbc.query("SELECT r.journey_id,"
				+ " SUM(CASE WHEN " + SENT + " THEN 1 ELSE 0 END) AS sent,"
				+ " SUM(CASE WHEN m.state = 'SENT' THEN 1 ELSE 0 END) AS delivered,"
				+ " SUM(CASE WHEN " + SENT + " AND m.opened_at IS NOT NULL THEN 1 ELSE 0 END) AS opened,"
				+ " SUM(CASE WHEN " + SENT + " AND m.clicked_at IS NOT NULL THEN 1 ELSE 0 END) AS clicked,"
				+ " COUNT(DISTINCT CASE WHEN " + SENT + " THEN m.run_id END) AS reached,"
				+ " COUNT(DISTINCT CASE WHEN " + SENT + " AND (m.opened_at IS NOT NULL OR m.clicked_at IS NOT NULL)"
				+ " THEN m.run_id END) AS opened_runs,"
				+ " COUNT(DISTINCT CASE WHEN " + SENT + " AND m.clicked_at IS NOT NULL THEN m.run_id END) AS clicked_runs"
				+ " FROM rmk_message m JOIN rmk_journey_run r ON r.id = m.run_id" + where
				+ " GROUP BY r.journey_id", (ResultSet rs) -> {
					JourneyFigures.Builder b = builders.computeIfAbsent(rs.getLong("journey_id"),
							(id) -> new JourneyFigures.Builder());
					b.sent = rs.getLong("sent");
					b.delivered = rs.getLong("delivered");
					b.opened = rs.getLong("opened");
					b.clicked = rs.getLong("clicked");
					b.reached = rs.getLong("reached");
					b.openedRuns = rs.getLong("opened_runs");
					b.clickedRuns = rs.getLong("clicked_runs");
				}, args.toArray());
		Map<Long, JourneyFigures> figures = new HashMap<>();
		builders.forEach((id, b) -> figures.put(id, b.build()));
		return figures;
	}

	private static BigDecimal money(ResultSet rs) throws SQLException {
		BigDecimal value = rs.getBigDecimal("revenue");
		return (value != null) ? value : BigDecimal.ZERO;
	}

}
