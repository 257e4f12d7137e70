package org.remarketing.samplestore.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Databases of the benchmarks and of tests on this machine's servers (127.0.0.1 only), dropped and created fresh. */
public final class Databases {

    public static final String MARIADB = "mariadb";

    public static final String POSTGRESQL = "postgresql";

    private Databases() {
    }

    /** Drops and creates the database; returns its JDBC URL. */
    public static String fresh(String vendor, String name) throws SQLException {
        if (!name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException(name);
        }
        try (Connection admin = admin(vendor); Statement statement = admin.createStatement()) {
            if (MARIADB.equals(vendor)) {
                statement.execute("DROP DATABASE IF EXISTS " + name);
                statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
            }
            else {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                statement.execute("CREATE DATABASE " + name);
            }
        }
        return url(vendor, name);
    }

    public static void drop(String vendor, String name) {
        try (Connection admin = admin(vendor); Statement statement = admin.createStatement()) {
            statement.execute(MARIADB.equals(vendor) ? "DROP DATABASE IF EXISTS " + name
                    : "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
        catch (SQLException ex) {
            System.out.println("Could not drop " + vendor + " database " + name + ": " + ex.getMessage());
        }
    }

    static String url(String vendor, String name) {
        return MARIADB.equals(vendor) ? "jdbc:mariadb://127.0.0.1:3306/" + name
                : "jdbc:postgresql://127.0.0.1:5432/" + name;
    }

    static Connection connect(String vendor, String name) throws SQLException {
        return MARIADB.equals(vendor) ? DriverManager.getConnection(url(vendor, name), "root", "")
                : DriverManager.getConnection(url(vendor, name), "postgres", "");
    }

    private static Connection admin(String vendor) throws SQLException {
        return MARIADB.equals(vendor) ? DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "")
                : DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
    }

    /** The store's arguments for this database (its profile and name). */
    static String[] storeArgs(String vendor, String name) {
        return new String[] { "--spring.profiles.active=" + vendor, "--sample.db.name=" + name };
    }

    static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); java.sql.ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

}
