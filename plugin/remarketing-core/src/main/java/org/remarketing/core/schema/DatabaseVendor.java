package org.remarketing.core.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * The databases the plugin's migrations are written for; chosen once from JDBC metadata.
 */
public enum DatabaseVendor {

	H2("h2"),

	/** MySQL and MariaDB share one set of scripts. */
	MYSQL("mysql"),

	POSTGRESQL("postgresql");

	private final String migrationFolder;

	DatabaseVendor(String migrationFolder) {
		this.migrationFolder = migrationFolder;
	}

	/** The vendor folder under {@code remarketing/db/migration/}. */
	public String migrationFolder() {
		return this.migrationFolder;
	}

	public static DatabaseVendor of(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return fromProductName(connection.getMetaData().getDatabaseProductName());
		}
		catch (SQLException ex) {
			throw new CannotGetJdbcConnectionException("Remarketing could not read the store database's product name", ex);
		}
	}

	static DatabaseVendor fromProductName(String productName) {
		String name = (productName != null) ? productName.toLowerCase(Locale.ROOT) : "";
		if (name.equals("h2")) {
			return H2;
		}
		if (name.equals("mysql") || name.equals("mariadb")) {
			return MYSQL;
		}
		if (name.equals("postgresql")) {
			return POSTGRESQL;
		}
		throw new IllegalStateException("Remarketing supports H2, MySQL, MariaDB and PostgreSQL, but the store's "
				+ "database is '" + productName + "'. Run the store on one of these, or set remarketing.enabled=false.");
	}

}
