package org.remarketing.core.tracking;

import org.junit.jupiter.api.Tag;
import org.remarketing.core.schema.TestDatabase;

/** MariaDB 10.11 at 127.0.0.1:3306 (root, no password); run with {@code -Pmariadb}. Fails when the server is down. */
@Tag("mariadb")
class MariaDbGroupCommitOutboxTests extends GroupCommitOutboxTests {

    @Override
    TestDatabase createDatabase() {
        return TestDatabase.MariaDb.create("+00:00");
    }

}
