package org.remarketing.web.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import org.remarketing.core.system.StatusContributor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The plugin's status for the admin screen. Under {@code /api/v1/private/}, the path that the
 * store's admin JWT already protects.
 */
@RestController
public class StatusController {

	static final String PATH = "/api/v1/private/remarketing/status";

	private final ObjectProvider<StatusContributor> contributors;

	public StatusController(ObjectProvider<StatusContributor> contributors) {
		this.contributors = contributors;
	}

	@GetMapping(path = PATH, produces = "application/json")
	ResponseEntity<Map<String, Object>> status() {
		Map<String, Object> status = new LinkedHashMap<>();
		this.contributors.orderedStream().forEach((contributor) -> contributor.contribute(status));
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(status);
	}

}
