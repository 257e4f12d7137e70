package org.remarketing.core.tracking;

import org.remarketing.core.schema.TestDatabase;

class H2OutboxContractTests extends OutboxContractTests {

    @Override
    TestDatabase createDatabase() {
        return new TestDatabase.H2("");
    }

}
