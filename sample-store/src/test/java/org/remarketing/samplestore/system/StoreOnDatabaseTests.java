package org.remarketing.samplestore.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.remarketing.core.shop.HistoryImport;
import org.remarketing.samplestore.SampleStoreApplication;
import org.remarketing.samplestore.cart.CartService;
import org.remarketing.samplestore.cart.CartView;
import org.remarketing.samplestore.catalog.CatalogService;
import org.remarketing.samplestore.catalog.ProductView;
import org.remarketing.samplestore.checkout.CheckoutRequest;
import org.remarketing.samplestore.checkout.CheckoutService;
import org.remarketing.samplestore.checkout.PlacedOrder;
import org.remarketing.samplestore.customer.Address;
import org.remarketing.samplestore.history.ImportedHistory;
import org.remarketing.samplestore.order.OrderQueries;
import org.remarketing.samplestore.order.OrderSummary;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole sample store — Shopizer's schema by Hibernate, the seed, the plugin's migrations, the
 * import of the seed as the plugin's history — on a real database server, started twice on the same
 * fresh database. Subclasses name the
 * server; they fail (never skip) when it is unreachable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreOnDatabaseTests {

    protected final String database = "rmk_store_it_" + Long.toHexString(System.nanoTime());

    protected abstract String profile();

    protected abstract String adminUrl();

    protected abstract void createDatabase(Connection admin) throws SQLException;

    protected abstract void dropDatabase(Connection admin) throws SQLException;

    @BeforeAll
    void create() throws SQLException {
        try (Connection admin = DriverManager.getConnection(adminUrl(), adminUser(), "")) {
            createDatabase(admin);
        }
    }

    @AfterAll
    void drop() throws SQLException {
        try (Connection admin = DriverManager.getConnection(adminUrl(), adminUser(), "")) {
            dropDatabase(admin);
        }
    }

    protected abstract String adminUser();

    @Test
    void storeRunsSeedsSellsAndRestartsWithoutReapplyingAnything() throws IOException {
        long products;
        long migrations;
        long orderId;
        long imported;
        try (ConfigurableApplicationContext store = start()) {
            JdbcTemplate jdbc = store.getBean(JdbcTemplate.class);
            products = jdbc.queryForObject("select count(*) from PRODUCT", Long.class);
            assertThat(products).as("seeded products").isGreaterThanOrEqualTo(60);
            assertThat(jdbc.queryForObject("select count(*) from rmk_schema_history where type = 'SQL'", Long.class))
                    .as("plugin migrations applied").isGreaterThan(0);
            migrations = jdbc.queryForObject("select count(*) from rmk_schema_history", Long.class);
            ImportedHistory.awaitImported(store.getBean(HistoryImport.class), jdbc);
            ImportedHistory.assertContactsMatchTheStore(jdbc);
            imported = jdbc.queryForObject("select count(*) from rmk_event where source = 'import'", Long.class);

            ProductView product = store.getBean(CatalogService.class).all(Locale.ENGLISH).stream()
                    .filter(ProductView::isInStock).findFirst().orElseThrow();
            CartService carts = store.getBean(CartService.class);
            CartView cart = carts.create(product.getSku(), 2, null, "127.0.0.1", Locale.ENGLISH);
            assertThat(cart.getItemCount()).isEqualTo(2);

            CheckoutRequest request = new CheckoutRequest();
            request.setEmail("db-test@example.com");
            Address address = new Address();
            address.setFirstName("Linh");
            address.setLastName("Trần");
            address.setCountry("VN");
            address.setCity("Hà Nội");
            request.setBilling(address);
            request.setAmount(cart.getTotal());
            PlacedOrder order = store.getBean(CheckoutService.class)
                    .checkout(cart.getCode(), request, null, "127.0.0.1", new Locale("vi"));
            orderId = order.getOrderId();

            OrderSummary saved = store.getBean(OrderQueries.class).find(orderId).orElseThrow();
            assertThat(saved.getEmail()).isEqualTo("db-test@example.com");
            assertThat(saved.getCustomerName()).isEqualTo("Linh Trần");
            assertThat(saved.getTotal()).isEqualByComparingTo(cart.getTotal());
            assertThat(carts.find(cart.getCode(), Locale.ENGLISH).orElseThrow().getOrderId()).isEqualTo(orderId);
        }
        try (ConfigurableApplicationContext again = start()) {
            JdbcTemplate jdbc = again.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("select count(*) from PRODUCT", Long.class))
                    .as("the seed runs once").isEqualTo(products);
            assertThat(jdbc.queryForObject("select count(*) from rmk_schema_history", Long.class))
                    .as("a restart applies no migration").isEqualTo(migrations);
            assertThat(again.getBean(OrderQueries.class).find(orderId)).as("the order survived the restart").isPresent();
            HistoryImport historyImport = again.getBean(HistoryImport.class);
            ImportedHistory.await("the restart's look at the history import", () -> !historyImport.isRunning());
            assertThat(historyImport.status().get("state")).isEqualTo("completed");
            assertThat(jdbc.queryForObject("select count(*) from rmk_event where source = 'import'", Long.class))
                    .as("history is imported once").isEqualTo(imported);
        }
    }

    private ConfigurableApplicationContext start() throws IOException {
        return new SpringApplicationBuilder(SampleStoreApplication.class)
                .profiles(profile())
                .properties(
                        "server.port=0",
                        "sample.db.name=" + database,
                        "sample.mail.smtp-port=" + freePort(),
                        "spring.jpa.properties.hibernate.hbm2ddl.halt_on_error=true")
                .run();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
