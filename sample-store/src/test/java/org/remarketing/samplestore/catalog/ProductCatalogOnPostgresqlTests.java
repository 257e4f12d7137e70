package org.remarketing.samplestore.catalog;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.remarketing.samplestore.bench.Databases;

/** The catalog on PostgreSQL (127.0.0.1:5432, postgres), in a fresh database dropped afterwards. */
@Tag("postgresql")
class ProductCatalogOnPostgresqlTests extends ProductCatalogTests {

    private final String database = "rmk_catalog_" + Long.toHexString(System.nanoTime());

    @Override
    protected List<String> databaseArguments() throws SQLException {
        Databases.fresh(Databases.POSTGRESQL, this.database);
        return List.of("--spring.profiles.active=postgresql", "--sample.db.name=" + this.database);
    }

    @Override
    protected void dropDatabase() {
        Databases.drop(Databases.POSTGRESQL, this.database);
    }
}
