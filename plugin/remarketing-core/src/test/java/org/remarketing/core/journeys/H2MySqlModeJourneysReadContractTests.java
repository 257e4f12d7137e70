package org.remarketing.core.journeys;

import org.remarketing.core.contacts.ContactTestDatabase;

/** H2 in MySQL mode, as stores often run it in development. */
class H2MySqlModeJourneysReadContractTests extends JourneysReadContractTests {

	@Override
	ContactTestDatabase createDatabase() {
		return new ContactTestDatabase.H2(";MODE=MySQL");
	}

}
