package org.remarketing.core.contacts;

/**
 * H2 in PostgreSQL mode.
 */
class H2PostgreSqlModeContactsContractTests extends ContactsContractTests {

	@Override
	ContactTestDatabase createDatabase() {
		return new ContactTestDatabase.H2(";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
	}

}
