package org.remarketing.core.journeys;

import org.remarketing.core.contacts.ContactTestDatabase;

import org.junit.jupiter.api.Tag;

/**
 * PostgreSQL 15 at 127.0.0.1:5432; run with {@code -Ppostgresql}.
 */
@Tag("postgresql")
class PostgreSqlJourneysContractTests extends JourneysContractTests {

	@Override
	ContactTestDatabase createDatabase() {
		return ContactTestDatabase.PostgreSql.create();
	}

}
