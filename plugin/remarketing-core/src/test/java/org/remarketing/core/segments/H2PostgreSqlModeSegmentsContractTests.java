package org.remarketing.core.segments;

import org.remarketing.core.contacts.ContactTestDatabase;

class H2PostgreSqlModeSegmentsContractTests extends SegmentsContractTests {

	@Override
	ContactTestDatabase createDatabase() {
		return new ContactTestDatabase.H2(";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
	}

}
