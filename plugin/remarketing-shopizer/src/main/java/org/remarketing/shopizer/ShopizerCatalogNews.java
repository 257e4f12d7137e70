package org.remarketing.shopizer;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.remarketing.core.shop.CatalogNews;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Shopizer's newest available product per category code, read (never written) from its
 * {@code PRODUCT}, the product–category join table and {@code CATEGORY}: a product counts from
 * its {@code DATE_AVAILABLE}, else its {@code DATE_CREATED}, and only when it is available. Codes
 * of several stores are merged (the newest wins).
 */
public class ShopizerCatalogNews implements CatalogNews {

	private final ListableBeanFactory beans;

	private final JdbcTemplate jdbc;

	public ShopizerCatalogNews(ListableBeanFactory beans, DataSource dataSource) {
		this.beans = beans;
		this.jdbc = new JdbcTemplate(dataSource);
	}

	@Override
	public Map<String, Instant> newestProductPerCategory() {
		Map<String, Instant> newest = new HashMap<>();
		List<SessionFactoryImplementor> factories = ShopizerMapping.sessionFactories(this.beans);
		if (factories.isEmpty()) {
			return newest;
		}
		ShopizerMapping.Tables tables = ShopizerMapping.tables(factories.get(0));
		this.jdbc.query("SELECT c.CODE, MAX(COALESCE(p.DATE_AVAILABLE, p.DATE_CREATED)) FROM " + tables.product + " p JOIN "
				+ tables.productCategory + " pc ON pc.PRODUCT_ID = p.PRODUCT_ID JOIN " + tables.category
				+ " c ON c.CATEGORY_ID = pc.CATEGORY_ID WHERE p.AVAILABLE = ? GROUP BY c.CODE", (rs) -> {
					Timestamp at = rs.getTimestamp(2);
					if (rs.getString(1) != null && at != null) {
						newest.merge(rs.getString(1).trim(), at.toInstant(), (a, b) -> a.isAfter(b) ? a : b);
					}
				}, true);
		return newest;
	}

}
