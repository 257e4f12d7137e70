package org.remarketing.core.segments;

import org.junit.jupiter.api.Tag;
import org.remarketing.core.contacts.ContactTestDatabase;

/** MariaDB at 127.0.0.1:3306; run with {@code -Pmariadb}. */
@Tag("mariadb")
class MariaDbSegmentsContractTests extends SegmentsContractTests {

	@Override
	ContactTestDatabase createDatabase() {
		return ContactTestDatabase.MariaDb.create();
	}

}
