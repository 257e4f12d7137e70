package org.remarketing.web.journeys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.remarketing.core.journeys.LoggedMessage;
import org.remarketing.core.journeys.MessageDetails;
import org.remarketing.core.journeys.MessageEvent;
import org.remarketing.core.journeys.MessageLog;
import org.remarketing.core.journeys.MessagePage;
import org.remarketing.core.journeys.MessageQuery;
import org.remarketing.web.admin.AdminApi;
import org.remarketing.web.admin.RefusedRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The message log for the admin screen: messages newest first, a page at a time (the answer's
 * {@code next} is the next page's {@code after}), filtered by journey, state, contact, recipient
 * and due time, with the count in each state for the same filter; and one message with its
 * rendered subject, text and HTML (as JSON strings: the API never serves a message as a document),
 * its events, the reason for its state and its run.
 */
@RestController
public class MessagesController {

	static final String PATH = "/api/v1/private/remarketing/messages";

	static final int DEFAULT_SIZE = 50;

	private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

	private final MessageLog log;

	public MessagesController(MessageLog log) {
		this.log = log;
	}

	@GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> list(@RequestParam(name = "journey", required = false) String journey,
			@RequestParam(name = "state", required = false) String state,
			@RequestParam(name = "contact", required = false) String contact,
			@RequestParam(name = "recipient", required = false) String recipient,
			@RequestParam(name = "from", required = false) String from,
			@RequestParam(name = "to", required = false) String to,
			@RequestParam(name = "after", required = false) String after,
			@RequestParam(name = "size", required = false) String size) {
		MessageQuery query = MessageQuery.ALL;
		if (present(journey)) {
			if (!CODE.matcher(journey).matches()) {
				throw RefusedRequest.badRequest("journey must be a journey's code, such as abandoned-cart.");
			}
			query = query.withJourney(journey);
		}
		if (present(state)) {
			String upper = state.toUpperCase(Locale.ROOT);
			if (!MessageLog.STATES.contains(upper)) {
				throw RefusedRequest.badRequest("state must be one of " + String.join(", ", MessageLog.STATES) + ".");
			}
			query = query.withState(upper);
		}
		if (present(contact)) {
			Long contactId = AdminApi.id(contact);
			if (contactId == null) {
				throw RefusedRequest.badRequest("contact must be a contact's id.");
			}
			query = query.withContact(contactId);
		}
		if (present(recipient)) {
			if (!JourneyRequests.isEmail(recipient.trim())) {
				throw RefusedRequest.badRequest("recipient must be a whole email address, such as ann@example.com.");
			}
			query = query.withRecipient(recipient);
		}
		RequestedPeriod period = RequestedPeriod.parse(from, to);
		query = query.withDue(period.from(), period.to());
		Long afterId = null;
		if (present(after)) {
			afterId = AdminApi.id(after);
			if (afterId == null) {
				throw RefusedRequest.badRequest("after must be the next value of the previous page.");
			}
		}
		Integer pageSize = AdminApi.number(size, DEFAULT_SIZE, 1, MessageLog.MAX_SIZE);
		if (pageSize == null) {
			throw RefusedRequest.badRequest("size must be a whole number from 1 to " + MessageLog.MAX_SIZE + ".");
		}
		MessagePage page = this.log.page(query, afterId, pageSize);
		List<Map<String, Object>> items = new ArrayList<>();
		page.items().forEach((message) -> items.add(row(message)));
		Map<String, Long> counts = this.log.countsByState(query);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("items", items);
		body.put("next", (page.next() != null) ? page.next().toString() : null);
		body.put("counts", counts);
		body.put("total", counts.values().stream().mapToLong(Long::longValue).sum());
		return AdminApi.ok(body);
	}

	@GetMapping(path = PATH + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> message(@PathVariable("id") String id) {
		Long messageId = AdminApi.id(id);
		Optional<MessageDetails> found = (messageId != null) ? this.log.find(messageId) : Optional.empty();
		if (!found.isPresent()) {
			throw RefusedRequest.notFound("No such message.");
		}
		MessageDetails details = found.get();
		Map<String, Object> view = row(details.message());
		view.put("html", details.bodyHtml());
		view.put("text", details.bodyText());
		view.put("locale", details.locale());
		view.put("attempts", details.attempts());
		view.put("lastAttemptAt", JourneyViews.iso(details.lastAttemptAt()));
		List<Map<String, Object>> events = new ArrayList<>();
		for (MessageEvent event : details.events()) {
			Map<String, Object> e = new LinkedHashMap<>();
			e.put("kind", event.kind());
			e.put("detail", event.detail());
			e.put("occurredAt", JourneyViews.iso(event.occurredAt()));
			events.add(e);
		}
		view.put("events", events);
		view.put("run", run(details.run()));
		return JourneysController.rendered(view);
	}

	@ExceptionHandler(RefusedRequest.class)
	ResponseEntity<Map<String, Object>> refused(RefusedRequest refused) {
		return AdminApi.error(refused.status(), refused.getMessage(), refused.field());
	}

	private static Map<String, Object> row(LoggedMessage message) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", message.id());
		Map<String, Object> journey = new LinkedHashMap<>();
		journey.put("code", message.journeyCode());
		journey.put("name", message.journeyName());
		view.put("journey", journey);
		view.put("runId", message.runId());
		view.put("contactId", message.contactId());
		view.put("step", message.stepNo());
		view.put("channel", message.channel());
		view.put("template", message.template());
		view.put("state", message.state());
		view.put("reason", message.reason());
		// when it went, or is (was) to go
		view.put("time", JourneyViews.iso((message.sentAt() != null) ? message.sentAt() : message.dueAt()));
		view.put("dueAt", JourneyViews.iso(message.dueAt()));
		view.put("sentAt", JourneyViews.iso(message.sentAt()));
		view.put("recipient", message.recipient());
		view.put("subject", message.subject());
		view.put("openedAt", JourneyViews.iso(message.openedAt()));
		view.put("clickedAt", JourneyViews.iso(message.clickedAt()));
		return view;
	}

	private static Map<String, Object> run(MessageDetails.Run run) {
		if (run == null) {
			return null;
		}
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("state", run.state());
		view.put("holdout", run.holdout());
		view.put("enteredAt", JourneyViews.iso(run.enteredAt()));
		view.put("endedAt", JourneyViews.iso(run.endedAt()));
		view.put("exitReason", run.exitReason());
		view.put("convertedAt", JourneyViews.iso(run.convertedAt()));
		view.put("orderId", run.orderId());
		view.put("revenue", run.revenue());
		return view;
	}

	private static boolean present(String value) {
		return value != null && !value.isEmpty();
	}

}
