package org.remarketing.core.journeys;

import org.remarketing.core.contacts.ContactTestDatabase;

/** H2 2.x (the default mode). */
class H2TwoSchedulersContractTests extends TwoSchedulersContractTests {

	@Override
	ContactTestDatabase createDatabase() {
		return new ContactTestDatabase.H2("");
	}

}
