package org.remarketing.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Helpers to look at a test's H2 database from outside the application context.
 */
final class TestDatabases {

	private TestDatabases() {
	}

	/** A fresh in-memory database that outlives the contexts started on it. */
	static String newUrl() {
		return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
	}

	static JdbcTemplate jdbc(String url) {
		return new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
	}

	static boolean hasTable(DataSource dataSource, String name) {
		try (Connection connection = dataSource.getConnection()) {
			DatabaseMetaData metaData = connection.getMetaData();
			try (ResultSet tables = metaData.getTables(null, null, "%", null)) {
				while (tables.next()) {
					if (name.equalsIgnoreCase(tables.getString("TABLE_NAME"))) {
						return true;
					}
				}
			}
			return false;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static boolean hasTable(String url, String name) {
		return hasTable(new DriverManagerDataSource(url, "sa", ""), name);
	}

	/** The plugin's migration versions, in order, as shipped (read from its H2 folder). */
	static List<String> shippedVersions() {
		try {
			Resource[] scripts = new PathMatchingResourcePatternResolver(TestDatabases.class.getClassLoader())
				.getResources("classpath*:remarketing/db/migration/h2/V*__*.sql");
			return Arrays.stream(scripts)
				.map(Resource::getFilename)
				.filter(Objects::nonNull)
				.map((name) -> name.substring(1, name.indexOf("__")))
				.distinct()
				.sorted(Comparator.comparingInt(Integer::parseInt))
				.collect(Collectors.toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The plugin's latest migration version (the schema version a fresh install reports). */
	static String latestVersion() {
		List<String> versions = shippedVersions();
		return versions.get(versions.size() - 1);
	}

	/** Versions in a Flyway history table, baseline included (Flyway 8 adds an unversioned row of its own). */
	static List<String> versions(String url, String historyTable) {
		return jdbc(url).queryForList("SELECT \"version\" FROM \"" + historyTable
				+ "\" WHERE \"version\" IS NOT NULL AND \"success\" = TRUE ORDER BY \"installed_rank\"", String.class);
	}

}
