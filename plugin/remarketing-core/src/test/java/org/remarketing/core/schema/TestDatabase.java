package org.remarketing.core.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh database for one test, dropped afterwards. The MariaDB and PostgreSQL variants
 * need the servers of the CI machine and fail (never skip) when they are unreachable.
 */
public abstract class TestDatabase {

	private final DataSource dataSource;

	TestDatabase(String url) {
		this.dataSource = new DriverManagerDataSource(url);
	}

	public DataSource dataSource() {
		return this.dataSource;
	}

	public JdbcTemplate jdbc() {
		return new JdbcTemplate(this.dataSource);
	}

	public abstract void drop();

	/** Table names in the connection's own catalog and schema, as the database spells them. */
	List<String> tableNames() {
		try (Connection connection = this.dataSource.getConnection()) {
			DatabaseMetaData metaData = connection.getMetaData();
			List<String> names = new ArrayList<>();
			try (ResultSet tables = metaData.getTables(connection.getCatalog(), connection.getSchema(), "%", null)) {
				while (tables.next()) {
					names.add(tables.getString("TABLE_NAME"));
				}
			}
			return names;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	boolean hasTable(String name) {
		return tableNames().stream().anyMatch(name::equalsIgnoreCase);
	}

	/** The versions recorded in the plugin's history table, baseline included. */
	List<String> historyVersions() {
		String table = tableNames().stream()
			.filter(RemarketingSchema.HISTORY_TABLE::equalsIgnoreCase)
			.findFirst()
			.orElseThrow();
		String quote;
		try (Connection connection = this.dataSource.getConnection()) {
			quote = connection.getMetaData().getIdentifierQuoteString();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		String version = quote + "version" + quote;
		// Flyway 8 also records the creation of the table itself, with no version.
		return jdbc().queryForList("SELECT " + version + " FROM " + quote + table + quote + " WHERE " + version
				+ " IS NOT NULL ORDER BY " + quote + "installed_rank" + quote, String.class);
	}

	static String uniqueName() {
		return "rmk_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
	}

	/** In memory, alive while the test holds its first connection. */
	public static final class H2 extends TestDatabase {

		private final Connection keepAlive;

		public H2(String modeSettings) {
			super("jdbc:h2:mem:" + uniqueName() + modeSettings);
			try {
				this.keepAlive = dataSource().getConnection();
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public void drop() {
			try {
				this.keepAlive.close();
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/** On the server the session's time zone differs from the JVM's, to catch time bugs. */
	public static final class MariaDb extends TestDatabase {

		private static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";

		private final String name;

		private MariaDb(String name, String sessionTimeZone) {
			super(SERVER + name + "?user=root&sessionVariables=time_zone='" + sessionTimeZone + "'");
			this.name = name;
		}

		public static MariaDb create(String sessionTimeZone) {
			String name = uniqueName();
			server().execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
			return new MariaDb(name, sessionTimeZone);
		}

		@Override
		public void drop() {
			server().execute("DROP DATABASE IF EXISTS " + this.name);
		}

		private static JdbcTemplate server() {
			return new JdbcTemplate(new DriverManagerDataSource(SERVER + "?user=root"));
		}

	}

	public static final class PostgreSql extends TestDatabase {

		private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

		private final String name;

		private PostgreSql(String name) {
			super(SERVER + name + "?user=postgres");
			this.name = name;
		}

		public static PostgreSql create() {
			String name = uniqueName();
			server().execute("CREATE DATABASE " + name);
			return new PostgreSql(name);
		}

		@Override
		public void drop() {
			server().execute("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
		}

		private static JdbcTemplate server() {
			return new JdbcTemplate(new DriverManagerDataSource(SERVER + "postgres?user=postgres"));
		}

	}

}
