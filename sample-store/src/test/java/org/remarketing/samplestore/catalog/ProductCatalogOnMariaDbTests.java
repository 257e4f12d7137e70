package org.remarketing.samplestore.catalog;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.remarketing.samplestore.bench.Databases;

/** The catalog on MariaDB (127.0.0.1:3306, root), in a fresh database dropped afterwards. */
@Tag("mariadb")
class ProductCatalogOnMariaDbTests extends ProductCatalogTests {

    private final String database = "rmk_catalog_" + Long.toHexString(System.nanoTime());

    @Override
    protected List<String> databaseArguments() throws SQLException {
        Databases.fresh(Databases.MARIADB, this.database);
        return List.of("--spring.profiles.active=mariadb", "--sample.db.name=" + this.database);
    }

    @Override
    protected void dropDatabase() {
        Databases.drop(Databases.MARIADB, this.database);
    }
}
