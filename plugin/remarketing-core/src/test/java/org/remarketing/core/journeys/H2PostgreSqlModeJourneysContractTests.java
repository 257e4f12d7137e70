package org.remarketing.core.journeys;

import org.remarketing.core.contacts.ContactTestDatabase;

/**
 * H2 in PostgreSQL mode.
 */
class H2PostgreSqlModeJourneysContractTests extends JourneysContractTests {

	@Override
	ContactTestDatabase createDatabase() {
		return new ContactTestDatabase.H2(";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
	}

}
