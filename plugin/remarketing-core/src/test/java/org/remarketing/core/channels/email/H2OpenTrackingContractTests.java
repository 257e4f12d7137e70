package org.remarketing.core.channels.email;

import org.remarketing.core.contacts.ContactTestDatabase;

class H2OpenTrackingContractTests extends OpenTrackingContractTests {

	@Override
	ContactTestDatabase createDatabase() {
		return new ContactTestDatabase.H2("");
	}

}
