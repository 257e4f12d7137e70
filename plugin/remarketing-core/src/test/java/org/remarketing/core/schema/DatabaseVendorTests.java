package org.remarketing.core.schema;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DatabaseVendorTests {

	@Test
	void mariaDbAndMySqlShareTheMySqlScripts() {
		assertThat(DatabaseVendor.fromProductName("MariaDB")).isEqualTo(DatabaseVendor.MYSQL);
		assertThat(DatabaseVendor.fromProductName("MySQL")).isEqualTo(DatabaseVendor.MYSQL);
	}

	@Test
	void unsupportedDatabaseFailsWithWhatIsSupported() {
		assertThatIllegalStateException().isThrownBy(() -> DatabaseVendor.fromProductName("Oracle"))
			.withMessageContaining("supports H2, MySQL, MariaDB and PostgreSQL")
			.withMessageContaining("'Oracle'")
			.withMessageContaining("remarketing.enabled=false");
	}

}
