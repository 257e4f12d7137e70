package org.remarketing.core.segments;

import org.remarketing.core.contacts.ContactTestDatabase;

/**
 * H2 in PostgreSQL mode.
 */
class H2PostgreSqlModeSegmentRulesContractTests extends SegmentRulesContractTests {

	@Override
	ContactTestDatabase createDatabase() {
		return new ContactTestDatabase.H2(";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
	}

}
