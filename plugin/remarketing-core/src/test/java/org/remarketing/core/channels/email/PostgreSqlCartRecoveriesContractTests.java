package org.remarketing.core.channels.email;

import org.junit.jupiter.api.Tag;
import org.remarketing.core.contacts.ContactTestDatabase;

/** PostgreSQL at 127.0.0.1:5432; run with {@code -Dsurefire.groups=postgresql -Dsurefire.excludedGroups=}. */
@Tag("postgresql")
class PostgreSqlCartRecoveriesContractTests extends CartRecoveriesContractTests {

	@Override
	ContactTestDatabase createDatabase() {
		return ContactTestDatabase.PostgreSql.create();
	}

}
