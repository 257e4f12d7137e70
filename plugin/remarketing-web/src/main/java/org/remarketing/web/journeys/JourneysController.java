package org.remarketing.web.journeys;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.remarketing.core.journeys.Journey;
import org.remarketing.core.journeys.JourneyException;
import org.remarketing.core.journeys.JourneyFigures;
import org.remarketing.core.journeys.JourneyPreviews;
import org.remarketing.core.journeys.JourneyResults;
import org.remarketing.core.journeys.JourneyStore;
import org.remarketing.core.journeys.StepRenderer;
import org.remarketing.web.admin.AdminApi;
import org.remarketing.web.admin.RefusedRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Journeys for the admin screen, under {@code /api/v1/private/}, the path the store's admin JWT
 * protects: the list with each journey's results over a period (the last 30 days unless
 * {@code from}/{@code to} say otherwise), one journey's definition with its funnel and its lift
 * against the holdout, edits (a refused value answers 400 naming the field), and a step rendered
 * for a contact, shown or sent as a test. Answers are JSON with {@code Cache-Control: no-store};
 * errors are {@code {"message": "...", "field": "..."}}. Rendered HTML is returned as a JSON
 * string, never as a document.
 */
@RestController
public class JourneysController {

	static final String PATH = "/api/v1/private/remarketing/journeys";

	/** The period the list and the results cover by default. */
	static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

	private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

	private static final Logger logger = LoggerFactory.getLogger(JourneysController.class);

	private final JourneyStore store;

	private final JourneyResults results;

	private final Supplier<JourneyPreviews> previews;

	private final Clock clock;

	private final JourneyRequests requests = new JourneyRequests();

	/**
	 * @param previews the engine's previews, or null while there are none (previews then answer 503)
	 */
	public JourneysController(JourneyStore store, JourneyResults results, Supplier<JourneyPreviews> previews) {
		this(store, results, previews, Clock.systemUTC());
	}

	JourneysController(JourneyStore store, JourneyResults results, Supplier<JourneyPreviews> previews, Clock clock) {
		this.store = store;
		this.results = results;
		this.previews = previews;
		this.clock = clock;
	}

	@GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> list(@RequestParam(name = "from", required = false) String from,
			@RequestParam(name = "to", required = false) String to) {
		RequestedPeriod period = period(from, to);
		Map<Long, JourneyFigures> figures = this.results.figuresByJourney(period.from(), period.to());
		List<Map<String, Object>> items = new ArrayList<>();
		for (Journey journey : this.store.journeys()) {
			Map<String, Object> view = JourneyViews.definition(journey);
			view.put("results", JourneyViews.summary(figures.getOrDefault(journey.id(), JourneyFigures.none())));
			items.add(view);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("period", JourneyViews.period(period));
		body.put("items", items);
		return AdminApi.ok(body);
	}

	@GetMapping(path = PATH + "/{code}", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> journey(@PathVariable("code") String code,
			@RequestParam(name = "from", required = false) String from,
			@RequestParam(name = "to", required = false) String to) {
		Journey journey = existing(code);
		RequestedPeriod period = period(from, to);
		return AdminApi.ok(full(journey, period));
	}

	@PutMapping(path = PATH + "/{code}", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> update(@PathVariable("code") String code, HttpServletRequest request) {
		Journey journey = existing(code);
		ObjectNode body = this.requests.read(request, JourneyRequests.EDIT);
		Journey saved = this.store.update(JourneyRequests.edited(journey, body));
		logger.info("Remarketing journey {} changed ({} steps, {} % held out, {})", saved.code(), saved.steps().size(),
				saved.holdoutPercent(), saved.enabled() ? "on" : "off");
		return AdminApi.ok(full(saved, period(null, null)));
	}

	/** A step rendered for a contact, as it would be sent (links marked as previews). */
	@GetMapping(path = PATH + "/{code}/preview", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> preview(@PathVariable("code") String code,
			@RequestParam(name = "step", required = false) String step,
			@RequestParam(name = "contact", required = false) String contact) {
		Journey journey = existing(code);
		Integer stepNo = AdminApi.number(step, -1, 1, journey.steps().size());
		if (stepNo == null || stepNo < 1) {
			throw RefusedRequest.invalid("step", "step must be a whole number from 1 (the first step) to "
					+ journey.steps().size() + ".");
		}
		Long contactId = AdminApi.id(contact);
		if (contactId == null) {
			throw RefusedRequest.invalid("contact", "contact must be a contact's id.");
		}
		StepRenderer.Rendered preview = previews().preview(journey.code(), stepNo, contactId);
		return rendered(view(journey, stepNo, contactId, preview));
	}

	/** The step rendered for a contact and sent to a staff address, marked as a test. */
	@PostMapping(path = PATH + "/{code}/test-send", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> testSend(@PathVariable("code") String code, HttpServletRequest request) {
		Journey journey = existing(code);
		ObjectNode body = this.requests.read(request, JourneyRequests.TEST_SEND);
		int stepNo = JourneyRequests.step(body, journey);
		long contactId = JourneyRequests.contact(body);
		String to = JourneyRequests.email(body, "to");
		StepRenderer.Rendered sent = previews().testSend(journey.code(), stepNo, contactId, to);
		Map<String, Object> view = view(journey, stepNo, contactId, sent);
		view.put("sentTo", to);
		return rendered(view);
	}

	@ExceptionHandler(RefusedRequest.class)
	ResponseEntity<Map<String, Object>> refused(RefusedRequest refused) {
		return AdminApi.error(refused.status(), refused.getMessage(), refused.field());
	}

	@ExceptionHandler(JourneyException.class)
	ResponseEntity<Map<String, Object>> invalid(JourneyException invalid) {
		return AdminApi.error(HttpStatus.BAD_REQUEST, invalid.getMessage(), invalid.field());
	}

	// ---------------------------------------------------------------- helpers

	private Map<String, Object> full(Journey journey, RequestedPeriod period) {
		Map<String, Object> view = JourneyViews.definition(journey);
		view.put("period", JourneyViews.period(period));
		view.put("results", JourneyViews.results(this.results.figures(journey.id(), period.from(), period.to())));
		view.put("previews", this.previews.get() != null);
		return view;
	}

	private RequestedPeriod period(String from, String to) {
		return RequestedPeriod.parse(from, to, this.clock.instant(), DEFAULT_PERIOD);
	}

	private Journey existing(String code) {
		Journey journey = CODE.matcher(code).matches() ? this.store.find(code).orElse(null) : null;
		if (journey == null) {
			throw RefusedRequest.notFound("No such journey.");
		}
		return journey;
	}

	private JourneyPreviews previews() {
		JourneyPreviews previews = this.previews.get();
		if (previews == null) {
			throw new RefusedRequest(HttpStatus.SERVICE_UNAVAILABLE, "Previews need the journeys engine, which is not"
					+ " running in this store yet.");
		}
		return previews;
	}

	private static Map<String, Object> view(Journey journey, int stepNo, long contactId, StepRenderer.Rendered preview) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("journey", journey.code());
		view.put("step", stepNo);
		view.put("template", journey.steps().get(stepNo).template());
		view.put("contact", contactId);
		view.put("subject", preview.subject());
		view.put("html", preview.html());
		view.put("text", preview.text());
		return view;
	}

	/** JSON holding a document: never sniffed as HTML, and nothing would run if it were opened anyway. */
	static ResponseEntity<Map<String, Object>> rendered(Map<String, Object> body) {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Content-Type-Options", "nosniff")
			.header("Content-Security-Policy", "default-src 'none'; sandbox")
			.body(body);
	}

}
