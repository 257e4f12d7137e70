package org.remarketing.samplestore.catalog;

import java.util.List;

/** The catalog on the store's default database: H2 in MySQL mode, in memory here. */
class ProductCatalogOnH2Tests extends ProductCatalogTests {

    @Override
    protected List<String> databaseArguments() {
        return List.of("--spring.datasource.url=jdbc:h2:mem:catalog-" + Long.toHexString(System.nanoTime())
                + ";MODE=MySQL;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1");
    }
}
