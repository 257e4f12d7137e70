package org.remarketing.core.contacts;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcOperations;

/** Where a merged contact's id leads: what every feature that kept a contact id asks before using it. */
public final class Merges {

	private static final int MAX_HOPS = 32;

	private Merges() {
	}

	/**
	 * The contact a (possibly merged) id leads to today, or empty if there is none (never existed,
	 * erased, or a chain of merges too long to be real).
	 */
	public static Optional<Long> survivorOf(JdbcOperations jdbc, long id) {
		long current = id;
		for (int hop = 0; hop < MAX_HOPS; hop++) {
			List<Long> mergedInto = jdbc.query("SELECT merged_into FROM rmk_contact WHERE id = ?", (rs, n) -> {
				long into = rs.getLong(1);
				return rs.wasNull() ? null : into;
			}, current);
			if (mergedInto.isEmpty()) {
				return Optional.empty();
			}
			if (mergedInto.get(0) == null) {
				return Optional.of(current);
			}
			current = mergedInto.get(0);
		}
		return Optional.empty();
	}

}
