package org.remarketing.core.schema;

/**
 * H2 in PostgreSQL mode with lower-case names, the other common development setup.
 */
class H2PostgreSqlModeSchemaContractTests extends SchemaContractTests {

	@Override
	TestDatabase createDatabase() {
		return new TestDatabase.H2(";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
	}

	@Override
	DatabaseVendor expectedVendor() {
		return DatabaseVendor.H2;
	}

}
