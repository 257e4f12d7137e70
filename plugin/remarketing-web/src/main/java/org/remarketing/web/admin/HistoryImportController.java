package org.remarketing.web.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import org.remarketing.core.shop.HistoryImport;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The import of the store's history, for administrators, under {@code /api/v1/private/}, the path
 * the store's admin JWT protects: {@code GET} its progress and last result, {@code POST} to run it
 * (again) in the background. JSON, {@code Cache-Control: no-store}.
 */
@RestController
public class HistoryImportController {

	static final String PATH = "/api/v1/private/remarketing/import";

	private final HistoryImport historyImport;

	public HistoryImportController(HistoryImport historyImport) {
		this.historyImport = historyImport;
	}

	@GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> status() {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(this.historyImport.status());
	}

	/**
	 * 202 with the status once a run is under way (it goes on from an unfinished run, or imports
	 * everything again: what was imported before is not applied twice); 409 while one runs.
	 */
	@PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> start() {
		if (!this.historyImport.start()) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("message", "The history import is already running; follow it with GET " + PATH + ".");
			body.put("import", this.historyImport.status());
			return ResponseEntity.status(HttpStatus.CONFLICT).cacheControl(CacheControl.noStore()).body(body);
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED).cacheControl(CacheControl.noStore())
			.body(this.historyImport.status());
	}

}
