package org.remarketing.web.segments;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.remarketing.core.segments.BuiltInSegment;
import org.remarketing.core.segments.Segment;
import org.remarketing.core.segments.SegmentEngine;
import org.remarketing.core.segments.SegmentQuery;
import org.remarketing.core.segments.SegmentRule;
import org.remarketing.core.segments.SegmentScheduler;
import org.remarketing.web.admin.AdminApi;
import org.remarketing.web.admin.RefusedRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Segments for the admin screen, under {@code /api/v1/private/}, the path the store's admin JWT
 * protects: the list with sizes, one segment, custom segments created, changed and deleted,
 * built-in thresholds changed, a live count for a rule or thresholds not saved yet, members
 * paged, size history, a CSV export streamed in keyset pages, and rebuilds with their progress.
 * Answers are JSON with {@code Cache-Control: no-store}; errors are {@code {"message": "..."}}.
 * A change that can alter membership (a rule, thresholds, switching a segment on) queues a
 * rebuild of that segment on the segments scheduler.
 */
@RestController
public class SegmentsController {

	static final String PATH = "/api/v1/private/remarketing/segments";

	static final int DEFAULT_SIZE = 20;

	static final int MAX_SIZE = 100;

	/** The sizes the list shows (one a day) and the default of the size history (one an hour). */
	static final int SIZE_DAYS = 30;

	static final int MAX_SIZE_DAYS = 90;

	/** Members per keyset page of an export: one statement each, never the whole segment in memory. */
	static final int EXPORT_PAGE = 1000;

	private static final Set<String> CREATE = Set.of("code", "name", "description", "rule");

	private static final Set<String> UPDATE = Set.of("name", "description", "enabled", "settings", "rule");

	private static final Set<String> PREVIEW = Set.of("rule", "code", "settings");

	private static final Logger logger = LoggerFactory.getLogger(SegmentsController.class);

	private final SegmentEngine engine;

	private final SegmentScheduler scheduler;

	private final SegmentRows rows;

	private final Clock clock;

	private final SegmentRequests requests = new SegmentRequests();

	private final ObjectMapper json = new ObjectMapper();

	public SegmentsController(SegmentEngine engine, SegmentScheduler scheduler, DataSource dataSource) {
		this(engine, scheduler, dataSource, Clock.systemUTC());
	}

	SegmentsController(SegmentEngine engine, SegmentScheduler scheduler, DataSource dataSource, Clock clock) {
		this.engine = engine;
		this.scheduler = scheduler;
		this.rows = new SegmentRows(dataSource);
		this.clock = clock;
	}

	// ---------------------------------------------------------------- reading

	@GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> list() {
		Instant now = this.clock.instant();
		Map<Long, List<Map<String, Object>>> sizes = this.rows.sizes(now.minus(Duration.ofDays(SIZE_DAYS)));
		List<Map<String, Object>> items = new ArrayList<>();
		for (Segment segment : this.engine.segments()) {
			items.add(view(segment, daily(sizes.getOrDefault(segment.id(), List.of())), now));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("items", items);
		return AdminApi.ok(body);
	}

	@GetMapping(path = PATH + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> segment(@PathVariable("id") String id) {
		return AdminApi.ok(view(existing(id)));
	}

	@GetMapping(path = PATH + "/{id}/sizes", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> sizes(@PathVariable("id") String id,
			@RequestParam(name = "days", required = false) String days) {
		Segment segment = existing(id);
		Integer window = AdminApi.number(days, SIZE_DAYS, 1, MAX_SIZE_DAYS);
		if (window == null) {
			throw RefusedRequest.badRequest("days must be a whole number from 1 to " + MAX_SIZE_DAYS + ".");
		}
		Instant since = this.clock.instant().minus(Duration.ofDays(window));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", segment.id());
		body.put("since", since.toString());
		body.put("sizes", this.rows.sizes(segment.id(), since));
		return AdminApi.ok(body);
	}

	@GetMapping(path = PATH + "/{id}/members", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> members(@PathVariable("id") String id,
			@RequestParam(name = "page", required = false) String page,
			@RequestParam(name = "size", required = false) String size) {
		Segment segment = existing(id);
		Integer pageNumber = AdminApi.number(page, 0, 0, Integer.MAX_VALUE / MAX_SIZE);
		Integer pageSize = AdminApi.number(size, DEFAULT_SIZE, 1, MAX_SIZE);
		if (pageNumber == null || pageSize == null) {
			throw RefusedRequest.badRequest(
					"page must be a whole number from 0, size a whole number from 1 to " + MAX_SIZE + ".");
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("items", this.rows.members(segment.id(), pageNumber, pageSize));
		body.put("page", pageNumber);
		body.put("size", pageSize);
		body.put("total", segment.memberCount());
		return AdminApi.ok(body);
	}

	/**
	 * The members as CSV, in contact-id order, written page by page as they are read: a large
	 * segment streams (the screen counts rows as they arrive), and no more than one page is held.
	 */
	@GetMapping(path = PATH + "/{id}/export")
	ResponseEntity<Map<String, Object>> export(@PathVariable("id") String id, HttpServletResponse response)
			throws IOException {
		Segment segment = existing(id);
		response.setStatus(HttpStatus.OK.value());
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename("segment-" + segment.code() + ".csv").build().toString());
		response.setHeader("X-Content-Type-Options", "nosniff");
		Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
		// A byte-order mark: spreadsheets then read accented names as UTF-8.
		out.write('\uFEFF');
		SegmentCsv.header(out);
		long after = 0;
		while (true) {
			List<Map<String, Object>> page = this.rows.membersAfter(segment.id(), after, EXPORT_PAGE);
			for (Map<String, Object> member : page) {
				SegmentCsv.member(out, member);
			}
			out.flush();
			if (page.size() < EXPORT_PAGE) {
				break;
			}
			after = (Long) page.get(page.size() - 1).get("contactId");
		}
		out.close();
		return null;
	}

	// ---------------------------------------------------------------- changing

	@PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> create(HttpServletRequest request) {
		ObjectNode body = this.requests.read(request, CREATE);
		String code = SegmentRequests.code(body);
		String name = SegmentRequests.name(body);
		if (name == null) {
			throw RefusedRequest.badRequest("name is required.");
		}
		String description = SegmentRequests.description(body);
		String rule = this.requests.rule(body);
		if (rule == null) {
			throw RefusedRequest.badRequest("rule is required: a JSON object such as {\"all\": [...]}.");
		}
		Instant now = this.clock.instant();
		compile(rule, now);
		checkReferences(code, rule);
		if (this.engine.findByCode(code) != null) {
			throw codeTaken(code);
		}
		try {
			this.rows.insertCustom(code, name, description, rule, now);
		}
		catch (DuplicateKeyException ex) {
			throw codeTaken(code);
		}
		Segment created = this.engine.findByCode(code);
		long id = created.id();
		Map<String, Object> view = view(created);
		view.put("rebuildQueued", rebuildSoon(id));
		return ResponseEntity.status(HttpStatus.CREATED)
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.LOCATION, PATH + "/" + id)
			.body(view);
	}

	@PutMapping(path = PATH + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> update(@PathVariable("id") String id, HttpServletRequest request) {
		Segment segment = existing(id);
		ObjectNode body = this.requests.read(request, UPDATE);
		if (body.size() == 0) {
			throw RefusedRequest.badRequest("Nothing to change: send name, description, enabled, and settings (built-in"
					+ " segments) or rule (custom segments).");
		}
		String name = SegmentRequests.name(body);
		String description = SegmentRequests.description(body);
		if (description != null && description.equals(Objects.toString(segment.description(), ""))) {
			description = null; // sent back as it was (the screen sends the whole form)
		}
		Boolean enabled = SegmentRequests.enabled(body);
		Map<String, Object> settings = SegmentRequests.settings(body);
		String rule = this.requests.rule(body);
		Instant now = this.clock.instant();
		boolean conditionChanged = false;
		String settingsJson = null;
		BuiltInSegment builtIn = segment.definition();
		if (segment.builtin()) {
			if (rule != null) {
				throw RefusedRequest.badRequest("A built-in segment has no rule: change its settings instead.");
			}
			if (builtIn == null) {
				throw RefusedRequest.conflict("This built-in segment is not known to this version of the plugin.");
			}
			if (settings != null) {
				Map<String, Integer> checked = checked(builtIn, settings);
				settingsJson = write(checked);
				conditionChanged = !checked.equals(segment.settings());
				// a description still saying what the plugin wrote follows the new thresholds
				if (description == null && conditionChanged
						&& Objects.equals(segment.description(), describe(builtIn, segment.settings()))) {
					description = builtIn.describe(checked);
				}
			}
		}
		else {
			if (settings != null) {
				throw RefusedRequest.badRequest("settings belong to built-in segments: a custom segment has a rule.");
			}
			if (rule != null) {
				compile(rule, now);
				checkReferences(segment.code(), rule);
				conditionChanged = !rule.equals(segment.ruleJson());
			}
			else if (Boolean.TRUE.equals(enabled) && !segment.enabled()) {
				compile(segment.ruleJson(), now);
			}
		}
		boolean enabledAfter = (enabled != null) ? enabled : segment.enabled();
		boolean switchedOn = enabledAfter && !segment.enabled();
		this.rows.update(segment.id(), name, description, enabled, settingsJson, rule, now);
		Map<String, Object> view = view(this.engine.find(segment.id()));
		view.put("rebuildQueued", enabledAfter && (conditionChanged || switchedOn) && rebuildSoon(segment.id()));
		return AdminApi.ok(view);
	}

	@DeleteMapping(path = PATH + "/{id}")
	ResponseEntity<Map<String, Object>> delete(@PathVariable("id") String id) {
		Segment segment = existing(id);
		if (segment.builtin()) {
			throw RefusedRequest.conflict("Built-in segments cannot be deleted: switch it off instead.");
		}
		for (Map.Entry<String, Set<String>> other : references().entrySet()) {
			if (other.getValue().contains(segment.code())) {
				throw RefusedRequest.conflict("The rule of segment '" + other.getKey() + "' refers to this one: change"
						+ " that rule first.");
			}
		}
		if (!this.rows.delete(segment.id())) {
			throw notFound();
		}
		logger.info("Remarketing segment {} deleted", segment.code());
		return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
	}

	/** How many contacts match now a rule, or a built-in's thresholds, that are not saved yet. */
	@PostMapping(path = PATH + "/preview", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> preview(HttpServletRequest request) {
		ObjectNode body = this.requests.read(request, PREVIEW);
		String rule = this.requests.rule(body);
		Instant now = this.clock.instant();
		SegmentQuery query;
		String explanation = null;
		if (rule != null) {
			if (body.has("code") || body.has("settings")) {
				throw RefusedRequest.badRequest("Send either a rule, or the code of a built-in segment with its settings.");
			}
			query = compile(rule, now);
			explanation = describeRule(rule);
		}
		else if (body.has("code")) {
			String code = SegmentRequests.code(body);
			BuiltInSegment builtIn = BuiltInSegment.byCode(code);
			if (builtIn == null) {
				throw RefusedRequest.badRequest("No built-in segment has the code '" + code + "'.");
			}
			Map<String, Object> settings = SegmentRequests.settings(body);
			if (settings == null) {
				Segment saved = this.engine.findByCode(code);
				settings = (saved != null) ? new LinkedHashMap<>(saved.settings()) : Map.of();
			}
			Map<String, Integer> checked = checked(builtIn, settings);
			query = this.engine.query(builtIn, checked, now);
			explanation = builtIn.describe(checked);
		}
		else {
			throw RefusedRequest.badRequest("Send a rule, or the code of a built-in segment with its settings.");
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("count", this.engine.count(query));
		answer.put("explanation", explanation);
		return AdminApi.ok(answer);
	}

	@PostMapping(path = PATH + "/{id}/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> rebuild(@PathVariable("id") String id) {
		Segment segment = existing(id);
		String problem = problem(segment, this.clock.instant());
		if (problem != null) {
			throw RefusedRequest.conflict("This segment cannot be rebuilt: " + problem);
		}
		Map<String, Object> view = view(segment);
		view.put("requestedAt", this.clock.instant().toString());
		if (!rebuildSoon(segment.id())) {
			throw new RefusedRequest(HttpStatus.SERVICE_UNAVAILABLE,
					"Segments are not running yet: try again in a moment.");
		}
		view.put("rebuildQueued", true);
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.LOCATION, PATH + "/" + segment.id())
			.body(view);
	}

	@ExceptionHandler(RefusedRequest.class)
	ResponseEntity<Map<String, Object>> refused(RefusedRequest refused) {
		return AdminApi.error(refused.status(), refused.getMessage());
	}

	// ---------------------------------------------------------------- views

	private Map<String, Object> view(Segment segment) {
		Instant now = this.clock.instant();
		List<Map<String, Object>> sizes = this.rows.sizes(segment.id(), now.minus(Duration.ofDays(SIZE_DAYS)));
		return view(segment, daily(sizes), now);
	}

	private Map<String, Object> view(Segment segment, List<Map<String, Object>> sizes, Instant now) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", segment.id());
		view.put("code", segment.code());
		view.put("name", segment.name());
		view.put("description", segment.description());
		view.put("builtin", segment.builtin());
		view.put("enabled", segment.enabled());
		view.put("memberCount", segment.memberCount());
		BuiltInSegment builtIn = segment.definition();
		view.put("explanation", segment.builtin() ? describe(builtIn, segment.settings()) : describeRule(segment.ruleJson()));
		view.put("problem", problem(segment, now));
		if (segment.builtin()) {
			view.put("settings", settings(builtIn, segment.settings()));
		}
		else {
			view.put("rule", this.requests.ruleView(segment.ruleJson()));
		}
		Map<String, Object> rebuild = new LinkedHashMap<>();
		rebuild.put("state", segment.rebuildState());
		rebuild.put("done", segment.rebuildDone());
		rebuild.put("total", segment.rebuildTotal());
		rebuild.put("rebuiltAt", iso(segment.rebuiltAt()));
		view.put("rebuild", rebuild);
		view.put("updatedAt", iso(segment.updatedAt()));
		view.put("sizes", sizes);
		return view;
	}

	/** Each threshold with its value, default and limits (the screen's form). */
	private static List<Map<String, Object>> settings(BuiltInSegment builtIn, Map<String, Integer> values) {
		List<Map<String, Object>> settings = new ArrayList<>();
		if (builtIn == null) {
			return settings;
		}
		for (BuiltInSegment.Setting setting : builtIn.settings()) {
			Map<String, Object> view = new LinkedHashMap<>();
			view.put("name", setting.name);
			view.put("value", values.getOrDefault(setting.name, setting.defaultValue));
			view.put("defaultValue", setting.defaultValue);
			view.put("min", setting.min);
			view.put("max", setting.max);
			settings.add(view);
		}
		return settings;
	}

	/** Why the segment's condition cannot be evaluated now, or null. */
	private String problem(Segment segment, Instant now) {
		BuiltInSegment builtIn = segment.definition();
		try {
			if (segment.builtin()) {
				if (builtIn == null) {
					return "this built-in segment is not known to this version of the plugin.";
				}
				builtIn.validate(segment.settings());
			}
			else {
				this.engine.compile(segment.ruleJson(), now);
			}
			return null;
		}
		catch (IllegalArgumentException ex) {
			return ex.getMessage();
		}
	}

	private static String describe(BuiltInSegment builtIn, Map<String, Integer> settings) {
		try {
			return builtIn.describe(builtIn.validate(settings));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** A custom rule in plain language, or null when it is not a rule of the documented format. */
	private static String describeRule(String ruleJson) {
		try {
			return (ruleJson != null) ? SegmentRule.parse(ruleJson).describe() : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** The segment codes each custom segment's rule refers to, by the code of that segment. */
	private Map<String, Set<String>> references() {
		Map<String, Set<String>> references = new HashMap<>();
		for (Segment segment : this.engine.segments()) {
			if (!segment.builtin()) {
				references.put(segment.code(), referencesOf(segment.ruleJson()));
			}
		}
		return references;
	}

	private static Set<String> referencesOf(String ruleJson) {
		try {
			return (ruleJson != null) ? SegmentRule.parse(ruleJson).segments() : Set.of();
		}
		catch (IllegalArgumentException ex) {
			return Set.of();
		}
	}

	/**
	 * A rule may name only segments that exist, and never lead back to its own segment, directly
	 * or through the rules of the segments it names (membership would then depend on itself).
	 */
	private void checkReferences(String code, String rule) {
		Set<String> named = referencesOf(rule);
		if (named.isEmpty()) {
			return;
		}
		Set<String> known = new HashSet<>();
		this.engine.segments().forEach((segment) -> known.add(segment.code()));
		for (String other : named) {
			if (other.equals(code)) {
				throw RefusedRequest.badRequest("The rule names this segment itself: a segment cannot depend on its own"
						+ " members.");
			}
			if (!known.contains(other)) {
				throw RefusedRequest.badRequest("The rule names segment '" + other + "', which does not exist.");
			}
		}
		Map<String, Set<String>> references = references();
		references.put(code, named);
		Deque<String> path = new ArrayDeque<>(named);
		Set<String> seen = new HashSet<>();
		while (!path.isEmpty()) {
			String next = path.pop();
			if (next.equals(code)) {
				throw RefusedRequest.badRequest("The rule leads back to this segment through the segments it names: a"
						+ " segment cannot depend on its own members.");
			}
			if (seen.add(next)) {
				path.addAll(references.getOrDefault(next, Set.of()));
			}
		}
	}

	/** The last size of each day, oldest first. */
	private static List<Map<String, Object>> daily(List<Map<String, Object>> hourly) {
		Map<String, Map<String, Object>> days = new LinkedHashMap<>();
		for (Map<String, Object> size : hourly) {
			days.put(((String) size.get("at")).substring(0, 10), size);
		}
		return new ArrayList<>(days.values());
	}

	// ---------------------------------------------------------------- helpers

	private Segment existing(String id) {
		Long segmentId = AdminApi.id(id);
		Segment segment = (segmentId != null) ? this.engine.find(segmentId) : null;
		if (segment == null) {
			throw notFound();
		}
		return segment;
	}

	private SegmentQuery compile(String rule, Instant now) {
		try {
			return this.engine.compile(rule, now);
		}
		catch (IllegalArgumentException ex) {
			throw RefusedRequest.badRequest(ex.getMessage());
		}
	}

	private static Map<String, Integer> checked(BuiltInSegment builtIn, Map<String, ?> settings) {
		try {
			return builtIn.validate(settings);
		}
		catch (IllegalArgumentException ex) {
			throw RefusedRequest.badRequest(ex.getMessage());
		}
	}

	/** Queues a rebuild; false when the scheduler is not running (the next scheduled rebuild will do it). */
	private boolean rebuildSoon(long id) {
		try {
			this.scheduler.rebuildSoon(id);
			return true;
		}
		catch (IllegalStateException ex) {
			logger.info("Remarketing could not queue a rebuild of segment {}: {}", id, ex.getMessage());
			return false;
		}
	}

	private String write(Map<String, Integer> settings) {
		try {
			return this.json.writeValueAsString(settings);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RefusedRequest codeTaken(String code) {
		return RefusedRequest.conflict("A segment with the code '" + code + "' exists already: choose another code.");
	}

	private static RefusedRequest notFound() {
		return new RefusedRequest(HttpStatus.NOT_FOUND, "No such segment.");
	}

	private static String iso(Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

}
