package org.remarketing.samplestore.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The JSON shapes of Shopizer 3.2's REST API that this store speaks (Readable* and AuthenticationResponse),
 * with only the fields that matter: same names, amounts as decimals plus a display string as Shopizer does.
 * Public final fields: Jackson writes them as they are.
 */
public final class Json {

    private Json() {
    }

    public static String display(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        return format.format(amount.setScale(2, RoundingMode.HALF_UP));
    }

    public static String iso(Date date) {
        return date == null ? null : java.time.Instant.ofEpochMilli(date.getTime()).toString();
    }

    /** Shopizer's AuthenticationResponse. */
    public static final class AuthenticationResponse {
        public final long id;
        public final String token;

        public AuthenticationResponse(long id, String token) {
            this.id = id;
            this.token = token;
        }
    }

    /** Shopizer's ProductDescription (as embedded in readable products). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Description {
        public final String language;
        public final String name;
        public final String description;
        public final String friendlyUrl;

        public Description(String language, String name, String description, String friendlyUrl) {
            this.language = language;
            this.name = name;
            this.description = description;
            this.friendlyUrl = friendlyUrl;
        }
    }

    /** Shopizer's ReadableImage. */
    public static final class Image {
        public final String imageUrl;
        public final boolean defaultImage = true;

        public Image(String imageUrl) {
            this.imageUrl = imageUrl;
        }
    }

    /** Shopizer's ReadableCategory, reduced. */
    public static final class Category {
        public final Long id;
        public final String code;

        public Category(Long id, String code) {
            this.id = id;
            this.code = code;
        }
    }

    /** Shopizer's ReadableProduct, reduced. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Product {
        public final long id;
        public final String sku;
        public final String name;
        public final Description description;
        public final BigDecimal price;
        public final String finalPrice;
        public final String originalPrice;
        public final int quantity;
        public final boolean available;
        public final boolean canBePurchased;
        public final Image image;
        public final List<Category> categories;

        public Product(long id, String sku, String name, Description description, BigDecimal price, int quantity,
                       boolean available, String imageUrl, List<Category> categories) {
            this.id = id;
            this.sku = sku;
            this.name = name;
            this.description = description;
            this.price = price;
            this.finalPrice = display(price);
            this.originalPrice = display(price);
            this.quantity = quantity;
            this.available = available;
            this.canBePurchased = available && quantity > 0;
            this.image = imageUrl == null ? null : new Image(imageUrl);
            this.categories = categories;
        }
    }

    /** Shopizer's ReadableList fields, shared by the paged lists. */
    public abstract static class Page {
        public final long recordsTotal;
        public final long recordsFiltered;
        public final int totalPages;
        public final int number;

        protected Page(long recordsTotal, int totalPages, int number) {
            this.recordsTotal = recordsTotal;
            this.recordsFiltered = recordsTotal;
            this.totalPages = totalPages;
            this.number = number;
        }
    }

    /** Shopizer's ReadableProductList. */
    public static final class ProductList extends Page {
        public final List<Product> products;

        public ProductList(List<Product> products, long total, int totalPages, int number) {
            super(total, totalPages, number);
            this.products = products;
        }
    }

    /** Shopizer's ReadableShoppingCartItem (a ReadableMinimalProduct with a subtotal). */
    public static final class CartItem {
        public final long id;
        public final String sku;
        public final String name;
        public final Description description;
        public final int quantity;
        public final BigDecimal price;
        public final String finalPrice;
        public final BigDecimal subTotal;
        public final String displaySubTotal;
        public final Image image;

        public CartItem(long id, String sku, String name, int quantity, BigDecimal price, BigDecimal subTotal, String imageUrl) {
            this.id = id;
            this.sku = sku;
            this.name = name;
            this.description = new Description(null, name, null, null);
            this.quantity = quantity;
            this.price = price;
            this.finalPrice = display(price);
            this.subTotal = subTotal;
            this.displaySubTotal = display(subTotal);
            this.image = imageUrl == null ? null : new Image(imageUrl);
        }
    }

    /** Shopizer's ReadableOrderTotal. */
    public static final class OrderTotal {
        public final String code;
        public final String title;
        public final BigDecimal value;
        public final String total;

        public OrderTotal(String code, String title, BigDecimal value) {
            this.code = code;
            this.title = title;
            this.value = value;
            this.total = display(value);
        }
    }

    /** Shopizer's ReadableShoppingCart. */
    public static final class Cart {
        public final long id;
        public final String code;
        public final Long customer;
        public final Long order;
        public final List<CartItem> products;
        public final BigDecimal subtotal;
        public final String displaySubTotal;
        public final BigDecimal total;
        public final String displayTotal;
        public final int quantity;
        public final List<OrderTotal> totals;
        public final String language;

        public Cart(long id, String code, Long customer, Long order, List<CartItem> products, BigDecimal subtotal,
                    BigDecimal total, int quantity, List<OrderTotal> totals, String language) {
            this.id = id;
            this.code = code;
            this.customer = customer;
            this.order = order;
            this.products = products;
            this.subtotal = subtotal;
            this.displaySubTotal = display(subtotal);
            this.total = total;
            this.displayTotal = display(total);
            this.quantity = quantity;
            this.totals = totals;
            this.language = language;
        }
    }

    /** Shopizer's ReadableOrderTotalSummary (GET /cart/{code}/total). */
    public static final class OrderTotalSummary {
        public final String subTotal;
        public final String taxTotal;
        public final String total;
        public final List<OrderTotal> totals;

        public OrderTotalSummary(BigDecimal subTotal, BigDecimal total, List<OrderTotal> totals) {
            this.subTotal = display(subTotal);
            this.taxTotal = display(BigDecimal.ZERO);
            this.total = display(total);
            this.totals = totals;
        }
    }

    /** Shopizer's readable Address (billing/delivery). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Address {
        public final String firstName;
        public final String lastName;
        public final String address;
        public final String city;
        public final String postalCode;
        public final String country;
        public final String phone;

        public Address(String firstName, String lastName, String address, String city, String postalCode,
                       String country, String phone) {
            this.firstName = firstName;
            this.lastName = lastName;
            this.address = address;
            this.city = city;
            this.postalCode = postalCode;
            this.country = country;
            this.phone = phone;
        }
    }

    /** Shopizer's ReadableCustomer, reduced. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Customer {
        public final Long id;
        public final String emailAddress;
        public final String userName;
        public final String language;
        public final String storeCode;
        public final Address billing;
        public final Boolean registered;
        public final Long orders;

        public Customer(Long id, String emailAddress, String userName, String language, Address billing,
                        Boolean registered, Long orders) {
            this.id = id;
            this.emailAddress = emailAddress;
            this.userName = userName;
            this.language = language;
            this.storeCode = "DEFAULT";
            this.billing = billing;
            this.registered = registered;
            this.orders = orders;
        }
    }

    /** Shopizer's ReadableCustomerList. */
    public static final class CustomerList extends Page {
        public final List<Customer> customers;

        public CustomerList(List<Customer> customers, long total, int totalPages, int number) {
            super(total, totalPages, number);
            this.customers = customers;
        }
    }

    /** Shopizer's ReadableOrderProduct, reduced. */
    public static final class OrderProduct {
        public final String sku;
        public final String productName;
        public final int orderedQuantity;
        public final String price;
        public final String subTotal;

        public OrderProduct(String sku, String productName, int orderedQuantity, BigDecimal price) {
            this.sku = sku;
            this.productName = productName;
            this.orderedQuantity = orderedQuantity;
            this.price = display(price);
            this.subTotal = price == null ? null : display(price.multiply(BigDecimal.valueOf(orderedQuantity)));
        }
    }

    /** Shopizer's ReadableOrder, reduced. */
    public static final class Order {
        public final long id;
        public final String datePurchased;
        public final String orderStatus;
        public final OrderTotal total;
        public final Customer customer;
        public final List<OrderProduct> products;

        public Order(long id, Date datePurchased, String orderStatus, BigDecimal total, Customer customer,
                     List<OrderProduct> products) {
            this.id = id;
            this.datePurchased = iso(datePurchased);
            this.orderStatus = orderStatus;
            this.total = new OrderTotal("order.total.total", "Total", total);
            this.customer = customer;
            this.products = products;
        }
    }

    /** Shopizer's ReadableOrderList. */
    public static final class OrderList extends Page {
        public final List<Order> orders;

        public OrderList(List<Order> orders, long total, int totalPages, int number) {
            super(total, totalPages, number);
            this.orders = orders;
        }
    }
}
