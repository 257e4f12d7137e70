package org.remarketing.samplestore.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The plugin's journeys and message log through the admin API, as an administrator's tools use
 * them: a journey's settings are read and changed with {@code GET}/{@code PUT journeys/{code}},
 * a contact's messages read with {@code GET messages?contact=} and {@code GET messages/{id}}.
 */
final class JourneysAdminApi {

    private static final String JOURNEYS = "/api/v1/private/remarketing/journeys/";
    private static final String MESSAGES = "/api/v1/private/remarketing/messages";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ContactsAdminApi admin;

    JourneysAdminApi(ContactsAdminApi admin) {
        this.admin = admin;
    }

    JsonNode journey(String code) {
        return admin.get(JOURNEYS + code);
    }

    /** Changes what {@code changes} names (steps, holdoutPercent, reentryDays, enabled…); answers the journey. */
    JsonNode update(String code, ObjectNode changes) {
        return admin.put(JOURNEYS + code, changes.toString(), 200);
    }

    /** An empty change, to fill in. */
    static ObjectNode changes() {
        return JSON.createObjectNode();
    }

    /** A change to the journey's steps: one email with {@code template} after each delay (minutes after entry). */
    static ObjectNode steps(String template, int... delayMinutes) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode steps = body.putArray("steps");
        for (int delay : delayMinutes) {
            steps.addObject().put("delayMinutes", delay).put("template", template);
        }
        return body;
    }

    /** What {@link #update} needs to put a journey back as {@code journey} (read earlier) was. */
    static ObjectNode settingsOf(JsonNode journey) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode steps = body.putArray("steps");
        journey.get("steps").forEach((s) -> steps.addObject().put("delayMinutes", s.get("delayMinutes").asInt())
                .put("template", s.get("template").asText()));
        body.put("enabled", journey.get("enabled").asBoolean());
        body.put("holdoutPercent", journey.get("holdoutPercent").asInt());
        body.put("reentryDays", journey.get("reentryDays").asInt());
        return body;
    }

    /** The contact's messages, by run and step. */
    List<JsonNode> messages(long contactId) {
        return messages(contactId, null);
    }

    /** The contact's messages of one journey (all journeys when {@code journey} is null). */
    List<JsonNode> messages(long contactId, String journey) {
        List<JsonNode> items = new ArrayList<>();
        admin.get(MESSAGES + "?size=100&contact=" + contactId + ((journey != null) ? "&journey=" + journey : ""))
                .get("items").forEach(items::add);
        items.sort(Comparator.<JsonNode>comparingLong((m) -> m.get("runId").asLong()).thenComparingInt((m) -> m.get("step").asInt()));
        return items;
    }

    /** One message with its content, events and run. */
    JsonNode message(long id) {
        return admin.get(MESSAGES + "/" + id);
    }

    /** Waits until the contact's messages satisfy {@code done}; fails with the last ones seen after {@code wait}. */
    List<JsonNode> awaitMessages(long contactId, Predicate<List<JsonNode>> done, Duration wait) {
        return awaitMessages(contactId, null, done, wait);
    }

    /** As above, for the contact's messages of one journey. */
    List<JsonNode> awaitMessages(long contactId, String journey, Predicate<List<JsonNode>> done, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            List<JsonNode> messages = messages(contactId, journey);
            if (done.test(messages)) {
                return messages;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The messages of contact " + contactId + " after " + wait.getSeconds() + " s: "
                        + describe(messages));
            }
            Pause.pause(Duration.ofMillis(500));
        }
    }

    /** Every message of one run (the contact's runs in the order they started, from 0). */
    static List<JsonNode> ofRun(List<JsonNode> messages, int nthRun) {
        List<Long> runs = new ArrayList<>();
        messages.forEach((m) -> {
            if (!runs.contains(m.get("runId").asLong())) {
                runs.add(m.get("runId").asLong());
            }
        });
        List<JsonNode> found = new ArrayList<>();
        if (nthRun < runs.size()) {
            messages.stream().filter((m) -> m.get("runId").asLong() == runs.get(nthRun)).forEach(found::add);
        }
        return found;
    }

    /** When a message is (or was) due. */
    static Instant dueAt(JsonNode message) {
        return Instant.parse(message.get("dueAt").asText());
    }

    static String describe(List<JsonNode> messages) {
        StringBuilder text = new StringBuilder();
        messages.forEach((m) -> text.append("\n  run ").append(m.get("runId").asLong()).append(" step ")
                .append(m.get("step").asInt()).append(' ').append(m.get("state").asText()).append(" (")
                .append(m.get("reason").asText("")).append(") due ").append(m.get("dueAt").asText()));
        return messages.isEmpty() ? "none" : text.toString();
    }
}
