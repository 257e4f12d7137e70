package org.remarketing.core.schema;

class H2SchemaContractTests extends SchemaContractTests {

	@Override
	TestDatabase createDatabase() {
		return new TestDatabase.H2("");
	}

	@Override
	DatabaseVendor expectedVendor() {
		return DatabaseVendor.H2;
	}

}
