package org.remarketing.core.contacts;

/**
 * H2 in MySQL mode, as stores often run it in development.
 */
class H2MySqlModeContactsContractTests extends ContactsContractTests {

	@Override
	ContactTestDatabase createDatabase() {
		return new ContactTestDatabase.H2(";MODE=MySQL");
	}

}
