package org.mashhub.hub.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The real PostgreSQL the tests use (127.0.0.1:5432 unless {@code HUB_TEST_POSTGRES_HOST}/_PORT/_USER say
 * otherwise). Each test context gets a schema of its own in the {@value #DATABASE} database, so tests
 * never see each other's rows.
 */
public final class TestDatabases {

    public static final String DATABASE = "mash_hub_test";

    private TestDatabases() {
    }

    public static String host() {
        return System.getenv().getOrDefault("HUB_TEST_POSTGRES_HOST", "127.0.0.1");
    }

    public static String port() {
        return System.getenv().getOrDefault("HUB_TEST_POSTGRES_PORT", "5432");
    }

    public static String user() {
        return System.getenv().getOrDefault("HUB_TEST_POSTGRES_USER", "postgres");
    }

    public static String password() {
        return System.getenv().getOrDefault("HUB_TEST_POSTGRES_PASSWORD", "");
    }

    /** A JDBC URL for a new, empty schema in the test database (creating the database if need be). */
    public static String freshPostgresSchemaUrl() {
        ensureDatabase();
        String schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        execute(databaseUrl(DATABASE), "create schema " + schema);
        return databaseUrl(DATABASE) + "?currentSchema=" + schema;
    }

    public static String postgresUrl(String hostAndPort) {
        return "jdbc:postgresql://" + hostAndPort + "/" + DATABASE;
    }

    private static String databaseUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    private static synchronized void ensureDatabase() {
        try (Connection c = DriverManager.getConnection(databaseUrl("postgres"), user(), password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
            if (!rs.next()) {
                s.execute("create database " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not answering on " + host() + ":" + port()
                    + " (start it: pg_ctlcluster 15 main start, or run .ci/run)", e);
        }
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, user(), password()); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
