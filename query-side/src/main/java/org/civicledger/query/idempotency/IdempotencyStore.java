package org.civicledger.query.idempotency;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * The answers to API writes by idempotency key and actor, in table {@code idempotency_key}.
 *
 * <p>Each statement commits on its own: the record of a request must outlive the failure of the
 * command it guards, and a refusal must be kept even though the command's own transaction rolled back.
 */
@Repository
public class IdempotencyStore {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyStore.class);

    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String DONE = "DONE";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration lifetime;
    private final Duration inProgressLease;

    public IdempotencyStore(JdbcTemplate jdbc, ObjectProvider<Clock> clock,
                            @Value("${ledger.api.idempotency.lifetime:PT24H}") Duration lifetime,
                            @Value("${ledger.api.idempotency.in-progress-lease:PT2M}") Duration inProgressLease) {
        this.jdbc = jdbc;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.lifetime = lifetime;
        this.inProgressLease = inProgressLease;
    }

    /** What to do with a request that carries an idempotency key. */
    public sealed interface Claim {
    }

    /** First time for this key: the caller runs the request and then completes or abandons the claim. */
    public record Started() implements Claim {
    }

    /** The same request is running right now (a concurrent duplicate). */
    public record StillRunning() implements Claim {
    }

    /** The key was used for another request (another method, path or body). */
    public record KeyReused() implements Claim {
    }

    /** The same request was answered already: send that answer again. */
    public record Replay(StoredAnswer answer) implements Claim {
    }

    /** An answer as it was sent. */
    public record StoredAnswer(int statusCode, String contentType, String location, byte[] body) {
    }

    private record Row(String requestHash, String state, Integer statusCode, byte[] body, String contentType, String location,
                       Instant createdAt) {
    }

    /**
     * Claims a key for a request. A row older than the lifetime counts as gone; an IN_PROGRESS row
     * older than the lease belongs to a request whose node died, and is taken over.
     */
    public Claim claim(String key, String actorSubject, String requestHash) {
        // Two rounds at most: the second runs after a stale row was removed.
        for (int attempt = 0; attempt < 2; attempt++) {
            Instant now = clock.instant();
            try {
                jdbc.update("INSERT INTO idempotency_key (idempotency_key, actor_subject, request_hash, state, created_at)"
                        + " VALUES (?, ?, ?, ?, ?)", key, actorSubject, requestHash, IN_PROGRESS, Timestamp.from(now));
                return new Started();
            } catch (DuplicateKeyException taken) {
                Row row = find(key, actorSubject);
                if (row == null) {
                    continue; // Deleted between the insert and the read: try again.
                }
                boolean expired = row.createdAt().isBefore(now.minus(lifetime));
                boolean abandoned = IN_PROGRESS.equals(row.state()) && row.createdAt().isBefore(now.minus(inProgressLease));
                // The deletes repeat their condition, so that of two requests taking over the same row only one wins.
                if (expired) {
                    jdbc.update("DELETE FROM idempotency_key WHERE idempotency_key = ? AND actor_subject = ? AND created_at < ?",
                            key, actorSubject, Timestamp.from(now.minus(lifetime)));
                    continue;
                }
                if (abandoned) {
                    jdbc.update("DELETE FROM idempotency_key WHERE idempotency_key = ? AND actor_subject = ? AND state = ?"
                            + " AND created_at < ?", key, actorSubject, IN_PROGRESS, Timestamp.from(now.minus(inProgressLease)));
                    continue;
                }
                if (!row.requestHash().equals(requestHash)) {
                    return new KeyReused();
                }
                if (IN_PROGRESS.equals(row.state())) {
                    return new StillRunning();
                }
                return new Replay(new StoredAnswer(row.statusCode(), row.contentType(), row.location(), row.body()));
            }
        }
        return new StillRunning();
    }

    /** Stores the answer of a claimed request for replay. */
    public void complete(String key, String actorSubject, StoredAnswer answer) {
        jdbc.update("UPDATE idempotency_key SET state = ?, status_code = ?, response_body = ?, content_type = ?, location = ?,"
                        + " completed_at = ? WHERE idempotency_key = ? AND actor_subject = ?",
                DONE, answer.statusCode(), answer.body(), answer.contentType(), answer.location(),
                Timestamp.from(clock.instant()), key, actorSubject);
    }

    /** Forgets a claimed request whose failure was passing, so that the client may retry with the same key. */
    public void abandon(String key, String actorSubject) {
        jdbc.update("DELETE FROM idempotency_key WHERE idempotency_key = ? AND actor_subject = ? AND state = ?",
                key, actorSubject, IN_PROGRESS);
    }

    /** Deletes the records older than the lifetime; returns how many. Runs hourly where scheduling is enabled. */
    @Scheduled(fixedDelayString = "${ledger.api.idempotency.cleanup-interval:PT1H}",
            initialDelayString = "${ledger.api.idempotency.cleanup-interval:PT1H}")
    public int deleteExpired() {
        int deleted = jdbc.update("DELETE FROM idempotency_key WHERE created_at < ?", Timestamp.from(clock.instant().minus(lifetime)));
        if (deleted > 0) {
            LOG.info("Deleted {} expired idempotency records", deleted);
        }
        return deleted;
    }

    private Row find(String key, String actorSubject) {
        List<Row> rows = jdbc.query("SELECT request_hash, state, status_code, response_body, content_type, location, created_at"
                        + " FROM idempotency_key WHERE idempotency_key = ? AND actor_subject = ?",
                (result, index) -> new Row(result.getString(1), result.getString(2), (Integer) result.getObject(3),
                        result.getBytes(4), result.getString(5), result.getString(6), result.getTimestamp(7).toInstant()),
                key, actorSubject);
        return rows.isEmpty() ? null : rows.get(0);
    }
}
