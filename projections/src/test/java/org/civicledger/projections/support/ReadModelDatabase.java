package org.civicledger.projections.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A fresh database with the read models' schema, migrated by Flyway from {@code classpath:db/migration}
 * (only this module's V2 scripts are on the test class path: the read models need no event store table).
 */
public final class ReadModelDatabase {

    /** PostgreSQL as the machines of this project run it: local, trusted, database "test". */
    public static final String POSTGRES_URL = System.getProperty("civicledger.test.postgres-url",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private ReadModelDatabase() {
    }

    /** An H2 in-memory database in PostgreSQL mode, the embedded default's dialect, private to the caller. */
    public static JdbcTemplate h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        return migrated(dataSource);
    }

    /**
     * True when a PostgreSQL server answers at {@link #POSTGRES_URL}. Under CI ({@code CI=true}), where
     * .ci/run starts one, an unreachable server is a failure, not a reason to skip.
     */
    public static boolean postgresReachable() {
        try (Connection ignored = DriverManager.getConnection(POSTGRES_URL)) {
            return true;
        } catch (SQLException unreachable) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but PostgreSQL is not reachable at " + POSTGRES_URL, unreachable);
            }
            System.out.println("PostgreSQL not reachable at " + POSTGRES_URL + " (" + unreachable.getMessage() + "): skipping");
            return false;
        }
    }

    /** A new schema of its own in the PostgreSQL database, so that concurrent test runs do not meet. */
    public static JdbcTemplate postgres(String schema) {
        try (Connection connection = DriverManager.getConnection(POSTGRES_URL); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException failed) {
            throw new IllegalStateException("cannot create schema " + schema, failed);
        }
        String separator = POSTGRES_URL.contains("?") ? "&" : "?";
        // One connection for the whole test: opening one per statement costs more than the statements.
        return migrated(new SingleConnectionDataSource(POSTGRES_URL + separator + "currentSchema=" + schema, true));
    }

    public static void dropPostgres(String schema) {
        try (Connection connection = DriverManager.getConnection(POSTGRES_URL); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException failed) {
            throw new IllegalStateException("cannot drop schema " + schema, failed);
        }
    }

    private static JdbcTemplate migrated(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return new JdbcTemplate(dataSource);
    }
}
