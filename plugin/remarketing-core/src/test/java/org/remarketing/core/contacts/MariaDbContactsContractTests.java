package org.remarketing.core.contacts;

import org.junit.jupiter.api.Tag;

/**
 * MariaDB 10.11 at 127.0.0.1:3306, session at another time zone than the JVM; run with {@code -Pmariadb}.
 */
@Tag("mariadb")
class MariaDbContactsContractTests extends ContactsContractTests {

	@Override
	ContactTestDatabase createDatabase() {
		return ContactTestDatabase.MariaDb.create();
	}

}
