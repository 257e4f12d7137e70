package org.remarketing.core.segments;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.remarketing.core.contacts.ContactErasureParticipant;

import org.springframework.jdbc.core.JdbcOperations;

/** An erased contact leaves every segment and its entry/exit history, with no exit recorded for it. */
public class SegmentErasure implements ContactErasureParticipant {

	@Override
	public void erase(JdbcOperations jdbc, Set<Long> contactIds) {
		List<Long> ids = new ArrayList<>(contactIds);
		for (List<Long> part : SegmentEngine.parts(ids)) {
			String marks = SegmentEngine.marks(part.size());
			Object[] args = part.toArray();
			jdbc.query("SELECT segment_id, COUNT(*) FROM rmk_segment_member WHERE contact_id IN (" + marks
					+ ") GROUP BY segment_id", (rs) -> {
						jdbc.update("UPDATE rmk_segment SET member_count = member_count - ? WHERE id = ?", rs.getLong(2),
								rs.getLong(1));
					}, args);
			jdbc.update("DELETE FROM rmk_segment_member WHERE contact_id IN (" + marks + ")", args);
			jdbc.update("DELETE FROM rmk_segment_change WHERE contact_id IN (" + marks + ")", args);
		}
	}

}
