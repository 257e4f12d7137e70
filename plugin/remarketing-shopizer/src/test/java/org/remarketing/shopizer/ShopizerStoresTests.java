package org.remarketing.shopizer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remarketing.core.shop.StoreSummary;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

class ShopizerStoresTests {

	private final DriverManagerDataSource dataSource = new DriverManagerDataSource(
			"jdbc:h2:mem:" + UUID.randomUUID());

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	private final ShopizerStores stores = new ShopizerStores(this.dataSource);

	private Connection keepAlive;

	@BeforeEach
	void openDatabase() throws SQLException {
		this.keepAlive = this.dataSource.getConnection();
	}

	@AfterEach
	void closeDatabase() throws SQLException {
		this.keepAlive.close();
	}

	@Test
	void withoutShopizersTablesTheStoreIsUnknown() {
		assertThat(this.stores.isShopizerSchema()).isFalse();
		assertThat(this.stores.defaultStore()).isEmpty();
	}

	@Test
	void prefersTheDefaultStore() {
		createMerchantStore("MERCHANT_STORE");
		insertStore("MERCHANT_STORE", 1, "OUTLET", "Outlet");
		insertStore("MERCHANT_STORE", 2, "DEFAULT", "Bean & Leaf");
		assertThat(this.stores.isShopizerSchema()).isTrue();
		assertThat(this.stores.defaultStore()).contains(new StoreSummary("DEFAULT", "Bean & Leaf"));
	}

	@Test
	void fallsBackToTheFirstStoreWhenNoneIsCalledDefault() {
		createMerchantStore("MERCHANT_STORE");
		insertStore("MERCHANT_STORE", 7, "SHOP2", "Second");
		insertStore("MERCHANT_STORE", 3, "SHOP1", "First");
		assertThat(this.stores.defaultStore()).contains(new StoreSummary("SHOP1", "First"));
	}

	@Test
	void findsTheTableInShopizersOwnSchema() {
		this.jdbc.execute("CREATE SCHEMA SALESMANAGER");
		createMerchantStore("SALESMANAGER.MERCHANT_STORE");
		insertStore("SALESMANAGER.MERCHANT_STORE", 1, "DEFAULT", "Default store");
		assertThat(this.stores.defaultStore()).contains(new StoreSummary("DEFAULT", "Default store"));
	}

	@Test
	void findsALowerCaseTable() {
		createMerchantStore("\"merchant_store\"");
		insertStore("\"merchant_store\"", 1, "DEFAULT", "Lower");
		assertThat(this.stores.defaultStore()).contains(new StoreSummary("DEFAULT", "Lower"));
	}

	@Test
	void emptyStoreTableIsNoStore() {
		createMerchantStore("MERCHANT_STORE");
		assertThat(this.stores.isShopizerSchema()).isTrue();
		assertThat(this.stores.defaultStore()).isEmpty();
	}

	private void createMerchantStore(String table) {
		this.jdbc.execute("CREATE TABLE " + table + " (MERCHANT_ID INT PRIMARY KEY, STORE_CODE VARCHAR(100) NOT NULL,"
				+ " STORE_NAME VARCHAR(100) NOT NULL, STORE_EMAIL VARCHAR(60))");
	}

	private void insertStore(String table, int id, String code, String name) {
		this.jdbc.update("INSERT INTO " + table + " (MERCHANT_ID, STORE_CODE, STORE_NAME) VALUES (?, ?, ?)", id, code,
				name);
	}

}
