package org.remarketing.core.journeys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.remarketing.core.schema.DbTime;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Journeys in {@code rmk_journey}: installs the built-ins once, reads them, stores an
 * administrator's edits after checking them ({@link JourneyException} names what is wrong).
 */
public class JourneyStore {

	static final String COLUMNS = "id, code, name, description, builtin, enabled, purpose, trigger_segment,"
			+ " trigger_event, steps_json, holdout_percent, goal_hours, reentry_days, exit_on_leave";

	/** Most steps a journey may have. */
	public static final int MAX_STEPS = 10;

	/** Highest holdout share. */
	public static final int MAX_HOLDOUT_PERCENT = 50;

	private static final ObjectMapper JSON = new ObjectMapper();

	private final JdbcTemplate jdbc;

	private final Clock clock;

	public JourneyStore(DataSource dataSource, Clock clock) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.clock = clock;
	}

	/** Installs the shipped journeys that are not there yet; edited ones are left as they are. */
	public void installBuiltIns() {
		for (BuiltInJourney builtIn : BuiltInJourney.values()) {
			if (find(builtIn.code()).isPresent()) {
				continue;
			}
			Journey j = builtIn.definition();
			try {
				this.jdbc.update("INSERT INTO rmk_journey (code, name, description, builtin, enabled, purpose,"
						+ " trigger_segment, trigger_event, steps_json, holdout_percent, goal_hours, reentry_days,"
						+ " exit_on_leave, cursor_id, created_at, updated_at)"
						+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
						j.code(), j.name(), j.description(), true, j.enabled(), j.purpose().name(), j.triggerSegment(),
						j.triggerEvent(), stepsJson(j.steps()), j.holdoutPercent(), j.goalWindow().toHours(), j.reentry().toDays(),
						j.exitOnLeave(), startCursor(j.triggerSegment()), DbTime.utc(this.clock.instant()),
						DbTime.utc(this.clock.instant()));
			}
			catch (DataIntegrityViolationException ex) {
				// Another node installed it at the same moment.
			}
		}
	}

	/**
	 * Journeys start with the changes that happen after they are installed, not the segment's past
	 * (an event-triggered journey keeps no cursor: it looks back a fixed time, see JourneyEngine).
	 */
	private long startCursor(String segmentCode) {
		if (segmentCode == null) {
			return 0;
		}
		Long max = this.jdbc.queryForObject("SELECT MAX(c.id) FROM rmk_segment_change c JOIN rmk_segment s"
				+ " ON s.id = c.segment_id WHERE s.code = ?", Long.class, segmentCode);
		return (max != null) ? max : 0;
	}

	public List<Journey> journeys() {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM rmk_journey ORDER BY id", this::journey);
	}

	public Optional<Journey> find(String code) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM rmk_journey WHERE code = ?", this::journey, code)
				.stream().findFirst();
	}

	public Optional<Journey> find(long id) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM rmk_journey WHERE id = ?", this::journey, id)
				.stream().findFirst();
	}

	/**
	 * Stores an edited journey. Steps already scheduled keep their time; new entries follow the new
	 * steps.
	 * @throws JourneyException if a value is out of range
	 */
	public Journey update(Journey edited) {
		check(edited);
		int rows = this.jdbc.update("UPDATE rmk_journey SET name = ?, description = ?, enabled = ?, steps_json = ?,"
				+ " holdout_percent = ?, goal_hours = ?, reentry_days = ?, exit_on_leave = ?, updated_at = ? WHERE id = ?",
				edited.name(), edited.description(), edited.enabled(), stepsJson(edited.steps()),
				edited.holdoutPercent(), edited.goalWindow().toHours(), edited.reentry().toDays(),
				edited.exitOnLeave(), DbTime.utc(this.clock.instant()), edited.id());
		if (rows == 0) {
			throw new JourneyException("journey", "No journey " + edited.code());
		}
		return find(edited.id()).orElseThrow();
	}

	/** Checks what an administrator may set. */
	public static void check(Journey j) {
		if (j.name().isBlank() || j.name().length() > 200) {
			throw new JourneyException("name", "name must have 1 to 200 characters");
		}
		if (j.description() != null && j.description().length() > 2000) {
			throw new JourneyException("description", "description must have at most 2000 characters");
		}
		if (j.steps().isEmpty() || j.steps().size() > MAX_STEPS) {
			throw new JourneyException("steps", "a journey has 1 to " + MAX_STEPS + " steps");
		}
		Duration previous = Duration.ZERO;
		for (int i = 0; i < j.steps().size(); i++) {
			JourneyStep step = j.steps().get(i);
			String at = "steps[" + i + "]";
			if (step.delay().isNegative() || step.delay().compareTo(JourneyStep.MAX_DELAY) > 0) {
				throw new JourneyException(at + ".delayMinutes", "a step's delay is 0 to 365 days");
			}
			if (i > 0 && step.delay().compareTo(previous) <= 0) {
				throw new JourneyException(at + ".delayMinutes", "each step comes after the previous one");
			}
			if (!"EMAIL".equals(step.channel())) {
				throw new JourneyException(at + ".channel", "channel must be EMAIL");
			}
			if (!step.template().matches("[a-z0-9][a-z0-9-]{0,63}")) {
				throw new JourneyException(at + ".template", "template is a key such as cart-reminder");
			}
			previous = step.delay();
		}
		if (j.holdoutPercent() < 0 || j.holdoutPercent() > MAX_HOLDOUT_PERCENT) {
			throw new JourneyException("holdoutPercent", "holdout is 0 to " + MAX_HOLDOUT_PERCENT + " %");
		}
		if (j.goalWindow().toHours() < 1 || j.goalWindow().toDays() > 90) {
			throw new JourneyException("goalHours", "the conversion window is 1 hour to 90 days");
		}
		if (j.reentry().isNegative() || j.reentry().toDays() > 3650) {
			throw new JourneyException("reentryDays", "re-entry is 0 to 3650 days");
		}
	}

	static String stepsJson(List<JourneyStep> steps) {
		List<Map<String, Object>> list = new ArrayList<>();
		for (JourneyStep step : steps) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("delayMinutes", step.delay().toMinutes());
			m.put("channel", step.channel());
			m.put("template", step.template());
			list.add(m);
		}
		try {
			return JSON.writeValueAsString(list);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static List<JourneyStep> steps(String json) {
		try {
			List<Map<String, Object>> list = JSON.readValue(json, new TypeReference<List<Map<String, Object>>>() {
			});
			List<JourneyStep> steps = new ArrayList<>();
			for (Map<String, Object> m : list) {
				steps.add(new JourneyStep(Duration.ofMinutes(((Number) m.get("delayMinutes")).longValue()),
						(String) m.get("channel"), (String) m.get("template")));
			}
			return steps;
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("rmk_journey.steps_json cannot be read", ex);
		}
	}

	private Journey journey(ResultSet rs, int row) throws SQLException {
		return new Journey(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getString("description"),
				rs.getBoolean("builtin"), rs.getBoolean("enabled"), JourneyPurpose.valueOf(rs.getString("purpose")),
				rs.getString("trigger_segment"), rs.getString("trigger_event"), steps(rs.getString("steps_json")), rs.getInt("holdout_percent"),
				Duration.ofHours(rs.getInt("goal_hours")), Duration.ofDays(rs.getInt("reentry_days")),
				rs.getBoolean("exit_on_leave"));
	}

}
