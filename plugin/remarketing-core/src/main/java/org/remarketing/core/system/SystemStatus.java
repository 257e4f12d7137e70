package org.remarketing.core.system;

import java.util.LinkedHashMap;
import java.util.Map;

import org.remarketing.core.schema.RemarketingSchema;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The plugin's own vital signs: its version, its schema and how many events it has captured.
 * Every call reads the database, so a failing query surfaces as a {@code DataAccessException}.
 */
public class SystemStatus implements StatusContributor {

	private final RemarketingSchema schema;

	private final JdbcOperations jdbc;

	public SystemStatus(RemarketingSchema schema) {
		this.schema = schema;
		this.jdbc = new JdbcTemplate(schema.dataSource());
	}

	public Snapshot snapshot() {
		Long captured = this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_event", Long.class);
		return new Snapshot(PluginVersion.current(), this.schema.vendor().migrationFolder(),
				this.schema.currentVersion(), (captured != null) ? captured : 0);
	}

	@Override
	public void contribute(Map<String, Object> status) {
		Snapshot snapshot = snapshot();
		status.put("plugin", Map.of("version", snapshot.pluginVersion()));
		Map<String, Object> schemaPart = new LinkedHashMap<>();
		schemaPart.put("version", snapshot.schemaVersion());
		schemaPart.put("vendor", snapshot.vendor());
		schemaPart.put("historyTable", RemarketingSchema.HISTORY_TABLE);
		status.put("schema", schemaPart);
		status.put("events", Map.of("captured", snapshot.eventsCaptured()));
	}

	/** One reading of the plugin's status. */
	public static final class Snapshot {

		private final String pluginVersion;

		private final String vendor;

		private final String schemaVersion;

		private final long eventsCaptured;

		Snapshot(String pluginVersion, String vendor, String schemaVersion, long eventsCaptured) {
			this.pluginVersion = pluginVersion;
			this.vendor = vendor;
			this.schemaVersion = schemaVersion;
			this.eventsCaptured = eventsCaptured;
		}

		public String pluginVersion() {
			return this.pluginVersion;
		}

		/** {@code h2}, {@code mysql} (MySQL or MariaDB) or {@code postgresql}. */
		public String vendor() {
			return this.vendor;
		}

		public String schemaVersion() {
			return this.schemaVersion;
		}

		public long eventsCaptured() {
			return this.eventsCaptured;
		}

	}

}
