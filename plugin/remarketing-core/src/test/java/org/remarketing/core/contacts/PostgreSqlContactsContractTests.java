package org.remarketing.core.contacts;

import org.junit.jupiter.api.Tag;

/**
 * PostgreSQL 15 at 127.0.0.1:5432; run with {@code -Ppostgresql}.
 */
@Tag("postgresql")
class PostgreSqlContactsContractTests extends ContactsContractTests {

	@Override
	ContactTestDatabase createDatabase() {
		return ContactTestDatabase.PostgreSql.create();
	}

}
