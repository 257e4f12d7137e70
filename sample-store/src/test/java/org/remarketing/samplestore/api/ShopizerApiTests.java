package org.remarketing.samplestore.api;

import java.math.BigDecimal;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Shopizer's REST subset against the seeded store: paths, bodies, status codes and JSON field names. */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:api;MODE=MySQL;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1",
        "sample.mail.embedded=false"})
@AutoConfigureMockMvc
class ShopizerApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Autowired
    JdbcTemplate jdbc;

    // ---- helpers -------------------------------------------------------------------------

    private ResultActions call(MockHttpServletRequestBuilder request, String token, String body) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request);
    }

    private JsonNode read(ResultActions actions) throws Exception {
        MvcResult result = actions.andReturn();
        return json.readTree(result.getResponse().getContentAsString());
    }

    private String adminToken() throws Exception {
        return read(call(post("/api/v1/private/login"), null,
                "{\"username\":\"admin@shopizer.com\",\"password\":\"password\"}").andExpect(status().isOk()))
                .get("token").asText();
    }

    /** A product one can buy several of. */
    private JsonNode purchasable(int skip) throws Exception {
        JsonNode products = read(call(get("/api/v1/products?store=DEFAULT&lang=en&count=100"), null, null)).get("products");
        int seen = 0;
        for (JsonNode p : products) {
            if (p.get("canBePurchased").asBoolean() && p.get("quantity").asInt() >= 10 && seen++ == skip) {
                return p;
            }
        }
        throw new AssertionError("no purchasable product in the seed");
    }

    private JsonNode newCart(String sku, int quantity) throws Exception {
        return read(call(post("/api/v1/cart?store=DEFAULT&lang=en"), null,
                "{\"product\":\"" + sku + "\",\"quantity\":" + quantity + "}").andExpect(status().isCreated()));
    }

    private String register(String email) throws Exception {
        JsonNode auth = read(call(post("/api/v1/customer/register?store=DEFAULT"), null,
                "{\"emailAddress\":\"" + email + "\",\"password\":\"secret123\",\"repeatPassword\":\"secret123\","
                        + "\"gender\":\"F\",\"language\":\"en\",\"storeCode\":\"DEFAULT\","
                        + "\"billing\":{\"firstName\":\"Lan\",\"lastName\":\"Tran\",\"country\":\"VN\"}}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").isNumber())
                .andExpect(jsonPath("$.token").isString()));
        return auth.get("token").asText();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    // ---- admin ---------------------------------------------------------------------------

    @Test
    void adminLoginAnswersIdAndToken() throws Exception {
        call(post("/api/v1/private/login"), null, "{\"username\":\"admin@shopizer.com\",\"password\":\"password\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").isNumber())
                .andExpect(jsonPath("$.token").isString());
    }

    @Test
    void adminLoginRefusesBadCredentialsWithJson() throws Exception {
        call(post("/api/v1/private/login"), null, "{\"username\":\"admin@shopizer.com\",\"password\":\"nope\"}")
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message").isString())
                .andExpect(jsonPath("$.token").doesNotExist());
        call(post("/api/v1/private/login"), null, "{\"username\":\"nobody@example.com\",\"password\":\"password\"}")
                .andExpect(status().isUnauthorized());
    }

    @Test
    void privateListsNeedTheAdminToken() throws Exception {
        call(get("/api/v1/private/orders"), null, null).andExpect(status().isUnauthorized());
        call(get("/api/v1/private/customers"), null, null).andExpect(status().isUnauthorized());
        String token = adminToken();
        call(get("/api/v1/private/orders?page=0&count=5"), token, null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.recordsTotal").isNumber())
                .andExpect(jsonPath("$.totalPages").isNumber())
                .andExpect(jsonPath("$.number").value(0))
                .andExpect(jsonPath("$.orders.length()").value(5))
                .andExpect(jsonPath("$.orders[0].id").isNumber())
                .andExpect(jsonPath("$.orders[0].datePurchased").isString())
                .andExpect(jsonPath("$.orders[0].orderStatus").isString())
                .andExpect(jsonPath("$.orders[0].total.value").isNumber())
                .andExpect(jsonPath("$.orders[0].customer.emailAddress").isString())
                .andExpect(jsonPath("$.orders[0].customer.billing.firstName").isString())
                .andExpect(jsonPath("$.orders[0].products[0].sku").isString())
                .andExpect(jsonPath("$.orders[0].products[0].orderedQuantity").isNumber());
        call(get("/api/v1/private/customers?count=3"), token, null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.customers.length()").value(3))
                .andExpect(jsonPath("$.customers[0].id").isNumber())
                .andExpect(jsonPath("$.customers[0].emailAddress").isString())
                .andExpect(jsonPath("$.customers[0].billing.lastName").isString())
                .andExpect(jsonPath("$.recordsTotal").isNumber());
        call(get("/api/v1/private/orders?count=1000"), token, null).andExpect(status().isBadRequest());
    }

    @Test
    void tokensStayOnTheirOwnChain() throws Exception {
        String customer = register(unique("chains"));
        call(get("/api/v1/private/orders"), customer, null).andExpect(status().isUnauthorized());
        call(get("/api/v1/private/remarketing/status"), customer, null).andExpect(status().isUnauthorized());
        String admin = adminToken();
        call(get("/api/v1/auth/customer/cart"), admin, null).andExpect(status().isUnauthorized());
    }

    @Test
    void pluginAdminPathIsProtected() throws Exception {
        call(get("/api/v1/private/remarketing/anything"), null, null)
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message").isString());
    }

    // ---- catalogue -----------------------------------------------------------------------

    @Test
    void productsArePagedAndDescribedInTheAskedLanguage() throws Exception {
        JsonNode page = read(call(get("/api/v1/products?store=DEFAULT&lang=en&page=1&count=10"), null, null)
                .andExpect(status().isOk()));
        assertThat(page.get("products")).hasSize(10);
        assertThat(page.get("number").asInt()).isEqualTo(1);
        assertThat(page.get("recordsTotal").asLong()).isGreaterThanOrEqualTo(60);
        assertThat(page.get("totalPages").asInt()).isGreaterThanOrEqualTo(6);
        JsonNode first = page.get("products").get(0);
        String sku = first.get("sku").asText();
        call(get("/api/v2/product/" + sku + "?lang=en"), null, null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sku").value(sku))
                .andExpect(jsonPath("$.id").isNumber())
                .andExpect(jsonPath("$.description.name").isString())
                .andExpect(jsonPath("$.price").isNumber())
                .andExpect(jsonPath("$.finalPrice").isString());
        JsonNode vi = read(call(get("/api/v2/product/" + sku + "?lang=vi"), null, null));
        assertThat(vi.get("description").get("language").asText()).isEqualTo("vi");
        call(get("/api/v1/product/" + first.get("id").asLong() + "/related"), null, null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$").isArray());
        call(get("/api/v2/product/NO-SUCH-SKU"), null, null)
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.message").isString());
        String category = first.get("categories").get(0).get("code").asText();
        call(get("/api/v1/products?category=" + category), null, null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.products[0].categories[0].code").value(category));
    }

    // ---- customers -----------------------------------------------------------------------

    @Test
    void registerThenLogin() throws Exception {
        String email = unique("reg");
        register(email);
        call(post("/api/v1/customer/login"), null, "{\"username\":\"" + email + "\",\"password\":\"secret123\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").isNumber())
                .andExpect(jsonPath("$.token").isString());
        call(post("/api/v1/customer/login"), null, "{\"username\":\"" + email + "\",\"password\":\"wrong\"}")
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message").isString());
        // the same email again
        call(post("/api/v1/customer/register"), null,
                "{\"emailAddress\":\"" + email + "\",\"password\":\"secret123\",\"repeatPassword\":\"secret123\","
                        + "\"billing\":{\"firstName\":\"A\",\"lastName\":\"B\",\"country\":\"US\"}}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").isString());
    }

    @Test
    void registerRefusesMismatchedPasswordsAndChangesNothing() throws Exception {
        String email = unique("mismatch");
        call(post("/api/v1/customer/register"), null,
                "{\"emailAddress\":\"" + email + "\",\"password\":\"secret123\",\"repeatPassword\":\"other123\","
                        + "\"billing\":{\"firstName\":\"A\",\"lastName\":\"B\",\"country\":\"US\"}}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").isString());
        call(post("/api/v1/customer/register"), null,
                "{\"emailAddress\":\"not-an-email\",\"password\":\"secret123\",\"repeatPassword\":\"secret123\","
                        + "\"billing\":{\"firstName\":\"A\",\"lastName\":\"B\",\"country\":\"US\"}}")
                .andExpect(status().isBadRequest());
        assertThat(jdbc.queryForObject("select count(*) from CUSTOMER where CUSTOMER_EMAIL_ADDRESS = ?", Long.class, email))
                .isZero();
    }

    @Test
    void newsletterRecordsAnOptin() throws Exception {
        String email = unique("news");
        call(post("/api/v1/newsletter?store=DEFAULT"), null,
                "{\"email\":\"" + email + "\",\"firstName\":\"Mai\",\"lastName\":\"Le\"}")
                .andExpect(status().isOk());
        assertThat(jdbc.queryForObject("select count(*) from CUSTOMER_OPTIN where EMAIL = ?", Long.class, email)).isEqualTo(1);
        call(post("/api/v1/newsletter"), null, "{\"email\":\"bad\"}").andExpect(status().isBadRequest());
    }

    // ---- carts ---------------------------------------------------------------------------

    @Test
    void cartCreateModifyGetAndTotal() throws Exception {
        JsonNode product = purchasable(0);
        JsonNode other = purchasable(1);
        String sku = product.get("sku").asText();
        JsonNode cart = newCart(sku, 2);
        String code = cart.get("code").asText();
        assertThat(code).matches("[0-9a-f]{32}");
        assertThat(cart.get("id").isNumber()).isTrue();
        assertThat(cart.get("customer").isNull()).isTrue();
        assertThat(cart.get("quantity").asInt()).isEqualTo(2);
        JsonNode line = cart.get("products").get(0);
        assertThat(line.get("sku").asText()).isEqualTo(sku);
        assertThat(line.get("id").asLong()).isEqualTo(product.get("id").asLong());
        assertThat(line.get("quantity").asInt()).isEqualTo(2);
        assertThat(line.get("name").asText()).isNotEmpty();
        assertThat(line.get("finalPrice").asText()).startsWith("$");
        assertThat(line.get("displaySubTotal").asText()).startsWith("$");
        assertThat(new BigDecimal(cart.get("subtotal").asText()))
                .isEqualByComparingTo(new BigDecimal(product.get("price").asText()).multiply(BigDecimal.valueOf(2)));
        assertThat(cart.get("displayTotal").asText()).startsWith("$");
        assertThat(cart.get("total").isNumber()).isTrue();

        call(put("/api/v1/cart/" + code), null, "{\"product\":\"" + other.get("sku").asText() + "\",\"quantity\":1}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.products.length()").value(2))
                .andExpect(jsonPath("$.quantity").value(3));
        call(put("/api/v1/cart/" + code), null, "{\"product\":\"" + sku + "\",\"quantity\":5}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.quantity").value(6));
        call(put("/api/v1/cart/" + code), null, "{\"product\":\"" + other.get("sku").asText() + "\",\"quantity\":0}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.products.length()").value(1));

        call(get("/api/v1/cart/" + code + "?store=DEFAULT&lang=en"), null, null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value(code))
                .andExpect(jsonPath("$.products[0].sku").value(sku))
                .andExpect(jsonPath("$.products[0].quantity").value(5));
        call(get("/api/v1/cart/" + code + "/total"), null, null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").isString())
                .andExpect(jsonPath("$.subTotal").isString())
                .andExpect(jsonPath("$.totals[2].code").value("order.total.total"));
    }

    @Test
    void cartRefusalsAreJsonAndChangeNothing() throws Exception {
        String sku = purchasable(0).get("sku").asText();
        String code = newCart(sku, 1).get("code").asText();
        call(put("/api/v1/cart/" + code), null, "{\"product\":\"" + sku + "\",\"quantity\":-1}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").isString());
        call(put("/api/v1/cart/" + code), null, "{\"product\":\"" + sku + "\",\"quantity\":100}")
                .andExpect(status().isBadRequest());
        call(put("/api/v1/cart/" + code), null, "{\"product\":\"" + sku + "\",\"quantity\":")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").isString())
                .andExpect(content().string(not(containsString("Exception"))));
        call(put("/api/v1/cart/" + code), null, "{\"product\":\"NO-SUCH-SKU\",\"quantity\":1}")
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.message").isString());
        call(get("/api/v1/cart/" + code), null, null)
                .andExpect(jsonPath("$.quantity").value(1))
                .andExpect(jsonPath("$.products.length()").value(1));

        call(post("/api/v1/cart"), null, "{\"product\":\"" + sku + "\",\"quantity\":-3}").andExpect(status().isBadRequest());
        call(post("/api/v1/cart"), null, "{\"product\":\"" + sku + "\",\"quantity\":0}").andExpect(status().isBadRequest());
        call(post("/api/v1/cart"), null, "not json").andExpect(status().isBadRequest());
        call(post("/api/v1/cart"), null, "{\"product\":\"NO-SUCH-SKU\",\"quantity\":1}").andExpect(status().isNotFound());

        call(get("/api/v1/cart/0123456789abcdef0123456789abcdef"), null, null)
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.message").isString());
        call(get("/api/v1/cart/not-a-code"), null, null).andExpect(status().isNotFound());
        call(get("/api/v1/cart/0123456789abcdef0123456789abcdef/total"), null, null).andExpect(status().isNotFound());
        call(put("/api/v1/cart/0123456789abcdef0123456789abcdef"), null, "{\"product\":\"" + sku + "\",\"quantity\":1}")
                .andExpect(status().isNotFound());
    }

    // ---- checkouts -----------------------------------------------------------------------

    private static String guestBody(String email, String amount) {
        return "{\"customer\":{\"emailAddress\":\"" + email + "\",\"billing\":{\"firstName\":\"Guest\",\"lastName\":\"Buyer\","
                + "\"address\":\"1 Main St\",\"city\":\"Springfield\",\"postalCode\":\"12345\",\"country\":\"US\"}},"
                + "\"payment\":{\"paymentType\":\"CREDITCARD\",\"transactionType\":\"CAPTURE\",\"paymentModule\":\"stripe\","
                + "\"amount\":\"" + amount + "\"}}";
    }

    @Test
    void guestCheckoutChecksTheAmountThenPlacesTheOrder() throws Exception {
        String sku = purchasable(2).get("sku").asText();
        JsonNode cart = newCart(sku, 1);
        String code = cart.get("code").asText();
        String total = cart.get("total").decimalValue().toPlainString();
        String email = unique("guest");

        call(post("/api/v1/cart/" + code + "/checkout"), null, guestBody(email, "0.01"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").isString());
        call(get("/api/v1/cart/" + code), null, null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.order").doesNotExist());
        assertThat(jdbc.queryForObject("select count(*) from ORDERS where CUSTOMER_EMAIL_ADDRESS = ?", Long.class, email)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from CUSTOMER where CUSTOMER_EMAIL_ADDRESS = ?", Long.class, email)).isZero();

        call(post("/api/v1/cart/" + code + "/checkout"), null, "{\"payment\":{\"amount\":\"" + total + "\"}}")
                .andExpect(status().isBadRequest());

        JsonNode order = read(call(post("/api/v1/cart/" + code + "/checkout?store=DEFAULT&lang=en"), null, guestBody(email, total))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").isNumber()));
        long orderId = order.get("id").asLong();
        call(get("/api/v1/cart/" + code), null, null).andExpect(jsonPath("$.order").value(orderId));
        assertThat(jdbc.queryForObject("select ORDER_ID from SHOPPING_CART where SHP_CART_CODE = ?", Long.class, code))
                .isEqualTo(orderId);
        call(post("/api/v1/cart/" + code + "/checkout"), null, guestBody(email, total))
                .andExpect(status().isConflict());
        call(put("/api/v1/cart/" + code), null, "{\"product\":\"" + sku + "\",\"quantity\":2}")
                .andExpect(status().isConflict());
    }

    @Test
    void anEmailTooLongForAnOrderIsRefusedAndTheCartStaysOpen() throws Exception {
        String sku = purchasable(2).get("sku").asText();
        JsonNode cart = newCart(sku, 1);
        String code = cart.get("code").asText();
        String total = cart.get("total").decimalValue().toPlainString();
        String email = "a-very-long-local-part-for-a-shopper-" + System.nanoTime() + "@example.com";
        assertThat(email.length()).isGreaterThan(50);

        call(post("/api/v1/cart/" + code + "/checkout"), null, guestBody(email, total))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("50 characters")));
        call(get("/api/v1/cart/" + code), null, null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.order").doesNotExist());
        assertThat(jdbc.queryForObject("select count(*) from CUSTOMER where CUSTOMER_EMAIL_ADDRESS = ?", Long.class, email)).isZero();
    }

    @Test
    void signedInCustomerMergesAGuestCartAndChecksOut() throws Exception {
        String token = register(unique("merge"));
        String sku = purchasable(3).get("sku").asText();
        String guestCode = newCart(sku, 2).get("code").asText();

        JsonNode merged = read(call(get("/api/v1/auth/customer/cart?cart=" + guestCode + "&store=DEFAULT&lang=en"), token, null)
                .andExpect(status().isOk()));
        assertThat(merged.get("customer").isNumber()).isTrue();
        assertThat(merged.get("products").get(0).get("sku").asText()).isEqualTo(sku);
        assertThat(merged.get("quantity").asInt()).isEqualTo(2);
        String code = merged.get("code").asText();

        // a second guest cart with the same product merges into the customer's cart: quantities add up
        String second = newCart(sku, 1).get("code").asText();
        call(get("/api/v1/auth/customer/cart?cart=" + second), token, null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value(code))
                .andExpect(jsonPath("$.quantity").value(3));
        call(get("/api/v1/auth/customer/cart"), token, null).andExpect(jsonPath("$.code").value(code));

        BigDecimal total = read(call(get("/api/v1/cart/" + code), null, null)).get("total").decimalValue();
        call(post("/api/v1/auth/cart/" + code + "/checkout"), token, "{\"payment\":{\"paymentType\":\"CREDITCARD\",\"amount\":\"1.00\"}}")
                .andExpect(status().isBadRequest());
        call(post("/api/v1/auth/cart/" + code + "/checkout"), null,
                "{\"payment\":{\"paymentType\":\"CREDITCARD\",\"amount\":\"" + total.toPlainString() + "\"}}")
                .andExpect(status().isUnauthorized());
        call(post("/api/v1/auth/cart/" + code + "/checkout?store=DEFAULT&lang=en"), token,
                "{\"payment\":{\"paymentType\":\"CREDITCARD\",\"transactionType\":\"CAPTURE\",\"paymentModule\":\"stripe\","
                        + "\"amount\":" + total.toPlainString() + "}}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").isNumber());
        call(get("/api/v1/cart/" + code), null, null).andExpect(jsonPath("$.order").isNumber());
    }

    @Test
    void errorsNeverLeakStackTraces() throws Exception {
        call(post("/api/v1/cart"), null, "{\"product\":[1,2],\"quantity\":\"many\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message", matchesPattern("^[^\\n]{1,200}$")));
        call(get("/api/v1/products?page=-1"), null, null).andExpect(status().isBadRequest());
        call(get("/api/v1/products?count=abc"), null, null).andExpect(status().isBadRequest());
        call(get("/api/v1/products?store=OTHER"), null, null).andExpect(status().isNotFound());
    }
}
