package org.remarketing.web.contacts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.remarketing.core.contacts.ContactDetails;
import org.remarketing.core.contacts.ContactEraser;
import org.remarketing.core.contacts.ContactPage;
import org.remarketing.core.contacts.ContactSearch;
import org.remarketing.core.contacts.GdprExport;
import org.remarketing.web.admin.AdminApi;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Contacts for the admin screen, under {@code /api/v1/private/}, the path the store's admin JWT
 * protects. Every answer is JSON and {@code Cache-Control: no-store} (it is personal data); errors
 * are {@code {"message": "..."}} and never echo what was sent. A merged contact's id answers with
 * the surviving contact ({@code id} and {@code mergedFrom} in the body, {@code Content-Location}
 * pointing at it).
 */
@RestController
public class ContactsController {

	static final String PATH = "/api/v1/private/remarketing/contacts";

	static final String CONFIRM_ERASE = "erase";

	private static final int DEFAULT_SIZE = 20;

	private static final int DEFAULT_TIMELINE_SIZE = 50;

	private final ContactSearch search;

	private final ContactDetails details;

	private final GdprExport export;

	private final ContactEraser eraser;

	public ContactsController(ContactSearch search, ContactDetails details, GdprExport export, ContactEraser eraser) {
		this.search = search;
		this.details = details;
		this.export = export;
		this.eraser = eraser;
	}

	@GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> search(@RequestParam(name = "q", required = false) String q,
			@RequestParam(name = "page", required = false) String page,
			@RequestParam(name = "size", required = false) String size) {
		if (q != null && q.length() > ContactSearch.MAX_QUERY) {
			return AdminApi.error(HttpStatus.BAD_REQUEST, "q must be at most " + ContactSearch.MAX_QUERY + " characters.");
		}
		Integer pageNumber = AdminApi.number(page, 0, 0, Integer.MAX_VALUE / ContactSearch.MAX_SIZE);
		Integer pageSize = AdminApi.number(size, DEFAULT_SIZE, 1, ContactSearch.MAX_SIZE);
		if (pageNumber == null || pageSize == null) {
			return AdminApi.error(HttpStatus.BAD_REQUEST,
					"page must be a whole number from 0, size a whole number from 1 to " + ContactSearch.MAX_SIZE + ".");
		}
		ContactPage found = this.search.search(q, pageNumber, pageSize);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("items", found.getItems());
		body.put("page", found.getPage());
		body.put("size", found.getSize());
		body.put("total", found.getTotal());
		return AdminApi.ok(body);
	}

	@GetMapping(path = PATH + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> contact(@PathVariable("id") String id,
			@RequestParam(name = "timelinePage", required = false) String timelinePage,
			@RequestParam(name = "timelineSize", required = false) String timelineSize) {
		Long contactId = AdminApi.id(id);
		if (contactId == null) {
			return notFound();
		}
		Integer page = AdminApi.number(timelinePage, 0, 0, Integer.MAX_VALUE / ContactDetails.MAX_TIMELINE_SIZE);
		Integer size = AdminApi.number(timelineSize, DEFAULT_TIMELINE_SIZE, 1, ContactDetails.MAX_TIMELINE_SIZE);
		if (page == null || size == null) {
			return AdminApi.error(HttpStatus.BAD_REQUEST, "timelinePage must be a whole number from 0, timelineSize a whole"
					+ " number from 1 to " + ContactDetails.MAX_TIMELINE_SIZE + ".");
		}
		Optional<Map<String, Object>> found = this.details.find(contactId, page, size);
		if (!found.isPresent()) {
			return notFound();
		}
		Object survivor = found.get().get("id");
		ResponseEntity.BodyBuilder response = ResponseEntity.ok().cacheControl(CacheControl.noStore());
		if (!Long.valueOf(contactId).equals(survivor)) {
			response.header(HttpHeaders.CONTENT_LOCATION, PATH + "/" + survivor);
		}
		return response.body(found.get());
	}

	@GetMapping(path = PATH + "/{id}/export", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> export(@PathVariable("id") String id) {
		Long contactId = AdminApi.id(id);
		Optional<Map<String, Object>> exported = (contactId != null) ? this.export.export(contactId) : Optional.empty();
		if (!exported.isPresent()) {
			return notFound();
		}
		String filename = "contact-" + exported.get().get("contactId") + ".json";
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.body(exported.get());
	}

	/** Erases the person for good; {@code ?confirm=erase} is required so that no stray request does it. */
	@DeleteMapping(path = PATH + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> erase(@PathVariable("id") String id,
			@RequestParam(name = "confirm", required = false) String confirm) {
		Long contactId = AdminApi.id(id);
		if (contactId == null) {
			return notFound();
		}
		if (!CONFIRM_ERASE.equals(confirm)) {
			return AdminApi.error(HttpStatus.BAD_REQUEST, "Erasing a contact cannot be undone: add ?confirm=" + CONFIRM_ERASE
					+ " to the request to erase it.");
		}
		if (!this.eraser.erase(contactId)) {
			return notFound();
		}
		return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
	}

	private static ResponseEntity<Map<String, Object>> notFound() {
		return AdminApi.error(HttpStatus.NOT_FOUND, "No such contact.");
	}

}
