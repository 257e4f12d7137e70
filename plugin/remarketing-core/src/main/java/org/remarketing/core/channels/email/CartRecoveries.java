package org.remarketing.core.channels.email;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.remarketing.core.channels.email.LinkTokens.Purpose;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Checks a cart recovery link and finds the cart it brings back. The token must be a RECOVERY
 * token signed with this install's secret, unaltered, and not past the expiry it carries (read
 * against the injected clock); the message and its journey run must still exist. A valid link
 * records a {@code RECOVERY} event on the message.
 */
public final class CartRecoveries {

	static final String EVENT = "RECOVERY";

	/** Most lines read from a run's products: a cart is small; a huge stored array is not restored whole. */
	static final int MAX_LINES = 100;

	/** Most units of one product restored. */
	static final int MAX_QUANTITY = 99;

	private static final ObjectMapper JSON = new ObjectMapper();

	private final JdbcTemplate jdbc;

	private final LinkTokens tokens;

	private final MessageRecords messages;

	private final Clock clock;

	public CartRecoveries(DataSource dataSource, LinkTokens tokens, Clock clock) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.tokens = tokens;
		this.messages = new MessageRecords(this.jdbc);
		this.clock = clock;
	}

	/** What a recovery link leads to, recording a {@code RECOVERY} event when it is valid. */
	public Recovery recover(String token) {
		Recovery recovery = check(token);
		recovery.target().ifPresent((target) -> this.messages.event(target.messageId(), EVENT, null, this.clock.instant()));
		return recovery;
	}

	/** What a recovery link leads to, recording nothing (HEAD requests, link checkers). */
	public Recovery check(String token) {
		Optional<String> payload = this.tokens.verify(Purpose.RECOVERY, token);
		if (payload.isEmpty()) {
			return Recovery.of(Recovery.Status.INVALID);
		}
		String[] parts = payload.get().split(":", -1);
		if (parts.length != 2 || !digits(parts[0], 18) || !digits(parts[1], 12)) {
			return Recovery.of(Recovery.Status.INVALID);
		}
		long messageId = Long.parseLong(parts[0]);
		Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[1]));
		Instant now = this.clock.instant();
		if (!now.isBefore(expires)) {
			return Recovery.of(Recovery.Status.EXPIRED);
		}
		List<RecoveryTarget> found = this.jdbc.query("SELECT m.id AS message_id, r.id AS run_id, r.contact_id,"
				+ " r.cart_code, r.products_json FROM rmk_message m JOIN rmk_journey_run r ON r.id = m.run_id WHERE m.id = ?",
				(rs, n) -> {
					String products = rs.getString("products_json");
					return new RecoveryTarget(rs.getLong("message_id"), rs.getLong("run_id"), rs.getLong("contact_id"),
							rs.getString("cart_code"), products, lines(products));
				}, messageId);
		if (found.isEmpty()) {
			return Recovery.of(Recovery.Status.UNKNOWN);
		}
		return new Recovery(Recovery.Status.VALID, found.get(0));
	}

	/** {@code [{"productId": 12, "sku": "A-1", "quantity": 2}, ...]}; anything else reads as no lines. */
	static List<RecoveryLine> lines(String productsJson) {
		List<RecoveryLine> lines = new ArrayList<>();
		if (productsJson == null || productsJson.isBlank()) {
			return lines;
		}
		JsonNode array;
		try {
			array = JSON.readTree(productsJson);
		}
		catch (IOException ex) {
			return lines;
		}
		if (array == null || !array.isArray()) {
			return lines;
		}
		for (JsonNode item : array) {
			if (lines.size() == MAX_LINES) {
				break;
			}
			if (!item.isObject()) {
				continue;
			}
			JsonNode id = item.get("productId");
			JsonNode sku = item.get("sku");
			Long productId = (id != null && id.canConvertToLong() && id.asLong() > 0) ? id.asLong() : null;
			String skuText = (sku != null && sku.isTextual() && !sku.asText().isBlank() && sku.asText().length() <= 100)
					? sku.asText() : null;
			if (productId == null && skuText == null) {
				continue;
			}
			JsonNode quantity = item.get("quantity");
			int units = (quantity != null && quantity.canConvertToInt()) ? quantity.asInt() : 1;
			lines.add(new RecoveryLine(productId, skuText, Math.max(1, Math.min(MAX_QUANTITY, units))));
		}
		return lines;
	}

	private static boolean digits(String value, int max) {
		if (value.isEmpty() || value.length() > max) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			if (value.charAt(i) < '0' || value.charAt(i) > '9') {
				return false;
			}
		}
		return true;
	}

}
