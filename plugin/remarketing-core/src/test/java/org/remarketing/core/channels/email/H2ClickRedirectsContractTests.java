package org.remarketing.core.channels.email;

import org.remarketing.core.contacts.ContactTestDatabase;

class H2ClickRedirectsContractTests extends ClickRedirectsContractTests {

	@Override
	ContactTestDatabase createDatabase() {
		return new ContactTestDatabase.H2("");
	}

}
