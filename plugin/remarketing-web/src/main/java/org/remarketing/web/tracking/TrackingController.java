package org.remarketing.web.tracking;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.remarketing.core.tracking.EventSource;
import org.remarketing.core.tracking.EventType;
import org.remarketing.core.tracking.Outbox;
import org.remarketing.core.tracking.ShopperIds;
import org.remarketing.core.tracking.TrackedEvent;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/remarketing/events}: what tracker.js records in shoppers' browsers. Public,
 * so it trusts nothing it is sent: events are validated all or nothing, who the shopper is comes
 * only from the first-party cookie this endpoint sets, and a browser can only send the browser
 * event types (never a cart change or an order).
 *
 * <p>Answers 202 when events were recorded, 204 when there was nothing to record (bots,
 * prefetches, HEAD, no consent, do-not-track), 4xx with {@code {"message"}} otherwise.
 */
@RestController
public class TrackingController {

	public static final String PATH = "/api/v1/remarketing/events";

	private static final Log logger = LogFactory.getLog(TrackingController.class);

	/** What a do-not-track browser may still record: anonymous page counts, nothing about a person. */
	private static final Set<EventType> ANONYMOUS_TYPES = Set.of(EventType.PAGE_VIEW, EventType.PRODUCT_VIEW,
			EventType.CATEGORY_VIEW);

	private static final Set<String> ANONYMOUS_PROPERTIES = Set.of("title", "page", "product_id", "sku", "name",
			"price", "currency", "category", "list_id", "list_name", "item_count", "utm_source", "utm_medium",
			"utm_campaign", "utm_term", "utm_content");

	private final Outbox outbox;

	private final TrackingSettings settings;

	private final Clock clock;

	private final BrowserEventReader reader = new BrowserEventReader();

	private final RateLimiter visitorLimiter;

	private final RateLimiter ipLimiter;

	public TrackingController(Outbox outbox, TrackingSettings settings) {
		this(outbox, settings, Clock.systemUTC(), System::nanoTime);
	}

	TrackingController(Outbox outbox, TrackingSettings settings, Clock clock, java.util.function.LongSupplier nanoTime) {
		this.outbox = outbox;
		this.settings = settings;
		this.clock = clock;
		this.visitorLimiter = new RateLimiter(settings.eventsPerVisitorPerMinute(), settings.maxTrackedKeys(), nanoTime);
		this.ipLimiter = new RateLimiter(settings.eventsPerIpPerMinute(), settings.maxTrackedKeys(), nanoTime);
	}

	/** HEAD (link checkers, monitors): nothing to record. */
	@RequestMapping(path = PATH, method = RequestMethod.HEAD)
	ResponseEntity<Void> head() {
		return nothingRecorded();
	}

	@RequestMapping(path = PATH, method = RequestMethod.POST)
	ResponseEntity<?> receive(HttpServletRequest request, HttpServletResponse response) {
		if (VisitRequests.isBot(request) || VisitRequests.isPrefetch(request)) {
			return nothingRecorded();
		}
		String ipKey = VisitRequests.clientKey(request);
		BrowserBatch batch;
		try {
			checkContentType(request.getContentType());
			batch = this.reader.read(readBounded(request), this.clock.instant());
		}
		catch (RejectedRequest ex) {
			this.ipLimiter.tryAcquire(ipKey, 1);
			return error(HttpStatus.valueOf(ex.status()), ex.getMessage());
		}
		String visitorId = VisitorCookie.read(request);
		int count = Math.max(1, batch.events.size());
		if (this.settings.rateLimitEnabled()) {
			long retryAfter = limit(ipKey, visitorId, count);
			if (retryAfter > 0) {
				return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
					.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))
					.cacheControl(CacheControl.noStore())
					.contentType(MediaType.APPLICATION_JSON)
					.body(Collections.singletonMap("message", "Too many events: try again in " + retryAfter + " s"));
			}
		}
		if (Boolean.FALSE.equals(batch.consent)) {
			// consent withdrawn: forget the browser and record nothing
			if (visitorId != null) {
				VisitorCookie.clear(request, response);
			}
			return nothingRecorded();
		}
		if (this.settings.consentRequired() && !Boolean.TRUE.equals(batch.consent)) {
			return nothingRecorded();
		}
		boolean doNotTrack = batch.doNotTrack || VisitRequests.asksNotToBeTracked(request);
		if (doNotTrack && visitorId != null) {
			VisitorCookie.clear(request, response);
			visitorId = null;
		}
		boolean newVisitor = false;
		if (!doNotTrack && visitorId == null && !batch.events.isEmpty()) {
			visitorId = VisitorCookie.newVisitorId();
			newVisitor = true;
		}
		List<TrackedEvent> events = doNotTrack ? anonymous(batch.events)
				: identified(batch.events, visitorId, request.getHeader("User-Agent"));
		if (events.isEmpty()) {
			return nothingRecorded();
		}
		try {
			this.outbox.append(events);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not record " + events.size() + " browser event(s): " + ex);
			return error(HttpStatus.SERVICE_UNAVAILABLE, "Events could not be recorded now; try again later");
		}
		if (newVisitor) {
			VisitorCookie.write(request, response, visitorId);
		}
		return ResponseEntity.accepted().cacheControl(CacheControl.noStore()).build();
	}

	private long limit(String ipKey, String visitorId, int count) {
		long wait = this.ipLimiter.tryAcquire(ipKey, count);
		if (wait > 0 || visitorId == null) {
			return wait;
		}
		wait = this.visitorLimiter.tryAcquire("v:" + visitorId, count);
		if (wait > 0) {
			this.ipLimiter.release(ipKey, count);
		}
		return wait;
	}

	private static List<TrackedEvent> identified(List<BrowserBatch.Event> events, String visitorId, String userAgent) {
		List<TrackedEvent> tracked = new ArrayList<>(events.size());
		for (BrowserBatch.Event event : events) {
			TrackedEvent.Builder builder = TrackedEvent.builder(event.type, EventSource.BROWSER)
				.id(eventId(event, visitorId))
				.occurredAt(event.occurredAt)
				.shopper(ShopperIds.of(visitorId, null, event.email, false))
				.properties(event.properties)
				.property("url", event.url)
				.property("referrer", event.referrer);
			if (event.type == EventType.PAGE_VIEW && userAgent != null) {
				builder.property("user_agent", userAgent.length() > BrowserEventReader.MAX_TEXT_LENGTH
						? userAgent.substring(0, BrowserEventReader.MAX_TEXT_LENGTH) : userAgent);
			}
			tracked.add(builder.build());
		}
		return tracked;
	}

	/** Do-not-track: page counts only, with no identifier, no query string, no referring page. */
	private static List<TrackedEvent> anonymous(List<BrowserBatch.Event> events) {
		List<TrackedEvent> tracked = new ArrayList<>();
		for (BrowserBatch.Event event : events) {
			if (!ANONYMOUS_TYPES.contains(event.type)) {
				continue;
			}
			TrackedEvent.Builder builder = TrackedEvent.builder(event.type, EventSource.BROWSER)
				.occurredAt(event.occurredAt)
				.shopper(ShopperIds.none())
				.property("url", AnonymousUrls.withoutQuery(event.url))
				.property("referrer", AnonymousUrls.origin(event.referrer))
				.property("dnt", true);
			event.properties.forEach((key, value) -> {
				if (ANONYMOUS_PROPERTIES.contains(key)) {
					builder.property(key, value);
				}
			});
			tracked.add(builder.build());
		}
		return tracked;
	}

	/**
	 * The tracker's id keeps retries idempotent; scoped to the visitor so that no browser can
	 * claim (and so shadow) the id of an event that is not its own.
	 */
	private static String eventId(BrowserBatch.Event event, String visitorId) {
		if (event.clientId == null) {
			return UUID.randomUUID().toString();
		}
		String scoped = "rmk-browser:" + visitorId + ":" + event.clientId.toLowerCase(java.util.Locale.ROOT);
		return UUID.nameUUIDFromBytes(scoped.getBytes(StandardCharsets.UTF_8)).toString();
	}

	private static void checkContentType(String contentType) throws RejectedRequest {
		if (contentType == null) {
			return;
		}
		MediaType type;
		try {
			type = MediaType.parseMediaType(contentType);
		}
		catch (InvalidMediaTypeException ex) {
			throw new RejectedRequest(415, "Unsupported Content-Type: send application/json or text/plain");
		}
		if (!type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isCompatibleWith(MediaType.TEXT_PLAIN)) {
			throw new RejectedRequest(415, "Unsupported Content-Type: send application/json or text/plain");
		}
	}

	/** Reads at most the allowed size, whatever the request declares (chunked bodies declare nothing). */
	private static byte[] readBounded(HttpServletRequest request) throws RejectedRequest {
		int max = BrowserEventReader.MAX_BODY_BYTES;
		if (request.getContentLengthLong() > max) {
			throw tooLarge();
		}
		try (InputStream in = request.getInputStream()) {
			ByteArrayOutputStream body = new ByteArrayOutputStream(Math.max(256, Math.min(max,
					(int) Math.max(0, request.getContentLengthLong()))));
			byte[] buffer = new byte[4096];
			int read;
			while ((read = in.read(buffer)) >= 0) {
				if (body.size() + read > max) {
					throw tooLarge();
				}
				body.write(buffer, 0, read);
			}
			return body.toByteArray();
		}
		catch (IOException ex) {
			throw RejectedRequest.badRequest("The body could not be read");
		}
	}

	private static RejectedRequest tooLarge() {
		return new RejectedRequest(413, "Request body too large (at most " + BrowserEventReader.MAX_BODY_BYTES
				+ " bytes)");
	}

	private static ResponseEntity<Void> nothingRecorded() {
		return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
	}

	private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
		return ResponseEntity.status(status)
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.APPLICATION_JSON)
			.body(Collections.singletonMap("message", message));
	}

}
