package org.remarketing.core.journeys;

import java.util.Set;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * An erased contact's journey runs, messages (addresses and rendered content), their links and
 * events, and suppression rows go with them; the scheduler's tasks for those messages find nothing
 * and end. (The erasure's keyed hashes keep the person from being collected again.)
 */
public class JourneyErasure implements org.remarketing.core.contacts.ContactErasureParticipant {

	@Override
	public void erase(JdbcOperations jdbc, Set<Long> contactIds) {
		for (long contactId : contactIds) {
			jdbc.update("DELETE FROM rmk_message_link WHERE message_id IN (SELECT id FROM rmk_message WHERE contact_id = ?)", contactId);
			jdbc.update("DELETE FROM rmk_message_event WHERE message_id IN (SELECT id FROM rmk_message WHERE contact_id = ?)", contactId);
			jdbc.update("DELETE FROM rmk_message WHERE contact_id = ?", contactId);
			jdbc.update("DELETE FROM rmk_journey_run WHERE contact_id = ?", contactId);
			jdbc.update("DELETE FROM rmk_suppression WHERE contact_id = ?", contactId);
		}
	}

}
