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
 * The sample store's demo mailbox read as JSON ({@code GET /dev/mailbox/messages}): what the
 * embedded SMTP server received, oldest first, with decoded bodies and headers.
 */
final class DemoMailbox {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    DemoMailbox(String base) {
        this.base = base;
    }

    /** The messages addressed to {@code email} (any case), oldest first. */
    List<JsonNode> to(String email) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode mail : all()) {
            if (mail.get("to").asText().equalsIgnoreCase(email)) {
                found.add(mail);
            }
        }
        return found;
    }

    /** The first message to {@code email}, waiting for it up to {@code wait}. */
    JsonNode awaitFirst(String email, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            List<JsonNode> found = to(email);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No mail to " + email + " in /dev/mailbox after " + wait.getSeconds() + " s");
            }
            Pause.pause(Duration.ofMillis(500));
        }
    }

    /** The value of the message's first header named {@code name} (any case), or null. */
    static String header(JsonNode mail, String name) {
        for (JsonNode header : mail.get("headers")) {
            if (header.get("name").asText().equalsIgnoreCase(name)) {
                return header.get("value").asText();
            }
        }
        return null;
    }

    private JsonNode all() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/dev/mailbox/messages"))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET /dev/mailbox/messages answered " + response.statusCode());
            }
            return JSON.readTree(response.body());
        }
        catch (IOException ex) {
            throw new AssertionError("GET /dev/mailbox/messages failed", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }
}
