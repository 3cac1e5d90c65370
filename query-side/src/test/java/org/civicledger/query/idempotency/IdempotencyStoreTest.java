package org.civicledger.query.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.civicledger.query.idempotency.IdempotencyStore.KeyReused;
import org.civicledger.query.idempotency.IdempotencyStore.Replay;
import org.civicledger.query.idempotency.IdempotencyStore.Started;
import org.civicledger.query.idempotency.IdempotencyStore.StillRunning;
import org.civicledger.query.idempotency.IdempotencyStore.StoredAnswer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The idempotency records on H2 in PostgreSQL mode, with the schema of Flyway's V3_0 script. */
class IdempotencyStoreTest {

    static final Duration LIFETIME = Duration.ofHours(24);
    static final Duration LEASE = Duration.ofMinutes(2);

    final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T01:00:00Z"));
    JdbcTemplate jdbc;
    IdempotencyStore store;

    @BeforeEach
    void migrate() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("clock", clock);
        store = new IdempotencyStore(jdbc, beans.getBeanProvider(Clock.class), LIFETIME, LEASE);
    }

    static StoredAnswer created(String body) {
        return new StoredAnswer(201, "application/json", "/api/v1/cases/1", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void the_first_request_with_a_key_starts() {
        assertThat(store.claim("k1", "citizen-1", "hash-a")).isInstanceOf(Started.class);
    }

    @Test
    void a_duplicate_while_the_first_runs_is_still_running() {
        store.claim("k1", "citizen-1", "hash-a");
        assertThat(store.claim("k1", "citizen-1", "hash-a")).isInstanceOf(StillRunning.class);
    }

    @Test
    void a_completed_request_is_replayed_with_its_status_type_location_and_body() {
        store.claim("k1", "citizen-1", "hash-a");
        store.complete("k1", "citizen-1", created("{\"caseId\":\"1\"}"));
        Replay replay = (Replay) store.claim("k1", "citizen-1", "hash-a");
        assertThat(replay.answer().statusCode()).isEqualTo(201);
        assertThat(replay.answer().contentType()).isEqualTo("application/json");
        assertThat(replay.answer().location()).isEqualTo("/api/v1/cases/1");
        assertThat(new String(replay.answer().body(), StandardCharsets.UTF_8)).isEqualTo("{\"caseId\":\"1\"}");
    }

    @Test
    void the_same_key_for_another_request_is_reuse_whether_running_or_done() {
        store.claim("k1", "citizen-1", "hash-a");
        assertThat(store.claim("k1", "citizen-1", "hash-b")).isInstanceOf(KeyReused.class);
        store.complete("k1", "citizen-1", created("{}"));
        assertThat(store.claim("k1", "citizen-1", "hash-b")).isInstanceOf(KeyReused.class);
    }

    @Test
    void keys_of_different_actors_do_not_meet() {
        store.claim("k1", "citizen-1", "hash-a");
        assertThat(store.claim("k1", "citizen-2", "hash-b")).isInstanceOf(Started.class);
    }

    @Test
    void an_abandoned_claim_may_be_retried() {
        store.claim("k1", "citizen-1", "hash-a");
        store.abandon("k1", "citizen-1");
        assertThat(store.claim("k1", "citizen-1", "hash-a")).isInstanceOf(Started.class);
    }

    @Test
    void abandoning_never_removes_a_stored_answer() {
        store.claim("k1", "citizen-1", "hash-a");
        store.complete("k1", "citizen-1", created("{}"));
        store.abandon("k1", "citizen-1");
        assertThat(store.claim("k1", "citizen-1", "hash-a")).isInstanceOf(Replay.class);
    }

    @Test
    void a_claim_left_running_past_its_lease_is_taken_over() {
        store.claim("k1", "citizen-1", "hash-a");
        clock.advance(LEASE.plusSeconds(1));
        assertThat(store.claim("k1", "citizen-1", "hash-a")).isInstanceOf(Started.class);
    }

    @Test
    void a_record_past_its_lifetime_counts_as_gone_and_is_cleaned_up() {
        store.claim("k1", "citizen-1", "hash-a");
        store.complete("k1", "citizen-1", created("{}"));
        store.claim("k2", "citizen-1", "hash-a");
        store.complete("k2", "citizen-1", created("{}"));
        clock.advance(LIFETIME.plusSeconds(1));
        assertThat(store.claim("k1", "citizen-1", "hash-b")).isInstanceOf(Started.class);
        assertThat(store.deleteExpired()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM idempotency_key", Integer.class)).isEqualTo(1);
    }

    /** A clock the test moves forward by hand. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
