package org.remarketing.shopizer;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

	@Override
	public Map<Long, String> newestProducts(Collection<String> categories, Instant since, int limit) {
		Map<Long, String> products = new LinkedHashMap<>();
		List<SessionFactoryImplementor> factories = ShopizerMapping.sessionFactories(this.beans);
		if (factories.isEmpty() || categories.isEmpty() || limit <= 0) {
			return products;
		}
		ShopizerMapping.Tables tables = ShopizerMapping.tables(factories.get(0));
		List<Object> args = new ArrayList<>();
		args.add(true);
		args.addAll(categories);
		args.add(Timestamp.from(since));
		JdbcTemplate bounded = new JdbcTemplate(this.jdbc.getDataSource());
		bounded.setMaxRows(limit * 4); // a product in several of the categories comes once per category
		bounded.query("SELECT p.PRODUCT_ID, p.SKU, COALESCE(p.DATE_AVAILABLE, p.DATE_CREATED) AS ADDED FROM " + tables.product
				+ " p JOIN " + tables.productCategory + " pc ON pc.PRODUCT_ID = p.PRODUCT_ID JOIN " + tables.category
				+ " c ON c.CATEGORY_ID = pc.CATEGORY_ID WHERE p.AVAILABLE = ? AND c.CODE IN ("
				+ String.join(", ", Collections.nCopies(categories.size(), "?")) + ") AND COALESCE(p.DATE_AVAILABLE,"
				+ " p.DATE_CREATED) > ? ORDER BY ADDED DESC, p.PRODUCT_ID DESC", (rs) -> {
					if (products.size() < limit) {
						String sku = rs.getString(2);
						products.putIfAbsent(rs.getLong(1), (sku != null) ? sku.trim() : null);
					}
				}, args.toArray());
		return products;
	}

}
