package org.remarketing.core.segments;

import org.remarketing.core.contacts.ContactTestDatabase;

class H2MySqlModeSegmentsContractTests extends SegmentsContractTests {

	@Override
	ContactTestDatabase createDatabase() {
		return new ContactTestDatabase.H2(";MODE=MySQL");
	}

}
