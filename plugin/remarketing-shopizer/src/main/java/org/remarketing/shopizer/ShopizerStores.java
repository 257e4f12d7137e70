package org.remarketing.shopizer;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.remarketing.core.shop.ShopStores;
import org.remarketing.core.shop.StoreSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Reads Shopizer's {@code MERCHANT_STORE} table, read only. The table is looked up through
 * JDBC metadata on every call, in any schema and in any letter case, because Hibernate may
 * create it after the plugin starts and Shopizer's H2 default keeps it in schema
 * {@code SALESMANAGER}; when it is not there the store is simply unknown.
 */
public class ShopizerStores implements ShopStores {

	static final String DEFAULT_STORE_CODE = "DEFAULT";

	private static final String MERCHANT_STORE = "MERCHANT_STORE";

	private static final Logger logger = LoggerFactory.getLogger(ShopizerStores.class);

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	public ShopizerStores(DataSource dataSource) {
		this.dataSource = dataSource;
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbc.setMaxRows(1);
	}

	/** Whether the store's database has Shopizer's tables. */
	public boolean isShopizerSchema() {
		return merchantStoreTable().isPresent();
	}

	@Override
	public Optional<StoreSummary> defaultStore() {
		Optional<String> table = merchantStoreTable();
		if (table.isEmpty()) {
			return Optional.empty();
		}
		try {
			List<StoreSummary> stores = this.jdbc.query("SELECT STORE_CODE, STORE_NAME FROM " + table.get()
					+ " ORDER BY CASE WHEN STORE_CODE = ? THEN 0 ELSE 1 END, MERCHANT_ID",
					(row, rowNum) -> new StoreSummary(row.getString(1), row.getString(2)), DEFAULT_STORE_CODE);
			return stores.stream().findFirst();
		}
		catch (DataAccessException ex) {
			logger.warn("Could not read the default store from {}: {}", table.get(), ex.getMessage());
			return Optional.empty();
		}
	}

	/** The quoted, schema-qualified name of Shopizer's store table, preferring the connection's schema. */
	private Optional<String> merchantStoreTable() {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			DatabaseMetaData metaData = connection.getMetaData();
			String currentSchema = connection.getSchema();
			String quote = metaData.getIdentifierQuoteString().trim();
			String found = null;
			try (ResultSet tables = metaData.getTables(connection.getCatalog(), null, "%", null)) {
				while (tables.next()) {
					String name = tables.getString("TABLE_NAME");
					if (!MERCHANT_STORE.equalsIgnoreCase(name)) {
						continue;
					}
					String schema = tables.getString("TABLE_SCHEM");
					String qualified = ((schema != null) ? quote + schema + quote + "." : "") + quote + name + quote;
					if (found == null || (schema != null && schema.equals(currentSchema))) {
						found = qualified;
					}
				}
			}
			return Optional.ofNullable(found);
		}
		catch (SQLException ex) {
			logger.warn("Could not look for Shopizer's tables: {}", ex.getMessage());
			return Optional.empty();
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

}
