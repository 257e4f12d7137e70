package org.remarketing.samplestore.seed;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;

import com.salesmanager.core.model.catalog.product.Product;
import com.salesmanager.core.model.common.Billing;
import com.salesmanager.core.model.common.Delivery;
import com.salesmanager.core.model.customer.Customer;
import com.salesmanager.core.model.customer.CustomerGender;
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
import com.salesmanager.core.model.order.payment.CreditCard;
import com.salesmanager.core.model.payments.CreditCardType;
import com.salesmanager.core.model.payments.PaymentType;
import com.salesmanager.core.model.reference.country.Country;
import com.salesmanager.core.model.reference.currency.Currency;
import com.salesmanager.core.model.reference.language.Language;
import com.salesmanager.core.model.shoppingcart.ShoppingCart;
import com.salesmanager.core.model.shoppingcart.ShoppingCartItem;
import com.salesmanager.core.model.system.optin.CustomerOptin;
import com.salesmanager.core.model.system.optin.Optin;
import com.salesmanager.core.model.system.optin.OptinType;
import com.salesmanager.core.model.user.Group;

/**
 * Creates the {@link Shopper#CAST} with their consent rows and their order histories, each order
 * with lines, totals, status history and the converted shopping cart that carries its ORDER_ID,
 * as Shopizer's checkout leaves them.
 */
final class ShopperSeeder {

    /** The history never goes further back than this. */
    static final int HISTORY_DAYS = 178;

    private final EntityManager em;
    private final SeedCatalog catalog;
    private final MerchantStore store;
    private final Map<String, Language> languages;
    private final Map<String, Country> countries;
    private final Currency currency;
    private final Group customerGroup;
    private final Map<OptinType, Optin> optins;
    private final Map<String, Product> products;
    private final String passwordHash;
    private final Random random;
    private final Instant now;
    private final ZoneId zone;
    private final List<SeedCatalog.Product> everyday;
    private final List<SeedCatalog.Product> premium;

    ShopperSeeder(EntityManager em, SeedCatalog catalog, MerchantStore store, Map<String, Language> languages,
            Map<String, Country> countries, Currency currency, Group customerGroup, Map<OptinType, Optin> optins,
            Map<String, Product> products, String passwordHash, Random random, Instant now, ZoneId zone) {
        this.em = em;
        this.catalog = catalog;
        this.store = store;
        this.languages = languages;
        this.countries = countries;
        this.currency = currency;
        this.customerGroup = customerGroup;
        this.optins = optins;
        this.products = products;
        this.passwordHash = passwordHash;
        this.random = random;
        this.now = now;
        this.zone = zone;
        this.everyday = catalog.products().stream()
                .filter(p -> p.price.compareTo(new BigDecimal("45")) <= 0).collect(Collectors.toList());
        this.premium = catalog.products().stream()
                .filter(p -> p.price.compareTo(new BigDecimal("40")) >= 0).collect(Collectors.toList());
    }

    void seed() {
        for (Shopper shopper : Shopper.CAST) {
            List<Integer> days = orderDays(shopper);
            ZonedDateTime firstOrder = at(days.get(0));
            Customer customer = customer(shopper, firstOrder.minusDays(1 + random.nextInt(20)));
            consents(shopper, customer);
            for (int daysAgo : days) {
                order(shopper, customer, daysAgo);
            }
        }
    }

    /** Days ago of each order, oldest first. */
    private List<Integer> orderDays(Shopper shopper) {
        TreeSet<Integer> days = new TreeSet<>();
        switch (shopper.kind) {
            case ONE_TIME_DORMANT:
                days.add(62 + random.nextInt(27));
                break;
            case ONE_TIME_RECENT:
                days.add(3 + random.nextInt(38));
                break;
            case REPEAT: {
                int count = 2 + random.nextInt(5);
                int day = 2 + random.nextInt(38);
                for (int i = 0; i < count && day <= HISTORY_DAYS; i++) {
                    days.add(day);
                    day += 12 + random.nextInt(34);
                }
                break;
            }
            case LAPSED: {
                int count = 1 + random.nextInt(3);
                int day = 125 + random.nextInt(16);
                for (int i = 0; i < count && day <= HISTORY_DAYS; i++) {
                    days.add(day);
                    day += 10 + random.nextInt(11);
                }
                break;
            }
            case CONSUMABLE: {
                int usage = catalog.product(shopper.consumableSku).usageDays;
                int day = Math.max(3, usage - random.nextInt(6));
                for (int i = 0; i < 6 && day <= HISTORY_DAYS; i++) {
                    days.add(day);
                    day += usage - 3 + random.nextInt(7);
                }
                break;
            }
            case VIP: {
                int count = 5 + random.nextInt(2);
                int step = 165 / count;
                for (int i = 0; i < count; i++) {
                    days.add(4 + i * step + random.nextInt(Math.max(1, step - 6)));
                }
                break;
            }
            default:
                throw new IllegalStateException("Unknown kind " + shopper.kind);
        }
        List<Integer> oldestFirst = new ArrayList<>(days.descendingSet());
        return oldestFirst;
    }

    private ZonedDateTime at(int daysAgo) {
        return ZonedDateTime.ofInstant(now, zone).toLocalDate().minusDays(daysAgo)
                .atTime(8 + Math.abs(daysAgo * 7 % 13), Math.abs(daysAgo * 17 % 60)).atZone(zone);
    }

    private Customer customer(Shopper shopper, ZonedDateTime created) {
        Country country = countries.get(shopper.country);
        Customer customer = new Customer();
        customer.setMerchantStore(store);
        customer.setEmailAddress(shopper.email);
        customer.setNick(shopper.email);
        customer.setPassword(passwordHash);
        customer.setAnonymous(false);
        customer.setGender(CustomerGender.valueOf(shopper.gender));
        customer.setDefaultLanguage(languages.get(shopper.language));
        customer.setDateOfBirth(dateOfBirth(shopper));
        customer.setGroups(new ArrayList<>(Arrays.asList(customerGroup)));
        customer.getAuditSection().setDateCreated(Date.from(created.toInstant()));
        customer.getAuditSection().setDateModified(Date.from(created.toInstant()));

        customer.setBilling(billing(shopper, country));
        customer.setDelivery(delivery(shopper, country));
        em.persist(customer);
        return customer;
    }

    private Date dateOfBirth(Shopper shopper) {
        LocalDate today = ZonedDateTime.ofInstant(now, zone).toLocalDate();
        int age = 22 + random.nextInt(37);
        int inDays = shopper.birthdayInDays != null ? shopper.birthdayInDays : 30 + random.nextInt(300);
        LocalDate birthday = today.plusDays(inDays).minusYears(age);
        return Date.from(birthday.atTime(12, 0).atZone(zone).toInstant());
    }

    private static Billing billing(Shopper shopper, Country country) {
        Billing billing = new Billing();
        billing.setFirstName(shopper.firstName);
        billing.setLastName(shopper.lastName);
        billing.setAddress(shopper.address);
        billing.setCity(shopper.city);
        billing.setPostalCode(shopper.postalCode);
        billing.setTelephone(shopper.telephone);
        billing.setCountry(country);
        return billing;
    }

    private static Delivery delivery(Shopper shopper, Country country) {
        Delivery delivery = new Delivery();
        delivery.setFirstName(shopper.firstName);
        delivery.setLastName(shopper.lastName);
        delivery.setAddress(shopper.address);
        delivery.setCity(shopper.city);
        delivery.setPostalCode(shopper.postalCode);
        delivery.setTelephone(shopper.telephone);
        delivery.setCountry(country);
        return delivery;
    }

    private void consents(Shopper shopper, Customer customer) {
        Date when = customer.getAuditSection().getDateCreated();
        if (shopper.newsletter) {
            consent(shopper, optins.get(OptinType.NEWSLETTER), when);
        }
        if (shopper.promotions) {
            consent(shopper, optins.get(OptinType.PROMOTIONS), when);
        }
    }

    private void consent(Shopper shopper, Optin optin, Date when) {
        CustomerOptin consent = new CustomerOptin();
        consent.setMerchantStore(store);
        consent.setOptin(optin);
        consent.setEmail(shopper.email);
        consent.setFirstName(shopper.firstName);
        consent.setLastName(shopper.lastName);
        consent.setOptinDate(when);
        em.persist(consent);
    }

    /** Lines of one order: SKU to quantity. */
    private Map<String, Integer> basket(Shopper shopper, int orderIndex) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        if (shopper.kind == Shopper.Kind.CONSUMABLE) {
            lines.put(shopper.consumableSku, 1 + (random.nextInt(4) == 0 ? 1 : 0));
            if (orderIndex == 0 || random.nextInt(3) == 0) {
                SeedCatalog.Product extra = catalog.product(pick(catalog.product(shopper.consumableSku).related));
                lines.putIfAbsent(extra.sku, 1);
            }
            return lines;
        }
        if (shopper.kind == Shopper.Kind.VIP) {
            SeedCatalog.Product big = premium.get(random.nextInt(premium.size()));
            lines.put(big.sku, 1 + random.nextInt(2));
            int more = 2 + random.nextInt(3);
            while (lines.size() < 1 + more) {
                SeedCatalog.Product p = random.nextBoolean() ? premium.get(random.nextInt(premium.size()))
                        : everyday.get(random.nextInt(everyday.size()));
                lines.putIfAbsent(p.sku, 1 + random.nextInt(3));
            }
            return lines;
        }
        int count = 1 + random.nextInt(3);
        SeedCatalog.Product first = everyday.get(random.nextInt(everyday.size()));
        lines.put(first.sku, quantity(first));
        while (lines.size() < count) {
            // half of the time a related product, as shoppers tend to buy them together
            SeedCatalog.Product p = random.nextBoolean() ? catalog.product(pick(first.related))
                    : everyday.get(random.nextInt(everyday.size()));
            if (p.price.compareTo(new BigDecimal("45")) <= 0) {
                lines.putIfAbsent(p.sku, quantity(p));
            }
        }
        return lines;
    }

    private int quantity(SeedCatalog.Product p) {
        return p.price.compareTo(new BigDecimal("15")) < 0 && random.nextInt(10) < 3 ? 2 : 1;
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private int orderIndex;

    private void order(Shopper shopper, Customer customer, int daysAgo) {
        ZonedDateTime placed = at(daysAgo);
        Map<String, Integer> lines = basket(shopper, orderIndex++);
        String cartCode = String.format(Locale.ROOT, "%016x%016x", random.nextLong(), random.nextLong());
        String ip = "203.0.113." + (1 + random.nextInt(254));
        Locale locale = new Locale(shopper.language, "vi".equals(shopper.language) ? "VN" : shopper.country);

        Order order = new Order();
        order.setMerchant(store);
        order.setCustomerId(customer.getId());
        order.setCustomerEmailAddress(shopper.email);
        order.setBilling(billing(shopper, countries.get(shopper.country)));
        order.setDelivery(delivery(shopper, countries.get(shopper.country)));
        order.setCurrency(currency);
        order.setCurrencyValue(BigDecimal.ONE);
        order.setLocale(locale);
        order.setChannel(OrderChannel.ONLINE);
        order.setOrderType(OrderType.ORDER);
        order.setDatePurchased(Date.from(placed.toInstant()));
        order.setIpAddress(ip);
        order.setShoppingCartCode(cartCode);
        order.setCustomerAgreement(true);
        order.setConfirmedAddress(true);
        order.setShippingModuleCode("freeshipping");
        if (random.nextInt(5) == 0) {
            order.setPaymentType(PaymentType.MONEYORDER);
            order.setPaymentModuleCode("moneyorder");
        } else {
            order.setPaymentType(PaymentType.CREDITCARD);
            order.setPaymentModuleCode("stripe");
            CreditCard card = new CreditCard();
            card.setCardType(random.nextBoolean() ? CreditCardType.VISA : CreditCardType.MASTERCARD);
            card.setCcOwner(shopper.fullName());
            card.setCcNumber("************" + (1000 + random.nextInt(9000)));
            card.setCcExpires(String.format(Locale.ROOT, "%02d/%d", 1 + random.nextInt(12), placed.getYear() + 2));
            order.setCreditCard(card);
        }

        BigDecimal subtotal = BigDecimal.ZERO;
        order.setOrderProducts(new HashSet<>());
        for (Map.Entry<String, Integer> line : lines.entrySet()) {
            SeedCatalog.Product p = catalog.product(line.getKey());
            OrderProduct op = new OrderProduct();
            op.setOrder(order);
            op.setSku(p.sku);
            op.setProductName(p.name(shopper.language));
            op.setProductQuantity(line.getValue());
            op.setOneTimeCharge(p.price);
            OrderProductPrice price = new OrderProductPrice();
            price.setOrderProduct(op);
            price.setProductPriceCode("base");
            price.setProductPriceName("base");
            price.setProductPrice(p.price);
            price.setDefaultPrice(true);
            op.setPrices(new HashSet<>(Arrays.asList(price)));
            order.getOrderProducts().add(op);
            subtotal = subtotal.add(p.price.multiply(BigDecimal.valueOf(line.getValue())));
        }
        order.setTotal(subtotal);
        order.setOrderTotal(new HashSet<>(Arrays.asList(
                total(order, "order.total.subtotal", "subtotal", "Subtotal", OrderTotalType.SUBTOTAL, 0, subtotal),
                total(order, "order.total.total", "total", "Total", OrderTotalType.TOTAL, 500, subtotal))));

        OrderStatus status = daysAgo <= 3 ? OrderStatus.ORDERED : daysAgo <= 10 ? OrderStatus.PROCESSED : OrderStatus.DELIVERED;
        order.setStatus(status);
        order.setOrderHistory(new HashSet<>());
        order.getOrderHistory().add(history(order, OrderStatus.ORDERED, placed, "Order placed online"));
        ZonedDateTime last = placed;
        if (status != OrderStatus.ORDERED) {
            last = placed.plusDays(1).plusHours(2);
            order.getOrderHistory().add(history(order, OrderStatus.PROCESSED, last, "Packed and handed to the carrier"));
        }
        if (status == OrderStatus.DELIVERED) {
            last = placed.plusDays(4).plusHours(5);
            order.getOrderHistory().add(history(order, OrderStatus.DELIVERED, last, "Delivered"));
            order.setOrderDateFinished(Date.from(last.toInstant()));
        }
        order.setLastModified(Date.from(last.toInstant()));
        em.persist(order);

        ShoppingCart cart = new ShoppingCart();
        cart.setMerchantStore(store);
        cart.setShoppingCartCode(cartCode);
        cart.setCustomerId(customer.getId());
        cart.setOrderId(order.getId());
        cart.setIpAddress(ip);
        Date opened = Date.from(placed.minusMinutes(8 + random.nextInt(80)).toInstant());
        cart.getAuditSection().setDateCreated(opened);
        cart.getAuditSection().setDateModified(Date.from(placed.toInstant()));
        cart.setLineItems(new HashSet<>());
        for (Map.Entry<String, Integer> line : lines.entrySet()) {
            ShoppingCartItem item = new ShoppingCartItem();
            item.setShoppingCart(cart);
            item.setProductId(products.get(line.getKey()).getId());
            item.setSku(line.getKey());
            item.setQuantity(line.getValue());
            item.getAuditSection().setDateCreated(opened);
            item.getAuditSection().setDateModified(opened);
            cart.getLineItems().add(item);
        }
        em.persist(cart);
    }

    private static OrderTotal total(Order order, String code, String module, String title, OrderTotalType type,
            int sortOrder, BigDecimal value) {
        OrderTotal total = new OrderTotal();
        total.setOrder(order);
        total.setOrderTotalCode(code);
        total.setModule(module);
        total.setTitle(title);
        total.setText(NumberFormat.getCurrencyInstance(Locale.US).format(value));
        total.setOrderTotalType(type);
        total.setOrderValueType(OrderValueType.ONE_TIME);
        total.setSortOrder(sortOrder);
        total.setValue(value);
        return total;
    }

    private static OrderStatusHistory history(Order order, OrderStatus status, ZonedDateTime when, String comment) {
        OrderStatusHistory history = new OrderStatusHistory();
        history.setOrder(order);
        history.setStatus(status);
        history.setDateAdded(Date.from(when.toInstant()));
        history.setCustomerNotified(1);
        history.setComments(comment);
        return history;
    }
}
