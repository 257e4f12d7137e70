package org.remarketing.core.tracking;

import org.remarketing.core.schema.TestDatabase;

/** H2 in MySQL mode, as stores often run it in development. */
class H2MySqlModeOutboxContractTests extends OutboxContractTests {

    @Override
    TestDatabase createDatabase() {
        return new TestDatabase.H2(";MODE=MySQL");
    }

}
