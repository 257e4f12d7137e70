package org.remarketing.samplestore.cart;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;

import com.salesmanager.core.model.catalog.product.Product;
import com.salesmanager.core.model.shoppingcart.ShoppingCart;
import com.salesmanager.core.model.shoppingcart.ShoppingCartItem;

import org.remarketing.samplestore.catalog.CatalogService;
import org.remarketing.samplestore.catalog.ProductView;
import org.remarketing.samplestore.store.StoreContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static org.remarketing.samplestore.cart.CartException.Reason.*;

/**
 * Carts as Shopizer keeps them: a SHOPPING_CART row with a 32-hex code, one item per product,
 * ORDER_ID set at checkout (the row is kept). Writes go through JPA like Shopizer's own, so
 * anything listening to Hibernate sees the same events it would see in Shopizer.
 */
@Service
@Transactional
public class CartService {

    /** Most units of one product a cart may hold. */
    public static final int MAX_QUANTITY = 99;

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    private EntityManager em;

    private final StoreContext store;
    private final CatalogService catalog;

    CartService(StoreContext store, CatalogService catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    /** Opens a cart with a first product (Shopizer's POST /api/v1/cart). */
    public CartView create(String sku, int quantity, Long customerId, String ipAddress, Locale locale) {
        Product product = product(sku);
        checkQuantity(quantity, 1);
        checkStock(product, quantity);
        ShoppingCart cart = new ShoppingCart();
        cart.setMerchantStore(store.store());
        cart.setShoppingCartCode(newCode());
        cart.setCustomerId(customerId);
        cart.setIpAddress(ipAddress);
        cart.setLineItems(new HashSet<>());
        em.persist(cart);
        addItem(cart, product, quantity);
        return view(cart, locale);
    }

    /** Adds units of a product to an open cart (the storefront's "add to cart"). */
    public CartView add(String code, String sku, int quantity, Locale locale) {
        checkQuantity(quantity, 1);
        ShoppingCart cart = openCart(code);
        Product product = product(sku);
        Optional<ShoppingCartItem> existing = item(cart, product);
        int total = quantity + existing.map(ShoppingCartItem::getQuantity).orElse(0);
        checkQuantity(total, 1);
        checkStock(product, total);
        if (existing.isPresent()) {
            existing.get().setQuantity(total);
        } else {
            addItem(cart, product, quantity);
        }
        touch(cart);
        return view(cart, locale);
    }

    /** Sets the quantity of a product; 0 removes it (Shopizer's PUT /api/v1/cart/{code}). */
    public CartView setQuantity(String code, String sku, int quantity, Locale locale) {
        checkQuantity(quantity, 0);
        ShoppingCart cart = openCart(code);
        Product product = product(sku);
        Optional<ShoppingCartItem> existing = item(cart, product);
        if (quantity == 0) {
            existing.ifPresent(i -> {
                // by identity: an item's hash changes once it gets its id
                cart.getLineItems().removeIf(line -> line == i);
                em.remove(i);
            });
        } else {
            checkStock(product, quantity);
            if (existing.isPresent()) {
                existing.get().setQuantity(quantity);
            } else {
                addItem(cart, product, quantity);
            }
        }
        touch(cart);
        return view(cart, locale);
    }

    @Transactional(readOnly = true)
    public Optional<CartView> find(String code, Locale locale) {
        return findCart(code).map(c -> view(c, locale));
    }

    /** The signed-in customer's open cart, newest first. */
    @Transactional(readOnly = true)
    public Optional<CartView> openCartOf(long customerId, Locale locale) {
        return openCartEntityOf(customerId).map(c -> view(c, locale));
    }

    /**
     * Joins a guest cart to a customer who signs in: into the customer's open cart when there is
     * one (quantities add up, the guest cart is then deleted as Shopizer does), else the guest
     * cart simply becomes theirs.
     */
    public CartView mergeGuestCart(long customerId, String guestCode, Locale locale) {
        Optional<ShoppingCart> guest = findCart(guestCode).filter(c -> c.getOrderId() == null);
        Optional<ShoppingCart> own = openCartEntityOf(customerId);
        if (guest.isEmpty()) {
            return own.map(c -> view(c, locale)).orElse(null);
        }
        ShoppingCart guestCart = guest.get();
        if (own.isEmpty() || own.get().getId().equals(guestCart.getId())) {
            guestCart.setCustomerId(customerId);
            touch(guestCart);
            return view(guestCart, locale);
        }
        ShoppingCart target = own.get();
        for (ShoppingCartItem guestItem : new ArrayList<>(guestCart.getLineItems())) {
            Product product = em.find(Product.class, guestItem.getProductId());
            Optional<ShoppingCartItem> existing = item(target, product);
            int merged = Math.min(MAX_QUANTITY, guestItem.getQuantity() + existing.map(ShoppingCartItem::getQuantity).orElse(0));
            if (existing.isPresent()) {
                existing.get().setQuantity(merged);
            } else {
                addItem(target, product, merged);
            }
        }
        em.remove(guestCart);
        touch(target);
        return view(target, locale);
    }

    /** Loads an open cart entity for the checkout; refuses ordered or empty carts. */
    ShoppingCart openCart(String code) {
        ShoppingCart cart = findCart(code).orElseThrow(() -> new CartException(CART_NOT_FOUND, "No cart with this code"));
        if (cart.getOrderId() != null) {
            throw new CartException(ALREADY_ORDERED, "This cart has already been ordered");
        }
        return cart;
    }

    public CartView view(ShoppingCart cart, Locale locale) {
        List<CartLine> lines = new ArrayList<>();
        cart.getLineItems().stream()
                .sorted(Comparator.comparing(ShoppingCartItem::getId, Comparator.nullsLast(Comparator.naturalOrder())))
                .forEach(item -> {
                    ProductView p = catalog.product(item.getProductId(), locale).orElse(null);
                    if (p != null) {
                        lines.add(new CartLine(item.getId() == null ? 0 : item.getId(), p.getId(), p.getSku(),
                                p.getName(), p.getImageUrl(), item.getQuantity(),
                                p.getPrice() == null ? BigDecimal.ZERO : p.getPrice()));
                    }
                });
        java.util.Date modified = cart.getAuditSection() == null ? null : cart.getAuditSection().getDateModified();
        return new CartView(cart.getId(), cart.getShoppingCartCode(), cart.getCustomerId(), cart.getOrderId(), lines, modified);
    }

    private Optional<ShoppingCart> findCart(String code) {
        if (code == null || !code.matches("[0-9a-fA-F]{32}")) {
            return Optional.empty();
        }
        return em.createQuery("select c from ShoppingCart c where c.shoppingCartCode = :code", ShoppingCart.class)
                .setParameter("code", code.toLowerCase(Locale.ROOT))
                .getResultStream().findFirst();
    }

    private Optional<ShoppingCart> openCartEntityOf(long customerId) {
        return em.createQuery("select c from ShoppingCart c where c.customerId = :customer and c.orderId is null"
                        + " order by c.id desc", ShoppingCart.class)
                .setParameter("customer", customerId)
                .setMaxResults(1)
                .getResultStream().findFirst();
    }

    private Product product(String sku) {
        if (sku == null || sku.isBlank() || sku.length() > 100) {
            throw new CartException(UNKNOWN_PRODUCT, "A product SKU is required");
        }
        Product product = em.createQuery("select p from Product p where p.sku = :sku and p.merchantStore.code = :store", Product.class)
                .setParameter("sku", sku)
                .setParameter("store", StoreContext.STORE_CODE)
                .getResultStream().findFirst()
                .orElseThrow(() -> new CartException(UNKNOWN_PRODUCT, "No product with SKU " + sku));
        if (!product.isAvailable()) {
            throw new CartException(UNKNOWN_PRODUCT, "Product " + sku + " is not sold any more");
        }
        return product;
    }

    private static Optional<ShoppingCartItem> item(ShoppingCart cart, Product product) {
        return cart.getLineItems().stream().filter(i -> product.getId().equals(i.getProductId())).findFirst();
    }

    private void addItem(ShoppingCart cart, Product product, int quantity) {
        ShoppingCartItem item = new ShoppingCartItem(cart, product);
        item.setProductId(product.getId());
        item.setSku(product.getSku());
        item.setQuantity(quantity);
        cart.getLineItems().add(item);
        em.persist(item);
    }

    /** Bumps the cart's DATE_MODIFIED: the cart row itself changes when its lines do, as in Shopizer. */
    private static void touch(ShoppingCart cart) {
        if (cart.getAuditSection() != null) {
            cart.getAuditSection().setDateModified(new java.util.Date());
        }
    }

    private static void checkQuantity(int quantity, int min) {
        if (quantity < min || quantity > MAX_QUANTITY) {
            throw new CartException(INVALID_QUANTITY, "Quantity must be between " + min + " and " + MAX_QUANTITY);
        }
    }

    private static void checkStock(Product product, int quantity) {
        if (CatalogService.stockOf(product) < quantity) {
            throw new CartException(OUT_OF_STOCK, "Only " + CatalogService.stockOf(product) + " left of " + product.getSku());
        }
    }

    private static String newCode() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        StringBuilder hex = new StringBuilder(32);
        for (byte b : bytes) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
