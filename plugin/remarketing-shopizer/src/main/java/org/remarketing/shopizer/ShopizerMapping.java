package org.remarketing.shopizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManagerFactory;

import com.salesmanager.core.model.catalog.category.Category;
import com.salesmanager.core.model.catalog.product.Product;
import com.salesmanager.core.model.catalog.product.availability.ProductAvailability;
import com.salesmanager.core.model.catalog.product.description.ProductDescription;
import com.salesmanager.core.model.catalog.product.image.ProductImage;
import com.salesmanager.core.model.catalog.product.price.ProductPrice;
import com.salesmanager.core.model.catalog.product.relationship.ProductRelationship;
import com.salesmanager.core.model.customer.Customer;
import com.salesmanager.core.model.merchant.MerchantStore;
import com.salesmanager.core.model.order.Order;
import com.salesmanager.core.model.order.orderproduct.OrderProduct;
import com.salesmanager.core.model.reference.country.Country;
import com.salesmanager.core.model.reference.country.CountryDescription;
import com.salesmanager.core.model.reference.currency.Currency;
import com.salesmanager.core.model.reference.language.Language;
import com.salesmanager.core.model.reference.zone.Zone;
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

	/** The host's table names for the entities the plugin reads (history import, catalog). */
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

		final String productDescription;

		final String productImage;

		final String productAvailability;

		final String productPrice;

		final String productRelationship;

		final String merchantStore;

		final String country;

		final String countryDescription;

		final String zone;

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
			this.productDescription = table(factory, ProductDescription.class);
			this.productImage = table(factory, ProductImage.class);
			this.productAvailability = table(factory, ProductAvailability.class);
			this.productPrice = table(factory, ProductPrice.class);
			this.productRelationship = table(factory, ProductRelationship.class);
			this.merchantStore = table(factory, MerchantStore.class);
			this.country = table(factory, Country.class);
			this.countryDescription = table(factory, CountryDescription.class);
			this.zone = table(factory, Zone.class);
		}

		private static String table(SessionFactoryImplementor factory, Class<?> entity) {
			return ((AbstractEntityPersister) factory.getMetamodel().entityPersister(entity)).getTableName();
		}

	}

}
