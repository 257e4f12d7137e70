package org.remarketing.kafka;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import org.remarketing.core.schema.RemarketingSchema;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A fresh, migrated H2 database in memory, kept until {@link #close()}. */
final class TestDatabase implements AutoCloseable {

	private final DriverManagerDataSource dataSource;

	private final Connection keepAlive;

	private final RemarketingSchema schema;

	TestDatabase() {
		String name = "rmk_kafka_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
		this.dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + name);
		try {
			this.keepAlive = this.dataSource.getConnection();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		this.schema = new RemarketingSchema(this.dataSource, getClass().getClassLoader());
		this.schema.migrate();
	}

	DataSource dataSource() {
		return this.dataSource;
	}

	RemarketingSchema schema() {
		return this.schema;
	}

	JdbcTemplate jdbc() {
		return new JdbcTemplate(this.dataSource);
	}

	long count(String table) {
		return jdbc().queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
	}

	@Override
	public void close() {
		try {
			this.keepAlive.close();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
