package org.remarketing.core.tracking;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Tag;
import org.remarketing.core.schema.TestDatabase;

/**
 * MariaDB 10.11 at 127.0.0.1:3306 (root, no password), the session in a time zone other than the
 * JVM's; run with {@code -Pmariadb}. Fails when the server is down.
 */
@Tag("mariadb")
class MariaDbOutboxContractTests extends OutboxContractTests {

    @Override
    TestDatabase createDatabase() {
        ZoneOffset jvm = ZoneId.systemDefault().getRules().getOffset(Instant.now());
        return TestDatabase.MariaDb.create(jvm.equals(ZoneOffset.ofHours(7)) ? "-05:00" : "+07:00");
    }

}
