package org.remarketing.core.journeys;

import org.junit.jupiter.api.Tag;
import org.remarketing.core.contacts.ContactTestDatabase;

/** MariaDB at 127.0.0.1:3306, session in another time zone than the JVM's. */
@Tag("mariadb")
class MariaDbJourneysReadContractTests extends JourneysReadContractTests {

	@Override
	ContactTestDatabase createDatabase() {
		return ContactTestDatabase.MariaDb.create();
	}

}
