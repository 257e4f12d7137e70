package org.remarketing.core.contacts;

import java.util.Set;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * A feature that keeps rows about contacts (messages sent, journey runs...) and erases them with
 * the contact. Called inside the erasure's transaction; beans of this type are picked up by
 * {@link ContactEraser}.
 */
@FunctionalInterface
public interface ContactErasureParticipant {

	/**
	 * @param contactIds the erased contact and every contact merged into it
	 */
	void erase(JdbcOperations jdbc, Set<Long> contactIds);

}
