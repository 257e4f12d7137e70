package org.remarketing.web.journeys;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.remarketing.core.journeys.Journey;
import org.remarketing.core.journeys.JourneyStep;
import org.remarketing.core.journeys.JourneyStore;
import org.remarketing.web.admin.JsonBodies;
import org.remarketing.web.admin.RefusedRequest;

/**
 * Reads the bodies of the journeys API. Types and sizes are checked here, each refusal naming the
 * value as sent ({@code steps[1].delayMinutes}); the ranges that make a journey valid are the
 * store's own checks.
 */
final class JourneyRequests {

	/** Ten steps and a description fit in well under this. */
	static final int MAX_BODY_BYTES = 16 * 1024;

	static final int MAX_NAME = 200;

	static final int MAX_DESCRIPTION = 2000;

	static final int MAX_EMAIL = 254;

	static final Set<String> EDIT = Set.of("name", "description", "enabled", "steps", "holdoutPercent", "goalHours",
			"reentryDays", "exitOnLeave");

	static final Set<String> TEST_SEND = Set.of("step", "contact", "to");

	private static final Set<String> STEP = Set.of("step", "delayMinutes", "channel", "template");

	/** Far outside every range the store allows, yet no overflow: the store's check then says what is allowed. */
	private static final long WIDE = 1_000_000_000L;

	/** One address, no display name, no spaces or brackets: user@host.tld. */
	private static final Pattern EMAIL = Pattern.compile("[^\\s@<>()\\[\\],;:\"\\\\]+@[^\\s@<>()\\[\\],;:\"\\\\.]+"
			+ "(\\.[^\\s@<>()\\[\\],;:\"\\\\.]+)+");

	private final JsonBodies bodies = new JsonBodies(MAX_BODY_BYTES, 8);

	ObjectNode read(HttpServletRequest request, Set<String> allowed) {
		return this.bodies.read(request, allowed);
	}

	/** The journey with what the body changes; what it leaves out stays as it is. */
	static Journey edited(Journey journey, ObjectNode body) {
		if (body.size() == 0) {
			throw RefusedRequest.badRequest("Nothing to change: send any of " + String.join(", ", EDIT) + ".");
		}
		String name = JsonBodies.text(body, "name", MAX_NAME, false);
		name = (name != null) ? name.trim() : journey.name();
		String description = journey.description();
		if (body.has("description")) {
			String text = body.get("description").isNull() ? "" : JsonBodies.text(body, "description", MAX_DESCRIPTION, true);
			description = text.trim().isEmpty() ? null : text.trim();
		}
		Boolean enabled = JsonBodies.bool(body, "enabled");
		Boolean exitOnLeave = JsonBodies.bool(body, "exitOnLeave");
		Long holdout = JsonBodies.whole(body, "holdoutPercent", "holdoutPercent", -WIDE, WIDE);
		Long goalHours = JsonBodies.whole(body, "goalHours", "goalHours", -WIDE, WIDE);
		Long reentryDays = JsonBodies.whole(body, "reentryDays", "reentryDays", -WIDE, WIDE);
		List<JourneyStep> steps = body.has("steps") ? steps(body.get("steps")) : journey.steps();
		return journey.edited(name, description, (enabled != null) ? enabled : journey.enabled(), steps,
				(holdout != null) ? holdout.intValue() : journey.holdoutPercent(),
				(goalHours != null) ? Duration.ofHours(goalHours) : journey.goalWindow(),
				(reentryDays != null) ? Duration.ofDays(reentryDays) : journey.reentry(),
				(exitOnLeave != null) ? exitOnLeave : journey.exitOnLeave());
	}

	private static List<JourneyStep> steps(JsonNode node) {
		if (!node.isArray()) {
			throw RefusedRequest.invalid("steps", "steps must be a list such as [{\"delayMinutes\": 60, \"template\":"
					+ " \"cart-reminder\"}].");
		}
		if (node.size() > JourneyStore.MAX_STEPS) {
			throw RefusedRequest.invalid("steps", "a journey has 1 to " + JourneyStore.MAX_STEPS + " steps");
		}
		List<JourneyStep> steps = new ArrayList<>();
		for (int i = 0; i < node.size(); i++) {
			JsonNode step = node.get(i);
			String at = "steps[" + i + "]";
			if (!step.isObject()) {
				throw RefusedRequest.invalid(at, at + " must be an object with delayMinutes and template.");
			}
			step.fieldNames().forEachRemaining((field) -> {
				if (!STEP.contains(field)) {
					throw RefusedRequest.invalid(at, at + " takes delayMinutes, template and channel only.");
				}
			});
			Long delay = JsonBodies.whole(step, "delayMinutes", at + ".delayMinutes", -WIDE, WIDE);
			String template = JsonBodies.text(step, "template", at + ".template", 64, false);
			String channel = JsonBodies.text(step, "channel", at + ".channel", 16, false);
			if (delay == null) {
				throw RefusedRequest.invalid(at + ".delayMinutes", at + ".delayMinutes is required.");
			}
			if (template == null) {
				throw RefusedRequest.invalid(at + ".template", at + ".template is required.");
			}
			steps.add(new JourneyStep(Duration.ofMinutes(delay), (channel != null) ? channel : "EMAIL", template.trim()));
		}
		return steps;
	}

	/** The step's position (0 is the first), required. */
	static int step(JsonNode body, Journey journey) {
		Long step = JsonBodies.whole(body, "step", "step", 1, Math.max(1, journey.steps().size()));
		if (step == null) {
			throw RefusedRequest.invalid("step", "step is required: 1 for the first step.");
		}
		return step.intValue();
	}

	/** The contact's id, required. */
	static long contact(JsonNode body) {
		Long contact = JsonBodies.whole(body, "contact", "contact", 1, Long.MAX_VALUE);
		if (contact == null) {
			throw RefusedRequest.invalid("contact", "contact is required: a contact's id.");
		}
		return contact;
	}

	/** Where a test goes: one plain address. */
	static String email(JsonNode body, String field) {
		String to = JsonBodies.text(body, field, MAX_EMAIL, false);
		if (to == null || to.trim().isEmpty()) {
			throw RefusedRequest.invalid(field, field + " is required: the address the test goes to.");
		}
		if (!isEmail(to.trim())) {
			throw RefusedRequest.invalid(field, field + " must be one email address such as you@example.com.");
		}
		return to.trim();
	}

	static boolean isEmail(String value) {
		return value.length() <= MAX_EMAIL && EMAIL.matcher(value).matches();
	}

}
