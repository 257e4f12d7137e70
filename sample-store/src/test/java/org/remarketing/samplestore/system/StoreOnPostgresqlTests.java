package org.remarketing.samplestore.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Tag;

@Tag("postgresql")
class StoreOnPostgresqlTests extends StoreOnDatabaseTests {

    @Override
    protected String profile() {
        return "postgresql";
    }

    @Override
    protected String adminUrl() {
        return "jdbc:postgresql://127.0.0.1:5432/postgres";
    }

    @Override
    protected String adminUser() {
        return "postgres";
    }

    @Override
    protected void createDatabase(Connection admin) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute("create database " + database + " encoding 'UTF8' template template0");
        }
    }

    @Override
    protected void dropDatabase(Connection admin) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
        }
    }
}
