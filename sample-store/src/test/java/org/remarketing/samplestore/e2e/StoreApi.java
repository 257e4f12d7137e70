package org.remarketing.samplestore.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The store's Shopizer REST subset as a headless shop calls it: customers register and order
 * through it, so that the plugin sees them the way it sees any shopper.
 */
final class StoreApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    StoreApi(String base) {
        this.base = base;
    }

    /** Registers a customer (password secret123) and answers their JWT. */
    String register(String email, String firstName, String language) {
        String body = "{\"emailAddress\":\"" + email + "\",\"password\":\"secret123\",\"repeatPassword\":\"secret123\","
                + "\"gender\":\"F\",\"language\":\"" + language + "\",\"storeCode\":\"DEFAULT\","
                + "\"billing\":{\"firstName\":\"" + firstName + "\",\"lastName\":\"Test\",\"country\":\"VN\"}}";
        return call("POST", "/api/v1/customer/register?store=DEFAULT", null, body, 200).get("token").asText();
    }

    /** A signed-in customer fills a cart with one product and checks out; answers the order id. */
    long order(String token, String sku) {
        String guestCart = call("POST", "/api/v1/cart?store=DEFAULT&lang=en", null,
                "{\"product\":\"" + sku + "\",\"quantity\":1}", 201).get("code").asText();
        String cart = call("GET", "/api/v1/auth/customer/cart?cart=" + guestCart + "&store=DEFAULT&lang=en", token, null,
                200).get("code").asText();
        String total = call("GET", "/api/v1/cart/" + cart, null, null, 200).get("total").decimalValue().toPlainString();
        return call("POST", "/api/v1/auth/cart/" + cart + "/checkout?store=DEFAULT&lang=en", token,
                "{\"payment\":{\"paymentType\":\"CREDITCARD\",\"transactionType\":\"CAPTURE\",\"paymentModule\":\"stripe\","
                        + "\"amount\":" + total + "}}", 200).get("id").asLong();
    }

    /** Skus of products that can be bought, with stock to spare. */
    List<String> purchasable(int count) {
        List<String> skus = new ArrayList<>();
        for (JsonNode product : call("GET", "/api/v1/products?store=DEFAULT&lang=en&count=100", null, null, 200)
                .get("products")) {
            if (product.get("canBePurchased").asBoolean() && product.get("quantity").asInt() >= 10) {
                skus.add(product.get("sku").asText());
            }
            if (skus.size() == count) {
                return skus;
            }
        }
        throw new AssertionError("not enough purchasable products in the seed");
    }

    JsonNode call(String method, String path, String token, String body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        }
        catch (IOException ex) {
            throw new AssertionError(method + " " + path + " failed", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }
}
