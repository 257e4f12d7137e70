package org.remarketing.core.contacts;

/**
 * H2 2.x (the default mode).
 */
class H2ContactsContractTests extends ContactsContractTests {

	@Override
	ContactTestDatabase createDatabase() {
		return new ContactTestDatabase.H2("");
	}

}
