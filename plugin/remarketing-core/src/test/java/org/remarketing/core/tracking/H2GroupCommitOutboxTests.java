package org.remarketing.core.tracking;

import org.remarketing.core.schema.TestDatabase;

class H2GroupCommitOutboxTests extends GroupCommitOutboxTests {

    @Override
    TestDatabase createDatabase() {
        return new TestDatabase.H2("");
    }

}
