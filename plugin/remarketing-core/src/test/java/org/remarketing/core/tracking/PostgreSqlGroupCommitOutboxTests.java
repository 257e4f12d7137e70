package org.remarketing.core.tracking;

import org.junit.jupiter.api.Tag;
import org.remarketing.core.schema.TestDatabase;

/** PostgreSQL 15 at 127.0.0.1:5432 (user postgres, trust); run with {@code -Ppostgresql}. Fails when the server is down. */
@Tag("postgresql")
class PostgreSqlGroupCommitOutboxTests extends GroupCommitOutboxTests {

    @Override
    TestDatabase createDatabase() {
        return TestDatabase.PostgreSql.create();
    }

}
