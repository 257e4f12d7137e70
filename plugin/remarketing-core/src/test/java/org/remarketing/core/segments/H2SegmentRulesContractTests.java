package org.remarketing.core.segments;

import org.remarketing.core.contacts.ContactTestDatabase;

/**
 * H2 2.x (the default mode).
 */
class H2SegmentRulesContractTests extends SegmentRulesContractTests {

	@Override
	ContactTestDatabase createDatabase() {
		return new ContactTestDatabase.H2("");
	}

}
