package org.remarketing.core.channels.email;

import org.junit.jupiter.api.Tag;
import org.remarketing.core.contacts.ContactTestDatabase;

/** MariaDB at 127.0.0.1:3306; run with {@code -Dsurefire.groups=mariadb -Dsurefire.excludedGroups=}. */
@Tag("mariadb")
class MariaDbUnsubscribesContractTests extends UnsubscribesContractTests {

	@Override
	ContactTestDatabase createDatabase() {
		return ContactTestDatabase.MariaDb.create();
	}

}
