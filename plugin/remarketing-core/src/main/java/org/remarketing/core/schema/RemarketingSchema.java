package org.remarketing.core.schema;

import java.util.Arrays;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin's own tables ({@code rmk_*}) in the store's database, migrated by Flyway with a
 * history table of their own so that the host's migrations (if any) never see them.
 * <p>
 * Uses only the Flyway API common to 7.7 (pinned by Spring Boot 2.5) and 8.5, and never
 * exposes the {@link Flyway} instance: a bean of that type would switch off the host's.
 */
public class RemarketingSchema {

	/** Flyway history table of the plugin's migrations. */
	public static final String HISTORY_TABLE = "rmk_schema_history";

	private static final String MIGRATION_ROOT = "classpath:remarketing/db/migration/";

	private static final Logger logger = LoggerFactory.getLogger(RemarketingSchema.class);

	private final DataSource dataSource;

	private final DatabaseVendor vendor;

	private final Flyway flyway;

	private volatile String currentVersion;

	public RemarketingSchema(DataSource dataSource, ClassLoader classLoader) {
		this.dataSource = dataSource;
		this.vendor = DatabaseVendor.of(dataSource);
		this.flyway = Flyway.configure(classLoader)
			.dataSource(dataSource)
			.table(HISTORY_TABLE)
			.locations(location())
			// The store's schema is never empty: start our own history at 0 beside the host's tables.
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.baselineDescription("<< Remarketing baseline >>")
			.placeholderReplacement(false)
			.cleanDisabled(true)
			.load();
	}

	/**
	 * Applies pending migrations.
	 * @return the number of migrations applied
	 */
	public int migrate() {
		int applied = this.flyway.migrate().migrationsExecuted;
		this.currentVersion = readCurrentVersion();
		logger.info("Remarketing schema on {} is at version {} ({} migration(s) applied)", this.vendor,
				this.currentVersion, applied);
		return applied;
	}

	/**
	 * Checks, without changing anything, that someone else (a DBA) applied every migration.
	 * @throws IllegalStateException if a migration is pending
	 */
	public void verify() {
		MigrationInfo[] pending = this.flyway.info().pending();
		if (pending.length > 0) {
			String versions = Arrays.stream(pending)
				.map((migration) -> migration.getVersion().getVersion())
				.collect(Collectors.joining(", "));
			throw new IllegalStateException("Remarketing's tables are not up to date: migration(s) " + versions
					+ " pending. Apply the scripts in " + location() + " with Flyway (table " + HISTORY_TABLE
					+ ", baselineOnMigrate=true, baselineVersion=0), or set remarketing.schema.migrate=true to let "
					+ "the plugin apply them.");
		}
		this.flyway.validate();
		this.currentVersion = readCurrentVersion();
	}

	/** The version of the last applied migration, or {@code null} before {@link #migrate()} or {@link #verify()}. */
	public String currentVersion() {
		return this.currentVersion;
	}

	public DatabaseVendor vendor() {
		return this.vendor;
	}

	/** The database holding the plugin's tables. */
	public DataSource dataSource() {
		return this.dataSource;
	}

	public String location() {
		return MIGRATION_ROOT + this.vendor.migrationFolder();
	}

	private String readCurrentVersion() {
		MigrationInfo current = this.flyway.info().current();
		return (current != null && current.getVersion() != null) ? current.getVersion().getVersion() : null;
	}

}
