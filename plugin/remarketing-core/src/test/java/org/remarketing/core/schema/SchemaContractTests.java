package org.remarketing.core.schema;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remarketing.core.system.InstallSecrets;
import org.remarketing.core.system.PluginSettings;
import org.remarketing.core.system.SystemStatus;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What the plugin's schema promises on every supported database; one subclass per database.
 */
abstract class SchemaContractTests {

	/** Microseconds: the precision every vendor's column keeps. */
	private static final Instant NOON = Instant.parse("2024-03-05T12:34:56.123456Z");

	/** Every migration the plugin ships, oldest first. */
	private static final String[] MIGRATIONS = { "1", "2", "3", "4", "5", "6", "7" };

	private static final String LATEST = MIGRATIONS[MIGRATIONS.length - 1];

	private TestDatabase database;

	abstract TestDatabase createDatabase();

	abstract DatabaseVendor expectedVendor();

	@BeforeEach
	void createFreshDatabase() {
		this.database = createDatabase();
	}

	@AfterEach
	void dropDatabase() {
		this.database.drop();
	}

	@Test
	void detectsTheVendorFromJdbcMetadata() {
		assertThat(newSchema().vendor()).isEqualTo(expectedVendor());
	}

	@Test
	void migratesAnEmptyDatabaseToTheLatestVersion() {
		RemarketingSchema schema = newSchema();
		assertThat(schema.migrate()).isEqualTo(MIGRATIONS.length);
		assertThat(schema.currentVersion()).isEqualTo(LATEST);
		assertThat(this.database.hasTable("rmk_setting")).isTrue();
		assertThat(this.database.hasTable("rmk_event")).isTrue();
		assertThat(this.database.hasTable("rmk_outbox")).isTrue();
		assertThat(this.database.historyVersions()).containsExactly(MIGRATIONS);
	}

	@Test
	void secondStartAppliesNothing() {
		newSchema().migrate();
		RemarketingSchema restarted = newSchema();
		assertThat(restarted.migrate()).isZero();
		assertThat(restarted.currentVersion()).isEqualTo(LATEST);
		assertThat(this.database.historyVersions()).containsExactly(MIGRATIONS);
	}

	@Test
	void baselinesBesideTheHostsTablesAndLeavesThemAlone() {
		JdbcTemplate jdbc = this.database.jdbc();
		jdbc.execute("CREATE TABLE HOST_THING (ID INT PRIMARY KEY, NAME VARCHAR(20))");
		jdbc.update("INSERT INTO HOST_THING (ID, NAME) VALUES (1, 'kept')");
		assertThat(newSchema().migrate()).isEqualTo(MIGRATIONS.length);
		assertThat(this.database.historyVersions()).containsExactly(withBaseline());
		assertThat(jdbc.queryForList("SELECT NAME FROM HOST_THING", String.class)).containsExactly("kept");
	}

	@Test
	void verifyRefusesAPendingMigrationAndChangesNothing() {
		assertThatIllegalStateException().isThrownBy(newSchema()::verify)
			.withMessageContaining("migration(s) " + String.join(", ", MIGRATIONS) + " pending")
			.withMessageContaining("remarketing.schema.migrate=true");
		assertThat(this.database.hasTable("rmk_event")).isFalse();
	}

	@Test
	void verifyAcceptsASchemaMigratedByOthers() {
		newSchema().migrate();
		RemarketingSchema readOnly = newSchema();
		readOnly.verify();
		assertThat(readOnly.currentVersion()).isEqualTo(LATEST);
	}

	@Test
	void installSecretsAreCreatedOnceThenKept() {
		newSchema().migrate();
		JdbcTemplate jdbc = this.database.jdbc();
		InstallSecrets first = InstallSecrets.loadOrCreate(jdbc, Clock.fixed(NOON, ZoneOffset.UTC));
		InstallSecrets second = InstallSecrets.loadOrCreate(jdbc, Clock.fixed(NOON.plusSeconds(60), ZoneOffset.UTC));
		assertThat(first.secret()).hasSize(32).isEqualTo(second.secret());
		assertThat(first.installId()).isEqualTo(second.installId());
		Timestamp updatedAt = jdbc.queryForObject(
				"SELECT updated_at FROM rmk_setting WHERE setting_key = 'install.secret'", Timestamp.class);
		assertThat(updatedAt.toInstant()).isEqualTo(NOON);
	}

	@Test
	void eventLogKeepsInstantsPayloadAndIsCounted() {
		RemarketingSchema schema = newSchema();
		schema.migrate();
		JdbcTemplate jdbc = this.database.jdbc();
		String payload = "{\"note\":\"Phở ✓ " + "x".repeat(70_000) + "\"}";
		jdbc.update("INSERT INTO rmk_event (event_id, event_type, occurred_at, received_at, contact_id, visitor_id,"
				+ " customer_id, source, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID().toString(),
				"cart.item_added", Timestamp.from(NOON), Timestamp.from(NOON.plusMillis(250)), 42L, "v-1", null,
				"store", payload);
		Map<String, Object> row = jdbc.queryForMap("SELECT occurred_at FROM rmk_event WHERE contact_id = ?"
				+ " AND occurred_at >= ? AND occurred_at < ?", 42L, Timestamp.from(NOON),
				Timestamp.from(NOON.plus(1, ChronoUnit.MICROS)));
		assertThat(((Timestamp) row.get("occurred_at")).toInstant()).isEqualTo(NOON);
		assertThat(jdbc.queryForObject("SELECT payload FROM rmk_event", String.class)).isEqualTo(payload);
		assertThat(new SystemStatus(schema).snapshot().eventsCaptured()).isEqualTo(1);
	}

	private static String[] withBaseline() {
		String[] versions = new String[MIGRATIONS.length + 1];
		versions[0] = "0";
		System.arraycopy(MIGRATIONS, 0, versions, 1, MIGRATIONS.length);
		return versions;
	}

	@Test
	void settingsAreSharedByNodesAndALeaseGoesToAnotherNodeOnlyOnceItsHolderStopsRenewingIt() {
		newSchema().migrate();
		Instant start = Instant.parse("2024-03-05T12:00:00Z");
		PluginSettings nodeA = new PluginSettings(this.database.dataSource(), Clock.fixed(start, ZoneOffset.UTC));
		PluginSettings nodeB = new PluginSettings(this.database.dataSource(),
				Clock.fixed(start.plusSeconds(60), ZoneOffset.UTC));

		assertThat(nodeA.get("history.test")).isEmpty();
		assertThat(nodeA.putIfAbsent("history.test", "first")).isEqualTo("first");
		assertThat(nodeB.putIfAbsent("history.test", "second")).as("the first node's value stays").isEqualTo("first");
		nodeB.put("history.test", "x".repeat(PluginSettings.MAX_VALUE));
		assertThat(nodeA.get("history.test")).hasValue("x".repeat(PluginSettings.MAX_VALUE));
		nodeA.remove("history.test");
		assertThat(nodeB.get("history.test")).isEmpty();

		Duration expiry = Duration.ofMinutes(2);
		assertThat(nodeA.tryLease("history.lease", "a", expiry)).isTrue();
		assertThat(nodeA.tryLease("history.lease", "a", expiry)).as("renewed by its holder").isTrue();
		assertThat(nodeB.tryLease("history.lease", "b", expiry)).as("held, renewed a minute ago").isFalse();
		assertThat(nodeB.leaseHolder("history.lease", expiry)).hasValue("a");
		PluginSettings later = new PluginSettings(this.database.dataSource(),
				Clock.fixed(start.plus(expiry).plusSeconds(1), ZoneOffset.UTC));
		assertThat(later.leaseHolder("history.lease", expiry)).as("not renewed for longer than the expiry").isEmpty();
		assertThat(later.tryLease("history.lease", "b", expiry)).isTrue();
		assertThat(nodeA.leaseHolder("history.lease", expiry)).hasValue("b");
		nodeA.releaseLease("history.lease", "a");
		assertThat(nodeA.get("history.lease")).as("only its holder gives a lease up").hasValue("b");
		later.releaseLease("history.lease", "b");
		assertThat(nodeA.tryLease("history.lease", "a", expiry)).isTrue();
	}

	private RemarketingSchema newSchema() {
		return new RemarketingSchema(this.database.dataSource(), getClass().getClassLoader());
	}

}
