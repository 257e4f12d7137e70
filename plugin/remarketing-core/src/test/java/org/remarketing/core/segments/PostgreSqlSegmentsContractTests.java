package org.remarketing.core.segments;

import org.junit.jupiter.api.Tag;
import org.remarketing.core.contacts.ContactTestDatabase;

/** PostgreSQL at 127.0.0.1:5432; run with {@code -Ppostgresql}. */
@Tag("postgresql")
class PostgreSqlSegmentsContractTests extends SegmentsContractTests {

	@Override
	ContactTestDatabase createDatabase() {
		return ContactTestDatabase.PostgreSql.create();
	}

}
