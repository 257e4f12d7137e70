package org.remarketing.core.contacts;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import org.remarketing.core.schema.RemarketingSchema;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh, migrated database per test (same pattern as the schema contract tests): H2 in memory,
 * or a new database on the CI machine's MariaDB (session in a time zone other than the JVM's) or
 * PostgreSQL, which fail (never skip) when the server is down. Public for the other feature packages'
 * contract tests (segments).
 */
public abstract class ContactTestDatabase {

	private final DataSource dataSource;

	ContactTestDatabase(String url) {
		this.dataSource = new DriverManagerDataSource(url);
	}

	public DataSource dataSource() {
		return this.dataSource;
	}

	public JdbcTemplate jdbc() {
		return new JdbcTemplate(this.dataSource);
	}

	public ContactTestDatabase migrated() {
		new RemarketingSchema(this.dataSource, getClass().getClassLoader()).migrate();
		return this;
	}

	public abstract void drop();

	static String uniqueName() {
		return "rmk_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
	}

	public static final class H2 extends ContactTestDatabase {

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

	public static final class MariaDb extends ContactTestDatabase {

		private static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";

		private final String name;

		private MariaDb(String name, String sessionTimeZone) {
			super(SERVER + name + "?user=root&sessionVariables=time_zone='" + sessionTimeZone + "'");
			this.name = name;
		}

		public static MariaDb create() {
			ZoneOffset jvm = ZoneId.systemDefault().getRules().getOffset(Instant.now());
			String name = uniqueName();
			server().execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
			return new MariaDb(name, jvm.equals(ZoneOffset.ofHours(7)) ? "-05:00" : "+07:00");
		}

		@Override
		public void drop() {
			server().execute("DROP DATABASE IF EXISTS " + this.name);
		}

		private static JdbcTemplate server() {
			return new JdbcTemplate(new DriverManagerDataSource(SERVER + "?user=root"));
		}

	}

	public static final class PostgreSql extends ContactTestDatabase {

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
