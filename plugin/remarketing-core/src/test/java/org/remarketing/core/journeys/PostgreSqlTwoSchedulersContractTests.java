package org.remarketing.core.journeys;

import org.junit.jupiter.api.Tag;
import org.remarketing.core.contacts.ContactTestDatabase;

/** PostgreSQL 15 at 127.0.0.1:5432. */
@Tag("postgresql")
class PostgreSqlTwoSchedulersContractTests extends TwoSchedulersContractTests {

	@Override
	ContactTestDatabase createDatabase() {
		return ContactTestDatabase.PostgreSql.create();
	}

}
