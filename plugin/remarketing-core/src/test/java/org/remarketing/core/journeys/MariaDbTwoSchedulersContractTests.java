package org.remarketing.core.journeys;

import org.junit.jupiter.api.Tag;
import org.remarketing.core.contacts.ContactTestDatabase;

/** MariaDB 10.11 at 127.0.0.1:3306. */
@Tag("mariadb")
class MariaDbTwoSchedulersContractTests extends TwoSchedulersContractTests {

	@Override
	ContactTestDatabase createDatabase() {
		return ContactTestDatabase.MariaDb.create();
	}

}
