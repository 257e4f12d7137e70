package org.remarketing.web.tracking;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves {@code /remarketing/tracker.js} from the plugin's jar, whatever the host's static
 * locations. {@code ?v=<version>} with the current content hash ({@link #version()}) is cached
 * for a year (immutable); the bare URL, the one-line install, is cached for an hour so an
 * upgrade reaches browsers the same day. Both carry an ETag.
 */
@RestController
public class TrackerScriptController {

	public static final String PATH = "/remarketing/tracker.js";

	static final String LOCATION = "remarketing/web/tracking/tracker.js";

	static final Duration SHORT_CACHE = Duration.ofHours(1);

	static final Duration VERSIONED_CACHE = Duration.ofDays(365);

	private static final MediaType JAVASCRIPT = new MediaType("text", "javascript", StandardCharsets.UTF_8);

	private final byte[] script;

	private final String version;

	public TrackerScriptController() {
		try (InputStream in = TrackerScriptController.class.getClassLoader().getResourceAsStream(LOCATION)) {
			if (in == null) {
				throw new IllegalStateException(LOCATION + " is missing from the plugin's jar");
			}
			this.script = in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.version = hash(this.script);
	}

	/** The script's content hash, for {@code /remarketing/tracker.js?v=…}. */
	public String version() {
		return this.version;
	}

	/** {@code /remarketing/tracker.js?v=<hash>}, to be prefixed with the servlet context path. */
	public String versionedPath() {
		return PATH + "?v=" + this.version;
	}

	@GetMapping(PATH)
	ResponseEntity<byte[]> script(@RequestParam(name = "v", required = false) String requested,
			@RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
		String etag = "\"" + this.version + "\"";
		// CacheControl.immutable() is Spring 6 only
		String cache = this.version.equals(requested)
				? CacheControl.maxAge(VERSIONED_CACHE).cachePublic().getHeaderValue() + ", immutable"
				: CacheControl.maxAge(SHORT_CACHE).cachePublic().getHeaderValue();
		if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).header(HttpHeaders.CACHE_CONTROL, cache)
				.build();
		}
		return ResponseEntity.ok()
			.contentType(JAVASCRIPT)
			.eTag(etag)
			.header(HttpHeaders.CACHE_CONTROL, cache)
			.header("X-Content-Type-Options", "nosniff")
			.body(this.script);
	}

	private static String hash(byte[] content) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
			StringBuilder hex = new StringBuilder();
			for (int i = 0; i < 6; i++) {
				hex.append(String.format("%02x", digest[i]));
			}
			return hex.toString();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
