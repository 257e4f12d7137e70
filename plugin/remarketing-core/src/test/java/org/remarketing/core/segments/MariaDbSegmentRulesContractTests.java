package org.remarketing.core.segments;

import org.junit.jupiter.api.Tag;
import org.remarketing.core.contacts.ContactTestDatabase;

/**
 * MariaDB 10.11 at 127.0.0.1:3306, session at another time zone than the JVM.
 */
@Tag("mariadb")
class MariaDbSegmentRulesContractTests extends SegmentRulesContractTests {

	@Override
	ContactTestDatabase createDatabase() {
		return ContactTestDatabase.MariaDb.create();
	}

}
