package org.remarketing.shopizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManagerFactory;

import com.salesmanager.core.model.catalog.category.Category;
import com.salesmanager.core.model.catalog.product.Product;
import com.salesmanager.core.model.customer.Customer;
import com.salesmanager.core.model.order.Order;
import com.salesmanager.core.model.order.orderproduct.OrderProduct;
import com.salesmanager.core.model.reference.currency.Currency;
import com.salesmanager.core.model.reference.language.Language;
import com.salesmanager.core.model.shoppingcart.ShoppingCart;
import com.salesmanager.core.model.shoppingcart.ShoppingCartItem;
import com.salesmanager.core.model.system.optin.CustomerOptin;
import com.salesmanager.core.model.system.optin.Optin;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.collection.AbstractCollectionPersister;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Where Shopizer's entities live: the Hibernate session factories behind the host's
 * {@code EntityManagerFactory} beans that map Shopizer's {@code ShoppingCart}, and the table names
 * that their mapping gives (schema included, as the host's SQL writes them).
 */
final class ShopizerMapping {

	private static final Logger logger = LoggerFactory.getLogger(ShopizerMapping.class);

	private static final String SHOPPING_CART = ShoppingCart.class.getName();

	private ShopizerMapping() {
	}

	/** The session factories that map Shopizer's model; those of other persistence units are left out. */
	static List<SessionFactoryImplementor> sessionFactories(ListableBeanFactory beans) {
		List<SessionFactoryImplementor> found = new ArrayList<>();
		for (Map.Entry<String, EntityManagerFactory> entry : beans.getBeansOfType(EntityManagerFactory.class).entrySet()) {
			SessionFactoryImplementor factory;
			try {
				factory = entry.getValue().unwrap(SessionFactoryImplementor.class);
			}
			catch (RuntimeException ex) {
				logger.info("EntityManagerFactory '{}' is not Hibernate's; the plugin does not read it", entry.getKey());
				continue;
			}
			if (factory.getMetamodel().entityPersisters().containsKey(SHOPPING_CART)) {
				found.add(factory);
			}
		}
		return found;
	}

	/** The host's table names for the entities the history import reads. */
	static Tables tables(SessionFactoryImplementor factory) {
		return new Tables(factory);
	}

	/** Table names as the host's mapping writes them. Column names are Shopizer's own (see SHOPIZER.md). */
	static final class Tables {

		final String customer;

		final String customerOptin;

		final String optin;

		final String orders;

		final String orderProduct;

		final String cart;

		final String cartItem;

		final String product;

		final String productCategory;

		final String category;

		final String language;

		final String currency;

		private Tables(SessionFactoryImplementor factory) {
			this.customer = table(factory, Customer.class);
			this.customerOptin = table(factory, CustomerOptin.class);
			this.optin = table(factory, Optin.class);
			this.orders = table(factory, Order.class);
			this.orderProduct = table(factory, OrderProduct.class);
			this.cart = table(factory, ShoppingCart.class);
			this.cartItem = table(factory, ShoppingCartItem.class);
			this.product = table(factory, Product.class);
			this.productCategory = ((AbstractCollectionPersister) factory.getMetamodel()
				.collectionPersister(Product.class.getName() + ".categories")).getTableName();
			this.category = table(factory, Category.class);
			this.language = table(factory, Language.class);
			this.currency = table(factory, Currency.class);
		}

		private static String table(SessionFactoryImplementor factory, Class<?> entity) {
			return ((AbstractEntityPersister) factory.getMetamodel().entityPersister(entity)).getTableName();
		}

	}

}
