package org.remarketing.shopizer;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.remarketing.core.shop.CatalogProduct;
import org.remarketing.core.shop.ProductCatalog;
import org.remarketing.core.shop.StoreBranding;
import org.remarketing.core.shop.StoreLinks;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Shopizer's catalog and store, read (never written) with plain SQL over its tables, whose names
 * come from the host's Hibernate mapping: {@code PRODUCT}, {@code PRODUCT_DESCRIPTION},
 * {@code PRODUCT_IMAGE}, {@code PRODUCT_AVAILABILITY}, {@code PRODUCT_PRICE},
 * {@code PRODUCT_RELATIONSHIP}, {@code MERCHANT_STORE} and the reference tables. A batch of
 * products costs three queries, however many products it holds. Links are made absolute with the
 * configured {@link StoreLinks}. A database error is thrown to the caller, who retries later
 * rather than send an email with products missing.
 */
public class ShopizerProductCatalog implements ProductCatalog {

	/** Shopizer's relationship of a product to the products shown beside it. */
	static final String RELATED_ITEM = "RELATED_ITEM";

	/** Shopizer's store-wide featured products (relationships without a product of their own). */
	static final String FEATURED_ITEM = "FEATURED_ITEM";

	/** Ids per query: far below every database's limit on bound parameters. */
	private static final int CHUNK = 500;

	private final ListableBeanFactory beans;

	private final JdbcTemplate jdbc;

	private final StoreLinks links;

	private final Clock clock;

	public ShopizerProductCatalog(ListableBeanFactory beans, DataSource dataSource, StoreLinks links) {
		this(beans, dataSource, links, Clock.systemDefaultZone());
	}

	ShopizerProductCatalog(ListableBeanFactory beans, DataSource dataSource, StoreLinks links, Clock clock) {
		this.beans = beans;
		this.jdbc = new JdbcTemplate(dataSource);
		this.links = links;
		this.clock = clock;
	}

	@Override
	public List<CatalogProduct> products(List<Long> ids, Locale locale) {
		ShopizerMapping.Tables tables = tables();
		Set<Long> wanted = new LinkedHashSet<>();
		for (Long id : ids) {
			if (id != null) {
				wanted.add(id);
			}
		}
		if (tables == null || wanted.isEmpty()) {
			return Collections.emptyList();
		}
		List<Long> all = new ArrayList<>(wanted);
		Map<Long, CatalogProduct> found = new HashMap<>();
		for (int from = 0; from < all.size(); from += CHUNK) {
			read(tables, all.subList(from, Math.min(all.size(), from + CHUNK)), language(locale), found);
		}
		return all.stream().filter(found::containsKey).map(found::get).collect(Collectors.toList());
	}

	@Override
	public List<CatalogProduct> related(long productId, Set<Long> exclude, int limit, Locale locale) {
		ShopizerMapping.Tables tables = tables();
		if (tables == null || limit <= 0) {
			return Collections.emptyList();
		}
		List<Long> candidates = this.jdbc.queryForList("SELECT r.RELATED_PRODUCT_ID FROM " + tables.productRelationship
				+ " r WHERE r.ACTIVE = ? AND r.RELATED_PRODUCT_ID IS NOT NULL AND ((r.CODE = ? AND r.PRODUCT_ID = ?)"
				+ " OR (r.CODE = ? AND (r.PRODUCT_ID IS NULL OR r.PRODUCT_ID = ?) AND r.MERCHANT_ID = (SELECT p.MERCHANT_ID"
				+ " FROM " + tables.product + " p WHERE p.PRODUCT_ID = ?)))"
				+ " ORDER BY CASE WHEN r.CODE = ? THEN 0 ELSE 1 END, r.PRODUCT_RELATIONSHIP_ID", Long.class, true,
				RELATED_ITEM, productId, FEATURED_ITEM, productId, productId, RELATED_ITEM);
		Set<Long> ids = new LinkedHashSet<>(candidates);
		ids.remove(productId);
		if (exclude != null) {
			ids.removeAll(exclude);
		}
		return products(new ArrayList<>(ids), locale).stream().filter(CatalogProduct::available).limit(limit)
			.collect(Collectors.toList());
	}

	@Override
	public StoreBranding brand() {
		ShopizerMapping.Tables tables = tables();
		if (tables == null) {
			return new StoreBranding(null, this.links.url(), null, null, null);
		}
		StoreBranding brand = this.jdbc.query("SELECT s.STORE_CODE, s.STORE_NAME, s.STORE_ADDRESS, s.STORE_CITY,"
				+ " s.STORE_STATE_PROV, z.ZONE_CODE, s.STORE_POSTAL_CODE, c.COUNTRY_ISOCODE, cd.NAME AS COUNTRY_NAME,"
				+ " s.STORE_LOGO, COALESCE(cur.CURRENCY_CODE, cur.CURRENCY_CURRENCY_CODE) AS CURRENCY FROM "
				+ tables.merchantStore + " s LEFT JOIN " + tables.currency + " cur ON cur.CURRENCY_ID = s.CURRENCY_ID"
				+ " LEFT JOIN " + tables.zone + " z ON z.ZONE_ID = s.ZONE_ID LEFT JOIN " + tables.country
				+ " c ON c.COUNTRY_ID = s.COUNTRY_ID LEFT JOIN " + tables.countryDescription
				+ " cd ON cd.COUNTRY_ID = s.COUNTRY_ID AND cd.LANGUAGE_ID = s.LANGUAGE_ID"
				+ " ORDER BY CASE WHEN s.STORE_CODE = ? THEN 0 ELSE 1 END, s.MERCHANT_ID, cd.DESCRIPTION_ID",
				(rs) -> rs.next() ? branding(rs) : null, ShopizerStores.DEFAULT_STORE_CODE);
		return (brand != null) ? brand : new StoreBranding(null, this.links.url(), null, null, null);
	}

	private StoreBranding branding(ResultSet rs) throws SQLException {
		String state = firstNonBlank(rs.getString("STORE_STATE_PROV"), rs.getString("ZONE_CODE"));
		String country = firstNonBlank(rs.getString("COUNTRY_NAME"), rs.getString("COUNTRY_ISOCODE"));
		StringJoiner address = new StringJoiner(", ");
		for (String part : new String[] { rs.getString("STORE_ADDRESS"), rs.getString("STORE_CITY"),
				joinNonBlank(state, rs.getString("STORE_POSTAL_CODE")), country }) {
			if (part != null && !part.isBlank()) {
				address.add(part.trim());
			}
		}
		String storeCode = trimmed(rs.getString("STORE_CODE"));
		return new StoreBranding(rs.getString("STORE_NAME"), this.links.url(),
				(address.length() == 0) ? null : address.toString(), this.links.logo(storeCode, trimmed(rs.getString("STORE_LOGO"))),
				trimmed(rs.getString("CURRENCY")));
	}

	/** Reads one chunk of products: their rows with texts and stock, their prices, their images. */
	private void read(ShopizerMapping.Tables tables, List<Long> ids, String language, Map<Long, CatalogProduct> found) {
		String in = " IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
		Map<Long, ProductRow> rows = new HashMap<>();
		List<Object> args = new ArrayList<>();
		args.add(language);
		args.addAll(ids);
		this.jdbc.query("SELECT p.PRODUCT_ID, p.SKU, p.AVAILABLE, p.DATE_AVAILABLE, s.STORE_CODE,"
				+ " COALESCE(cur.CURRENCY_CODE, cur.CURRENCY_CURRENCY_CODE) AS CURRENCY,"
				+ " d.NAME AS NAME_ASKED, d.SEF_URL AS SLUG_ASKED, dd.NAME AS NAME_DEFAULT, dd.SEF_URL AS SLUG_DEFAULT,"
				+ " dx.NAME AS NAME_ANY, dx.SEF_URL AS SLUG_ANY, (SELECT SUM(a.QUANTITY) FROM " + tables.productAvailability
				+ " a WHERE a.PRODUCT_ID = p.PRODUCT_ID) AS STOCK FROM " + tables.product + " p JOIN "
				+ tables.merchantStore + " s ON s.MERCHANT_ID = p.MERCHANT_ID LEFT JOIN " + tables.currency
				+ " cur ON cur.CURRENCY_ID = s.CURRENCY_ID LEFT JOIN " + tables.productDescription
				+ " d ON d.PRODUCT_ID = p.PRODUCT_ID AND d.LANGUAGE_ID = (SELECT l.LANGUAGE_ID FROM " + tables.language
				+ " l WHERE l.CODE = ?) LEFT JOIN " + tables.productDescription
				+ " dd ON dd.PRODUCT_ID = p.PRODUCT_ID AND dd.LANGUAGE_ID = s.LANGUAGE_ID LEFT JOIN "
				+ tables.productDescription + " dx ON dx.DESCRIPTION_ID = (SELECT MIN(x.DESCRIPTION_ID) FROM "
				+ tables.productDescription + " x WHERE x.PRODUCT_ID = p.PRODUCT_ID) WHERE p.PRODUCT_ID" + in, (rs) -> {
					rows.putIfAbsent(rs.getLong("PRODUCT_ID"), new ProductRow(rs));
				}, args.toArray());
		if (rows.isEmpty()) {
			return;
		}
		Map<Long, List<ShopizerPrices.Row>> prices = new HashMap<>();
		this.jdbc.query("SELECT a.PRODUCT_ID, a.REGION, pr.DEFAULT_PRICE, pr.PRODUCT_PRICE_AMOUNT,"
				+ " pr.PRODUCT_PRICE_SPECIAL_AMOUNT, pr.PRODUCT_PRICE_SPECIAL_ST_DATE, pr.PRODUCT_PRICE_SPECIAL_END_DATE FROM "
				+ tables.productAvailability + " a JOIN " + tables.productPrice
				+ " pr ON pr.PRODUCT_AVAIL_ID = a.PRODUCT_AVAIL_ID WHERE a.PRODUCT_ID" + in
				+ " ORDER BY a.PRODUCT_AVAIL_ID, pr.PRODUCT_PRICE_ID", (rs) -> {
					prices.computeIfAbsent(rs.getLong("PRODUCT_ID"), (id) -> new ArrayList<>())
						.add(new ShopizerPrices.Row(rs.getString("REGION"), rs.getBoolean("DEFAULT_PRICE"),
								rs.getBigDecimal("PRODUCT_PRICE_AMOUNT"), rs.getBigDecimal("PRODUCT_PRICE_SPECIAL_AMOUNT"),
								localDate(rs.getDate("PRODUCT_PRICE_SPECIAL_ST_DATE")),
								localDate(rs.getDate("PRODUCT_PRICE_SPECIAL_END_DATE"))));
				}, ids.toArray());
		Map<Long, String> images = new HashMap<>();
		// the default image first, then the merchant's order
		this.jdbc.query("SELECT PRODUCT_ID, PRODUCT_IMAGE, PRODUCT_IMAGE_URL FROM " + tables.productImage
				+ " WHERE PRODUCT_ID" + in + " ORDER BY PRODUCT_ID, CASE WHEN DEFAULT_IMAGE = ? THEN 0 ELSE 1 END,"
				+ " SORT_ORDER, PRODUCT_IMAGE_ID", (rs) -> {
					long id = rs.getLong("PRODUCT_ID");
					ProductRow row = rows.get(id);
					if (row != null && !images.containsKey(id)) {
						String external = trimmed(rs.getString("PRODUCT_IMAGE_URL"));
						boolean absolute = external != null
								&& (external.startsWith("https://") || external.startsWith("http://"));
						images.put(id, absolute ? external
								: this.links.image(row.storeCode, row.sku, trimmed(rs.getString("PRODUCT_IMAGE"))));
					}
				}, withTrue(ids));
		Instant now = this.clock.instant();
		LocalDate today = LocalDate.now(this.clock);
		rows.forEach((id, row) -> found.put(id, new CatalogProduct(id, row.sku, row.name, ShopizerPrices.today(
				prices.getOrDefault(id, Collections.emptyList()), today), row.currency, images.get(id),
				this.links.product(id, row.sku, row.slug), row.sellable(now))));
	}

	private static Object[] withTrue(List<Long> ids) {
		Object[] args = new Object[ids.size() + 1];
		for (int i = 0; i < ids.size(); i++) {
			args[i] = ids.get(i);
		}
		args[ids.size()] = true;
		return args;
	}

	/** Shopizer's tables as the host maps them; null when the host does not map Shopizer's model. */
	private ShopizerMapping.Tables tables() {
		List<SessionFactoryImplementor> factories = ShopizerMapping.sessionFactories(this.beans);
		return factories.isEmpty() ? null : ShopizerMapping.tables(factories.get(0));
	}

	/** Shopizer's language code of a locale; "" (no language) for the store's default. */
	private static String language(Locale locale) {
		return (locale != null) ? locale.getLanguage() : "";
	}

	private static LocalDate localDate(Date date) {
		return (date != null) ? date.toLocalDate() : null;
	}

	private static String trimmed(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	private static String firstNonBlank(String first, String second) {
		return (trimmed(first) != null) ? trimmed(first) : trimmed(second);
	}

	private static String joinNonBlank(String first, String second) {
		StringJoiner joined = new StringJoiner(" ");
		for (String part : new String[] { first, second }) {
			if (trimmed(part) != null) {
				joined.add(part.trim());
			}
		}
		return joined.toString();
	}

	/** A product's row: its texts in the best language there is, its store and its stock. */
	private static final class ProductRow {

		final String sku;

		final String name;

		final String slug;

		final String storeCode;

		final String currency;

		final boolean available;

		final Timestamp dateAvailable;

		final BigDecimal stock;

		ProductRow(ResultSet rs) throws SQLException {
			String sku = trimmed(rs.getString("SKU"));
			this.sku = (sku != null) ? sku : Long.toString(rs.getLong("PRODUCT_ID"));
			// the texts of one description row: the language asked for, else the store's default, else any
			String suffix = (rs.getString("NAME_ASKED") != null) ? "_ASKED"
					: (rs.getString("NAME_DEFAULT") != null) ? "_DEFAULT" : "_ANY";
			String name = trimmed(rs.getString("NAME" + suffix));
			this.name = (name != null) ? name : this.sku;
			this.slug = trimmed(rs.getString("SLUG" + suffix));
			this.storeCode = trimmed(rs.getString("STORE_CODE"));
			this.currency = trimmed(rs.getString("CURRENCY"));
			this.available = rs.getBoolean("AVAILABLE");
			this.dateAvailable = rs.getTimestamp("DATE_AVAILABLE");
			this.stock = rs.getBigDecimal("STOCK");
		}

		/** Sold now: switched on, available from a past date (or no date), some stock. */
		boolean sellable(Instant now) {
			return this.available && (this.dateAvailable == null || !this.dateAvailable.toInstant().isAfter(now))
					&& this.stock != null && this.stock.signum() > 0;
		}

	}

}
