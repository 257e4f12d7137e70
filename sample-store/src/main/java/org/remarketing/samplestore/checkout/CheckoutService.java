package org.remarketing.samplestore.checkout;

import java.util.Date;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;

import com.salesmanager.core.model.catalog.product.Product;
import com.salesmanager.core.model.catalog.product.availability.ProductAvailability;
import com.salesmanager.core.model.customer.Customer;
import com.salesmanager.core.model.merchant.MerchantStore;
import com.salesmanager.core.model.order.Order;
import com.salesmanager.core.model.order.OrderChannel;
import com.salesmanager.core.model.order.OrderTotal;
import com.salesmanager.core.model.order.OrderTotalType;
import com.salesmanager.core.model.order.OrderType;
import com.salesmanager.core.model.order.OrderValueType;
import com.salesmanager.core.model.order.orderproduct.OrderProduct;
import com.salesmanager.core.model.order.orderproduct.OrderProductPrice;
import com.salesmanager.core.model.order.orderstatus.OrderStatus;
import com.salesmanager.core.model.order.orderstatus.OrderStatusHistory;
import com.salesmanager.core.model.payments.PaymentType;
import com.salesmanager.core.model.shoppingcart.ShoppingCart;

import org.remarketing.samplestore.cart.CartException;
import org.remarketing.samplestore.cart.CartLine;
import org.remarketing.samplestore.cart.CartService;
import org.remarketing.samplestore.cart.CartView;
import org.remarketing.samplestore.customer.Address;
import org.remarketing.samplestore.customer.CustomerService;
import org.remarketing.samplestore.order.OrderPlacedEvent;
import org.remarketing.samplestore.store.StoreContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static org.remarketing.samplestore.checkout.CheckoutException.Reason.*;

/**
 * Turns a cart into an order the way Shopizer records one: ORDERS with ORDER_PRODUCT lines
 * (matched by SKU), ORDER_TOTAL rows, a status history entry, stock taken from the product's
 * availability, and the cart row kept with its ORDER_ID set — the conversion signal.
 * Payment is simulated; no card data is taken or kept.
 */
@Service
public class CheckoutService {

    /** Longest email an order can keep: Shopizer's ORDERS.CUSTOMER_EMAIL_ADDRESS is 50 characters. */
    public static final int ORDER_EMAIL_MAX_LENGTH = 50;

    @PersistenceContext
    private EntityManager em;

    private final StoreContext store;
    private final CartService carts;
    private final CustomerService customers;
    private final ApplicationEventPublisher events;

    CheckoutService(StoreContext store, CartService carts, CustomerService customers, ApplicationEventPublisher events) {
        this.store = store;
        this.carts = carts;
        this.customers = customers;
        this.events = events;
    }

    /**
     * Places the order for a cart.
     *
     * @param customerId the signed-in customer, or null for a guest checkout
     */
    @Transactional
    public PlacedOrder checkout(String cartCode, CheckoutRequest request, Long customerId, String ipAddress, Locale locale) {
        Locale language = StoreContext.supported(locale);
        ShoppingCart cart = em.createQuery("select c from ShoppingCart c where c.shoppingCartCode = :code", ShoppingCart.class)
                .setParameter("code", cartCode == null ? "" : cartCode.toLowerCase(Locale.ROOT))
                .getResultStream().findFirst()
                .orElseThrow(() -> new CartException(CartException.Reason.CART_NOT_FOUND, "No cart with this code"));
        if (cart.getOrderId() != null) {
            throw new CartException(CartException.Reason.ALREADY_ORDERED, "This cart has already been ordered");
        }
        CartView view = carts.view(cart, language);
        if (view.isEmpty()) {
            throw new CartException(CartException.Reason.EMPTY_CART, "The cart is empty");
        }
        if (request.getAmount() != null && request.getAmount().compareTo(view.getTotal()) != 0) {
            throw new CheckoutException(AMOUNT_MISMATCH, "Payment amount " + request.getAmount()
                    + " does not match the order total " + view.getTotal());
        }
        PaymentType paymentType = paymentType(request.getPaymentMethod());

        String orderEmail = customerId != null
                ? customers.find(customerId).map(Customer::getEmailAddress).orElse(null)
                : request.getEmail() == null ? null : request.getEmail().trim().toLowerCase(Locale.ROOT);
        if (orderEmail != null && orderEmail.length() > ORDER_EMAIL_MAX_LENGTH) {
            throw new CheckoutException(EMAIL_TOO_LONG, "An order's email address can have at most "
                    + ORDER_EMAIL_MAX_LENGTH + " characters");
        }

        Customer customer = customerId != null
                ? customers.find(customerId).orElseThrow(() -> new IllegalStateException("Signed-in customer vanished"))
                : customers.guest(request.getEmail(), request.getBilling(), language);
        Address deliveryAddress = request.getDelivery() != null ? request.getDelivery() : request.getBilling();

        MerchantStore merchant = store.store();
        Date now = new Date();
        Order order = new Order();
        order.setMerchant(merchant);
        order.setCustomerId(customer.getId());
        order.setCustomerEmailAddress(customerId != null ? customer.getEmailAddress() : request.getEmail().trim().toLowerCase(Locale.ROOT));
        order.setBilling(customers.orderBilling(request.getBilling()));
        order.setDelivery(customers.orderDelivery(deliveryAddress));
        order.setStatus(OrderStatus.ORDERED);
        order.setDatePurchased(now);
        order.setLastModified(now);
        order.setChannel(OrderChannel.ONLINE);
        order.setOrderType(OrderType.ORDER);
        order.setPaymentType(paymentType);
        order.setPaymentModuleCode(paymentType == PaymentType.COD ? "cod" : "simulated-card");
        order.setShippingModuleCode("flat-rate");
        order.setCurrency(merchant.getCurrency());
        order.setCurrencyValue(java.math.BigDecimal.ONE);
        order.setLocale(language);
        order.setIpAddress(ipAddress);
        order.setCustomerAgreement(true);
        order.setConfirmedAddress(true);
        order.setShoppingCartCode(cart.getShoppingCartCode());
        order.setTotal(view.getTotal());
        order.setOrderProducts(new HashSet<>());
        order.setOrderTotal(new HashSet<>());
        order.setOrderHistory(new HashSet<>());

        for (CartLine line : view.getLines()) {
            takeStock(line);
            order.getOrderProducts().add(orderProduct(order, line));
        }
        Set<OrderTotal> totals = order.getOrderTotal();
        totals.add(total(order, "order.total.subtotal", OrderTotalType.SUBTOTAL, view.getSubtotal(), 0));
        totals.add(total(order, "order.total.shipping", OrderTotalType.SHIPPING, view.getShipping(), 100));
        totals.add(total(order, "order.total.total", OrderTotalType.TOTAL, view.getTotal(), 500));

        OrderStatusHistory history = new OrderStatusHistory();
        history.setOrder(order);
        history.setStatus(OrderStatus.ORDERED);
        history.setDateAdded(now);
        history.setCustomerNotified(1);
        order.getOrderHistory().add(history);

        em.persist(order);
        persistUncascaded(order);
        cart.setOrderId(order.getId());
        if (customerId == null) {
            // Shopizer leaves CUSTOMER_ID null on a guest's cart, also after checkout.
            cart.setCustomerId(null);
        }
        if (request.isNewsletter()) {
            customers.setConsent(order.getCustomerEmailAddress(), request.getBilling().getFirstName(),
                    request.getBilling().getLastName(), true, customers.consent(order.getCustomerEmailAddress()).isPromotions());
        }
        em.flush();
        events.publishEvent(new OrderPlacedEvent(order.getId(), language));
        return new PlacedOrder(order.getId(), customer.getId(), cart.getShoppingCartCode(), view.getTotal());
    }

    /** Saves the order's children that the entity mapping does not cascade to. */
    private void persistUncascaded(Order order) {
        for (OrderProduct product : order.getOrderProducts()) {
            persistIfNew(product);
            product.getPrices().forEach(this::persistIfNew);
        }
        order.getOrderTotal().forEach(this::persistIfNew);
        order.getOrderHistory().forEach(this::persistIfNew);
    }

    private void persistIfNew(Object entity) {
        if (!em.contains(entity)) {
            em.persist(entity);
        }
    }

    private void takeStock(CartLine line) {
        Product product = em.find(Product.class, line.getProductId());
        int wanted = line.getQuantity();
        for (ProductAvailability availability : product.getAvailabilities()) {
            int inStock = availability.getProductQuantity() == null ? 0 : availability.getProductQuantity();
            int taken = Math.min(inStock, wanted);
            availability.setProductQuantity(inStock - taken);
            wanted -= taken;
        }
        if (wanted > 0) {
            throw new CartException(CartException.Reason.OUT_OF_STOCK, "Not enough stock left of " + line.getSku());
        }
    }

    private static OrderProduct orderProduct(Order order, CartLine line) {
        OrderProduct product = new OrderProduct();
        product.setOrder(order);
        product.setSku(line.getSku());
        product.setProductName(line.getName());
        product.setProductQuantity(line.getQuantity());
        product.setOneTimeCharge(line.getUnitPrice());
        OrderProductPrice price = new OrderProductPrice();
        price.setOrderProduct(product);
        price.setDefaultPrice(true);
        price.setProductPrice(line.getUnitPrice());
        price.setProductPriceCode("base");
        price.setProductPriceName("base");
        Set<OrderProductPrice> prices = new HashSet<>();
        prices.add(price);
        product.setPrices(prices);
        return product;
    }

    private static OrderTotal total(Order order, String code, OrderTotalType type, java.math.BigDecimal value, int sortOrder) {
        OrderTotal total = new OrderTotal();
        total.setOrder(order);
        total.setOrderTotalCode(code);
        total.setTitle(code);
        total.setModule("summary");
        total.setOrderTotalType(type);
        total.setOrderValueType(OrderValueType.ONE_TIME);
        total.setValue(value);
        total.setSortOrder(sortOrder);
        return total;
    }

    private static PaymentType paymentType(String method) {
        if (method == null || method.isBlank() || "CREDITCARD".equalsIgnoreCase(method)) {
            return PaymentType.CREDITCARD;
        }
        if ("COD".equalsIgnoreCase(method)) {
            return PaymentType.COD;
        }
        throw new CheckoutException(UNSUPPORTED_PAYMENT, "Payment method must be CREDITCARD or COD");
    }
}
