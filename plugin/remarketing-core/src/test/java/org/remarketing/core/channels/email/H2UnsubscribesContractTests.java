package org.remarketing.core.channels.email;

import org.remarketing.core.contacts.ContactTestDatabase;

class H2UnsubscribesContractTests extends UnsubscribesContractTests {

	@Override
	ContactTestDatabase createDatabase() {
		return new ContactTestDatabase.H2("");
	}

}
