package org.remarketing.web.segments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.remarketing.core.schema.DbTime;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the admin API reads and writes of {@code rmk_segment} and around it: custom segments
 * created, changed and deleted, members paged newest first (joined with the contact), members in
 * contact-id order for an export, and the hourly sizes. Membership itself is the engine's.
 */
final class SegmentRows {

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	SegmentRows(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** A new custom segment, enabled and empty until its first rebuild (its code is unique: find it by it). */
	void insertCustom(String code, String name, String description, String ruleJson, Instant now) {
		this.jdbc.update("INSERT INTO rmk_segment (code, name, description, builtin, rule_json, settings_json, enabled,"
				+ " member_count, created_at, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?, 0, ?, ?)", code, name,
				emptyToNull(description), false, ruleJson, true, DbTime.utc(now), DbTime.utc(now));
	}

	/** Writes the given columns (null: unchanged; an empty description: none). */
	void update(long id, String name, String description, Boolean enabled, String settingsJson, String ruleJson,
			Instant now) {
		StringBuilder set = new StringBuilder("updated_at = ?");
		List<Object> args = new ArrayList<>();
		args.add(DbTime.utc(now));
		if (name != null) {
			set.append(", name = ?");
			args.add(name);
		}
		if (description != null) {
			set.append(", description = ?");
			args.add(emptyToNull(description));
		}
		if (enabled != null) {
			set.append(", enabled = ?");
			args.add(enabled);
		}
		if (settingsJson != null) {
			set.append(", settings_json = ?");
			args.add(settingsJson);
		}
		if (ruleJson != null) {
			set.append(", rule_json = ?");
			args.add(ruleJson);
		}
		args.add(id);
		this.jdbc.update("UPDATE rmk_segment SET " + set + " WHERE id = ?", args.toArray());
	}

	/**
	 * Deletes a segment with its members, entry/exit log and sizes, holding the row's lock (the
	 * one the engine takes to change membership) so that no change of it is half applied.
	 */
	boolean delete(long id) {
		Boolean deleted = this.transaction.execute((status) -> {
			if (this.jdbc.queryForList("SELECT id FROM rmk_segment WHERE id = ? FOR UPDATE", Long.class, id).isEmpty()) {
				return false;
			}
			this.jdbc.update("DELETE FROM rmk_segment_member WHERE segment_id = ?", id);
			this.jdbc.update("DELETE FROM rmk_segment_change WHERE segment_id = ?", id);
			this.jdbc.update("DELETE FROM rmk_segment_size WHERE segment_id = ?", id);
			this.jdbc.update("DELETE FROM rmk_segment WHERE id = ?", id);
			return true;
		});
		return Boolean.TRUE.equals(deleted);
	}

	/** A page of members, who entered last first. */
	List<Map<String, Object>> members(long segmentId, int page, int size) {
		return this.jdbc.query("SELECT m.contact_id, m.entered_at, c.email, c.first_name, c.last_name, c.language,"
				+ " c.stage FROM rmk_segment_member m JOIN rmk_contact c ON c.id = m.contact_id WHERE m.segment_id = ?"
				+ " ORDER BY m.entered_at DESC, m.contact_id DESC LIMIT ? OFFSET ?", SegmentRows::member, segmentId, size,
				(long) page * size);
	}

	/** Up to {@code limit} members after a contact id, in contact-id order (an export's keyset page). */
	List<Map<String, Object>> membersAfter(long segmentId, long afterContactId, int limit) {
		return this.jdbc.query("SELECT m.contact_id, m.entered_at, c.email, c.first_name, c.last_name, c.language,"
				+ " c.stage FROM rmk_segment_member m JOIN rmk_contact c ON c.id = m.contact_id WHERE m.segment_id = ?"
				+ " AND m.contact_id > ? ORDER BY m.contact_id LIMIT ?", SegmentRows::member, segmentId, afterContactId,
				limit);
	}

	/** Every segment's hourly sizes since an instant, oldest first, by segment id. */
	Map<Long, List<Map<String, Object>>> sizes(Instant since) {
		Map<Long, List<Map<String, Object>>> sizes = new HashMap<>();
		this.jdbc.query("SELECT segment_id, measured_at, member_count FROM rmk_segment_size WHERE measured_at >= ?"
				+ " ORDER BY segment_id, measured_at", (rs) -> {
					sizes.computeIfAbsent(rs.getLong(1), (id) -> new ArrayList<>()).add(size(rs));
				}, DbTime.utc(since));
		return sizes;
	}

	/** One segment's hourly sizes since an instant, oldest first. */
	List<Map<String, Object>> sizes(long segmentId, Instant since) {
		return this.jdbc.query("SELECT measured_at, member_count FROM rmk_segment_size WHERE segment_id = ?"
				+ " AND measured_at >= ? ORDER BY measured_at", (rs, row) -> size(rs), segmentId, DbTime.utc(since));
	}

	private static Map<String, Object> size(ResultSet rs) throws SQLException {
		Map<String, Object> size = new LinkedHashMap<>();
		size.put("at", iso(rs, "measured_at"));
		size.put("count", rs.getLong("member_count"));
		return size;
	}

	private static Map<String, Object> member(ResultSet rs, int row) throws SQLException {
		Map<String, Object> member = new LinkedHashMap<>();
		member.put("contactId", rs.getLong("contact_id"));
		member.put("email", rs.getString("email"));
		member.put("firstName", rs.getString("first_name"));
		member.put("lastName", rs.getString("last_name"));
		member.put("language", rs.getString("language"));
		member.put("stage", rs.getString("stage"));
		member.put("enteredAt", iso(rs, "entered_at"));
		return member;
	}

	private static String iso(ResultSet rs, String column) throws SQLException {
		Instant instant = DbTime.instant(rs.getObject(column, LocalDateTime.class));
		return (instant != null) ? instant.toString() : null;
	}

	private static String emptyToNull(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

}
