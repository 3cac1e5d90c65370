package org.civicledger.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.civicledger.ops.support.MutableClock;
import org.civicledger.ops.support.PostgresTestDatabase;
import org.civicledger.query.idempotency.IdempotencyStore;
import org.civicledger.query.idempotency.IdempotencyStore.KeyReused;
import org.civicledger.query.idempotency.IdempotencyStore.Replay;
import org.civicledger.query.idempotency.IdempotencyStore.Started;
import org.civicledger.query.idempotency.IdempotencyStore.StillRunning;
import org.civicledger.query.idempotency.IdempotencyStore.StoredAnswer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The idempotency table (query-side's {@code V3_0__idempotency.sql}) on PostgreSQL: the script runs
 * there as on H2, a duplicate key is recognised, answers round-trip through BYTEA, old rows expire.
 */
class IdempotencyStoreOnPostgresTest {

    private static String schema;
    private static JdbcTemplate jdbc;
    private static final MutableClock CLOCK = MutableClock.at("2026-12-07T10:00:00");
    private static IdempotencyStore store;

    @BeforeAll
    static void migrate() {
        PostgresTestDatabase.requireOrSkip();
        schema = PostgresTestDatabase.createSchema("cl_idem");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(PostgresTestDatabase.urlFor(schema), PostgresTestDatabase.USER, "");
        Flyway.configure().dataSource(dataSource).schemas(schema).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("clock", CLOCK);
        store = new IdempotencyStore(jdbc, beans.getBeanProvider(Clock.class), Duration.ofHours(24), Duration.ofMinutes(2));
    }

    @AfterAll
    static void dropSchema() {
        if (schema != null) {
            PostgresTestDatabase.dropSchema(schema);
        }
    }

    @Test
    void a_key_is_claimed_once_answered_replayed_and_refused_for_another_request() {
        assertThat(store.claim("pg-1", "citizen-1", "hash-a")).isInstanceOf(Started.class);
        assertThat(store.claim("pg-1", "citizen-1", "hash-a")).isInstanceOf(StillRunning.class);
        store.complete("pg-1", "citizen-1", new StoredAnswer(201, "application/json", "/api/v1/cases/1",
                "{\"caseId\":\"1\"}".getBytes(StandardCharsets.UTF_8)));
        Replay replay = (Replay) store.claim("pg-1", "citizen-1", "hash-a");
        assertThat(replay.answer().statusCode()).isEqualTo(201);
        assertThat(new String(replay.answer().body(), StandardCharsets.UTF_8)).isEqualTo("{\"caseId\":\"1\"}");
        assertThat(store.claim("pg-1", "citizen-1", "hash-b")).isInstanceOf(KeyReused.class);
    }

    @Test
    void rows_older_than_their_lifetime_are_deleted() {
        store.claim("pg-old", "citizen-1", "hash-a");
        store.complete("pg-old", "citizen-1", new StoredAnswer(200, "application/json", null, new byte[0]));
        CLOCK.set("2026-12-08T11:00:00");
        assertThat(store.deleteExpired()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM idempotency_key WHERE idempotency_key = 'pg-old'", Integer.class))
                .isZero();
    }
}
