package org.remarketing.samplestore.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Tag;

@Tag("mariadb")
class StoreOnMariaDbTests extends StoreOnDatabaseTests {

    @Override
    protected String profile() {
        return "mariadb";
    }

    @Override
    protected String adminUrl() {
        return "jdbc:mariadb://127.0.0.1:3306/";
    }

    @Override
    protected String adminUser() {
        return "root";
    }

    @Override
    protected void createDatabase(Connection admin) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute("create database " + database + " character set utf8mb4 collate utf8mb4_unicode_ci");
        }
    }

    @Override
    protected void dropDatabase(Connection admin) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute("drop database if exists " + database);
        }
    }
}
