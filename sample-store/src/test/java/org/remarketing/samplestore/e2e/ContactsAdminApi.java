package org.remarketing.samplestore.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The plugin's contacts, read the way an administrator's tools read them: over HTTP, with the
 * admin JWT the store's {@code POST /api/v1/private/login} hands out. Events reach contacts
 * through the outbox relay, so the reads wait (bounded) for what a test expects.
 */
final class ContactsAdminApi {

    static final Duration WAIT = Duration.ofSeconds(20);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String token;

    ContactsAdminApi(String base) {
        this.base = base;
    }

    /** {@code GET /contacts?q=}: the contacts the search finds (at most 100). */
    List<JsonNode> search(String q) {
        JsonNode page = get("/api/v1/private/remarketing/contacts?size=100&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        List<JsonNode> items = new ArrayList<>();
        page.get("items").forEach(items::add);
        return items;
    }

    /** {@code GET /contacts/{id}} with up to 100 timeline events. */
    JsonNode contact(long id) {
        return get("/api/v1/private/remarketing/contacts/" + id + "?timelineSize=100");
    }

    /**
     * Waits until the search for {@code q} finds exactly one contact whose details satisfy
     * {@code done}, and answers those details; fails with what was found last after {@link #WAIT}.
     */
    JsonNode awaitOnlyContact(String q, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "nothing";
        while (true) {
            List<JsonNode> found = search(q);
            if (found.size() == 1) {
                JsonNode contact = contact(found.get(0).get("id").asLong());
                if (done.test(contact)) {
                    return contact;
                }
                last = "one contact, timeline " + types(contact) + ", identities " + contact.get("identities");
            }
            else {
                last = found.size() + " contacts: " + found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Searching contacts for " + q + " after " + WAIT.getSeconds() + " s: " + last);
            }
            pause();
        }
    }

    /** The event types of a contact's timeline, oldest first. */
    static List<String> types(JsonNode contact) {
        List<String> types = new ArrayList<>();
        contact.get("timeline").get("items").forEach((event) -> types.add(0, event.get("type").asText()));
        return types;
    }

    /** The timeline's events (newest first) that satisfy {@code filter}. */
    static List<JsonNode> events(JsonNode contact, Predicate<JsonNode> filter) {
        List<JsonNode> events = new ArrayList<>();
        contact.get("timeline").get("items").forEach((event) -> {
            if (filter.test(event)) {
                events.add(event);
            }
        });
        return events;
    }

    static Predicate<JsonNode> ofType(String type) {
        return (event) -> type.equals(event.get("type").asText());
    }

    /** Whether the contact holds the identity (kind VISITOR, CUSTOMER or EMAIL). */
    static boolean hasIdentity(JsonNode contact, String kind, String value) {
        for (JsonNode identity : contact.get("identities")) {
            if (kind.equals(identity.get("kind").asText()) && value.equals(identity.get("value").asText())) {
                return true;
            }
        }
        return false;
    }

    /** {@code POST} a JSON body to the admin API, expecting the given status. */
    JsonNode post(String path, String body, int expected) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return send(request, expected);
    }

    /** {@code PUT} a JSON body to the admin API, expecting the given status. */
    JsonNode put(String path, String body, int expected) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
        return send(request, expected);
    }

    /** {@code GET} from the admin API, expecting 200. */
    JsonNode get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(10))
                .GET().build();
        return send(request, 200);
    }

    private String token() {
        if (token == null) {
            HttpRequest login = HttpRequest.newBuilder(URI.create(base + "/api/v1/private/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"admin@shopizer.com\",\"password\":\"password\"}"))
                    .build();
            token = send(login, 200).get("token").asText();
        }
        return token;
    }

    private JsonNode send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new AssertionError(request.method() + " " + request.uri().getPath() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        }
        catch (IOException ex) {
            throw new AssertionError(request.method() + " " + request.uri().getPath() + " failed", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }
}
