package org.remarketing.core.schema;

/**
 * H2 in MySQL mode, as stores often run it in development.
 */
class H2MySqlModeSchemaContractTests extends SchemaContractTests {

	@Override
	TestDatabase createDatabase() {
		return new TestDatabase.H2(";MODE=MySQL");
	}

	@Override
	DatabaseVendor expectedVendor() {
		return DatabaseVendor.H2;
	}

}
