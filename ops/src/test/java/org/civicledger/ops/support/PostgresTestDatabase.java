package org.civicledger.ops.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;

/**
 * The local PostgreSQL for integration tests: 127.0.0.1:5432, database {@code test}, trust auth.
 *
 * <p>Each test class gets a schema of its own, dropped afterwards, so runs never see each other's
 * events. Under {@code CI=true} PostgreSQL is required and its absence fails the build; elsewhere
 * the tests are skipped, and say so loudly.
 */
public final class PostgresTestDatabase {

    public static final String URL = System.getenv().getOrDefault("LEDGER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getenv().getOrDefault("LEDGER_TEST_PG_USER", "postgres");

    private PostgresTestDatabase() {
    }

    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips the calling test class (outside CI) when PostgreSQL cannot be reached. */
    public static void requireOrSkip() {
        try (Connection ignored = DriverManager.getConnection(URL, USER, "")) {
            // Reachable.
        } catch (SQLException e) {
            if (onCi()) {
                throw new IllegalStateException("CI=true but PostgreSQL is not reachable at " + URL + ": " + e.getMessage(), e);
            }
            String banner = "\n*** SKIPPED: PostgreSQL integration tests did not run: " + URL + " is not reachable ("
                    + e.getMessage() + "). They run, and must pass, under CI=true. ***\n";
            System.err.println(banner);
            Assumptions.abort(banner);
        }
    }

    /**
     * A new schema named {@code <prefix>_<pid>_<n>}. Schemas used by a Spring test context cannot be
     * dropped when the class ends (Spring keeps the context, its processors and scheduler running
     * until the JVM exits), so each new one first drops those left by test JVMs that are gone.
     */
    public static String createSchema(String prefix) {
        dropSchemasOfEndedRuns();
        String schema = prefix + "_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000;
        execute("CREATE SCHEMA " + schema);
        return schema;
    }

    private static void dropSchemasOfEndedRuns() {
        java.util.List<String> stale = new java.util.ArrayList<>();
        try (Connection connection = DriverManager.getConnection(URL, USER, "");
             Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery(
                     "SELECT nspname FROM pg_namespace WHERE nspname ~ '^cl_[a-z]+_[0-9]+_[0-9]+$'")) {
            while (rows.next()) {
                String name = rows.getString(1);
                String[] parts = name.split("_");
                long pid = Long.parseLong(parts[parts.length - 2]);
                if (ProcessHandle.of(pid).isEmpty()) {
                    stale.add(name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("listing test schemas failed: " + e.getMessage(), e);
        }
        stale.forEach(PostgresTestDatabase::dropSchema);
    }

    public static void dropSchema(String schema) {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /**
     * Points a Spring test context at a fresh schema of its own (or skips the class outside CI when
     * PostgreSQL is absent); returns the schema's name.
     */
    public static String useFreshSchema(org.springframework.test.context.DynamicPropertyRegistry registry, String prefix) {
        requireOrSkip();
        String schema = createSchema(prefix);
        registry.add("spring.datasource.url", () -> urlFor(schema));
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.flyway.schemas", () -> schema);
        return schema;
    }

    public static String urlFor(String schema) {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(URL, USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }
}
