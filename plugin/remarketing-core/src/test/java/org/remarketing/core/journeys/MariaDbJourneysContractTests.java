package org.remarketing.core.journeys;

import org.remarketing.core.contacts.ContactTestDatabase;

import org.junit.jupiter.api.Tag;

/**
 * MariaDB 10.11 at 127.0.0.1:3306, session at another time zone than the JVM; run with {@code -Pmariadb}.
 */
@Tag("mariadb")
class MariaDbJourneysContractTests extends JourneysContractTests {

	@Override
	ContactTestDatabase createDatabase() {
		return ContactTestDatabase.MariaDb.create();
	}

}
