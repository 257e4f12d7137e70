package org.remarketing.core.schema;

import org.junit.jupiter.api.Tag;

/**
 * PostgreSQL 15 at 127.0.0.1:5432 (user postgres, trust); run with {@code -Ppostgresql}.
 */
@Tag("postgresql")
class PostgreSqlSchemaContractTests extends SchemaContractTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.PostgreSql.create();
	}

	@Override
	DatabaseVendor expectedVendor() {
		return DatabaseVendor.POSTGRESQL;
	}

}
