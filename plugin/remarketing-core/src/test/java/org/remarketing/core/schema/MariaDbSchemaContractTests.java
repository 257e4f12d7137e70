package org.remarketing.core.schema;

import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Tag;

/**
 * MariaDB 10.11 at 127.0.0.1:3306 (root, no password); run with {@code -Pmariadb}.
 */
@Tag("mariadb")
class MariaDbSchemaContractTests extends SchemaContractTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.MariaDb.create(sessionTimeZoneOtherThanTheJvms());
	}

	@Override
	DatabaseVendor expectedVendor() {
		return DatabaseVendor.MYSQL;
	}

	private static String sessionTimeZoneOtherThanTheJvms() {
		ZoneOffset jvm = ZoneId.systemDefault().getRules().getOffset(java.time.Instant.now());
		return jvm.equals(ZoneOffset.ofHours(7)) ? "-05:00" : "+07:00";
	}

}
