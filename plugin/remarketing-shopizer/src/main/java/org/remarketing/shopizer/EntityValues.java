package org.remarketing.shopizer;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import com.salesmanager.core.model.catalog.category.Category;
import com.salesmanager.core.model.catalog.product.Product;
import org.hibernate.engine.spi.EntityKey;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.collection.AbstractCollectionPersister;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.proxy.HibernateProxy;
import org.hibernate.proxy.LazyInitializer;

/**
 * Reads entity values the way a listener must: from the state arrays Hibernate hands over, by
 * property name, never through a getter that could load something in the middle of a flush. A
 * referenced entity that is still an uninitialised proxy is read with one JDBC query on the
 * session's own connection, after the flush (table and column names come from Hibernate's
 * mapping, so a renamed schema or table still works).
 */
final class EntityValues {

	private static final Map<String, Map<String, Integer>> INDEXES = new ConcurrentHashMap<>();

	private EntityValues() {
	}

	/** The value of a property in a state array; null when the entity has no such property. */
	static Object get(EntityPersister persister, Object[] state, String property) {
		if (state == null) {
			return null;
		}
		Integer index = index(persister, property);
		return index == null ? null : state[index];
	}

	/**
	 * Whether a property changed in an update: by comparing old and new state when Hibernate
	 * knows the old state, else by its dirty flags.
	 */
	static boolean changed(EntityPersister persister, Object[] oldState, Object[] state, int[] dirty, String property) {
		Integer index = index(persister, property);
		if (index == null) {
			return false;
		}
		if (oldState != null) {
			return !Objects.equals(oldState[index], state[index]);
		}
		if (dirty != null) {
			for (int d : dirty) {
				if (d == index) {
					return true;
				}
			}
		}
		return false;
	}

	private static Integer index(EntityPersister persister, String property) {
		return INDEXES.computeIfAbsent(persister.getEntityName(), (name) -> {
			Map<String, Integer> byName = new ConcurrentHashMap<>();
			String[] names = persister.getPropertyNames();
			for (int i = 0; i < names.length; i++) {
				byName.put(names[i], i);
			}
			return byName;
		}).get(property);
	}

	/** The id of a referenced entity or proxy, without initialising it. */
	static Object idOf(SessionImplementor session, Class<?> type, Object reference) {
		if (reference == null) {
			return null;
		}
		if (reference instanceof HibernateProxy) {
			return ((HibernateProxy) reference).getHibernateLazyInitializer().getIdentifier();
		}
		return persister(session, type).getIdentifier(reference, session);
	}

	/**
	 * A property of a referenced entity: read from memory when it is loaded, else from its row
	 * (one query). Only to be called after the flush, from the before-completion callback.
	 */
	static Object valueOf(SessionImplementor session, Class<?> type, Object reference, String property) {
		if (reference == null) {
			return null;
		}
		EntityPersister persister = persister(session, type);
		Object entity = reference;
		if (reference instanceof HibernateProxy) {
			LazyInitializer lazy = ((HibernateProxy) reference).getHibernateLazyInitializer();
			if (lazy.isUninitialized()) {
				return column(session, type, lazy.getIdentifier(), property);
			}
			entity = lazy.getImplementation();
		}
		return persister.getPropertyValue(entity, property);
	}

	/** A property of the entity with this id: from the session when loaded there, else from its row. */
	static Object valueById(SessionImplementor session, Class<?> type, Object id, String property) {
		if (id == null) {
			return null;
		}
		EntityPersister persister = persister(session, type);
		EntityKey key = session.generateEntityKey((java.io.Serializable) id, persister);
		Object loaded = session.getPersistenceContext().getEntity(key);
		if (loaded != null) {
			return persister.getPropertyValue(loaded, property);
		}
		return column(session, type, id, property);
	}

	/** Rows of an entity whose property (a column or a foreign key) equals a value. */
	static long count(SessionImplementor session, Class<?> type, String property, Object value) {
		AbstractEntityPersister persister = (AbstractEntityPersister) persister(session, type);
		String sql = "SELECT COUNT(*) FROM " + persister.getTableName() + " WHERE "
				+ persister.getPropertyColumnNames(property)[0] + " = ?";
		return session.doReturningWork((connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				statement.setObject(1, value);
				try (ResultSet rows = statement.executeQuery()) {
					return rows.next() ? rows.getLong(1) : 0L;
				}
			}
		});
	}

	private static Object column(SessionImplementor session, Class<?> type, Object id, String property) {
		AbstractEntityPersister persister = (AbstractEntityPersister) persister(session, type);
		String sql = "SELECT " + persister.getPropertyColumnNames(property)[0] + " FROM " + persister.getTableName()
				+ " WHERE " + persister.getIdentifierColumnNames()[0] + " = ?";
		return session.doReturningWork((connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				statement.setObject(1, id);
				try (ResultSet rows = statement.executeQuery()) {
					return rows.next() ? rows.getObject(1) : null;
				}
			}
		});
	}

	/**
	 * The product id and the first category code (lowest category id) of each SKU in a store, read
	 * on the session's connection: an order line (ORDER_PRODUCT) keeps only the SKU. SKUs not
	 * found are left out.
	 */
	static Map<String, Object[]> productsBySku(SessionImplementor session, Object storeId, Collection<String> skus) {
		Map<String, Object[]> found = new HashMap<>();
		if (skus.isEmpty()) {
			return found;
		}
		AbstractEntityPersister product = (AbstractEntityPersister) persister(session, Product.class);
		AbstractCollectionPersister categories = (AbstractCollectionPersister) session.getFactory().getMetamodel()
			.collectionPersister(Product.class.getName() + ".categories");
		String marks = String.join(", ", java.util.Collections.nCopies(skus.size(), "?"));
		String sql = "SELECT p." + product.getIdentifierColumnNames()[0] + ", p." + product.getPropertyColumnNames("sku")[0]
				+ ", (SELECT MIN(c." + categories.getElementColumnNames()[0] + ") FROM " + categories.getTableName()
				+ " c WHERE c." + categories.getKeyColumnNames()[0] + " = p." + product.getIdentifierColumnNames()[0]
				+ ") FROM " + product.getTableName() + " p WHERE p." + product.getPropertyColumnNames("sku")[0] + " IN ("
				+ marks + ")" + ((storeId != null) ? " AND p." + product.getPropertyColumnNames("merchantStore")[0] + " = ?"
						: "");
		Map<Object, String> codes = new HashMap<>();
		session.doWork((connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				int index = 1;
				for (String sku : skus) {
					statement.setString(index++, sku);
				}
				if (storeId != null) {
					statement.setObject(index, storeId);
				}
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						found.put(rows.getString(2).trim(), new Object[] { rows.getLong(1), rows.getObject(3) });
					}
				}
			}
		});
		for (Object[] productRow : found.values()) {
			Object categoryId = productRow[1];
			if (categoryId != null) {
				productRow[1] = codes.computeIfAbsent(categoryId, (id) -> (String) column(session, Category.class, id, "code"));
			}
		}
		return found;
	}

	private static EntityPersister persister(SessionImplementor session, Class<?> type) {
		return session.getFactory().getMetamodel().entityPersister(type);
	}

	/** A calendar date (birthday) from what Hibernate holds: java.sql.Date when loaded, java.util.Date when set. */
	static LocalDate localDate(Object value) {
		if (value instanceof java.sql.Date) {
			return ((java.sql.Date) value).toLocalDate();
		}
		if (value instanceof java.sql.Timestamp) {
			return ((java.sql.Timestamp) value).toLocalDateTime().toLocalDate();
		}
		if (value instanceof Date) {
			return ((Date) value).toInstant().atZone(ZoneId.systemDefault()).toLocalDate();
		}
		return null;
	}

	static java.time.Instant instant(Object value) {
		// java.sql.Date#toInstant throws: go through the millis
		return value instanceof Date ? java.time.Instant.ofEpochMilli(((Date) value).getTime()) : null;
	}

	static Long asLong(Object value) {
		return value instanceof Number ? ((Number) value).longValue() : null;
	}

}
