package org.remarketing.web.admin;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.servlet.http.HttpServletRequest;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The entry of the plugin's admin screens and the little configuration they read. The screens
 * are static; their data comes from the admin REST API with the backoffice's token.
 */
@Controller
public class AdminScreenController {

	static final String ROOT = "/remarketing/admin";

	static final String LOCATION = "remarketing/web/admin/";

	// The page loads only its own files and calls only its own server. Inline styles are allowed for one
	// reason: a message's HTML, shown in a sandboxed srcdoc frame (which inherits this policy and runs no
	// script), is styled inline as emails are; the page itself inserts no markup from data, and img-src
	// keeps any url() of such a style from reaching another server.
	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self';"
			+ " style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none';"
			+ " form-action 'none'; frame-ancestors 'self'";

	private final Resource index = new ClassPathResource(LOCATION + "index.html", AdminScreenController.class.getClassLoader());

	private final String backofficeUrl;

	public AdminScreenController(String backofficeUrl) {
		this.backofficeUrl = backofficeUrl;
	}

	@GetMapping(ROOT)
	ResponseEntity<Void> redirectToIndex() {
		// Relative, so it keeps the servlet context path: /ctx/remarketing/admin → /ctx/remarketing/admin/
		return ResponseEntity.status(HttpStatus.FOUND).header("Location", "admin/").build();
	}

	@GetMapping(ROOT + "/")
	ResponseEntity<Resource> index() {
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noCache())
			.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
			.header("X-Content-Type-Options", "nosniff")
			.header("Referrer-Policy", "same-origin")
			.body(this.index);
	}

	/**
	 * The navigation entry that a backoffice shows for the plugin. Public, and readable from the
	 * backoffice's origin (shopizer-admin usually runs on another one).
	 */
	@GetMapping(path = ROOT + "/menu.json", produces = "application/json")
	@CrossOrigin(origins = "*", methods = RequestMethod.GET)
	@ResponseBody
	ResponseEntity<Map<String, String>> menu(HttpServletRequest request) {
		Map<String, String> entry = new LinkedHashMap<>();
		entry.put("label", "Remarketing");
		entry.put("href", request.getContextPath() + ROOT + "/");
		entry.put("icon", "email-outline");
		return ResponseEntity.ok().cacheControl(CacheControl.maxAge(5, TimeUnit.MINUTES)).body(entry);
	}

	@GetMapping(path = ROOT + "/config.json", produces = "application/json")
	@ResponseBody
	ResponseEntity<Map<String, String>> config() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noCache())
			.body(Map.of("backofficeUrl", this.backofficeUrl, "statusUrl", StatusController.PATH));
	}

}
