package org.civicledger.projections.support;

import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The global position of an event in the event store, as read models record it on their rows.
 *
 * <p>A pooled streaming processor hands every handler the token of the event it handles. Its
 * position is the event's global index, except for an event that fills a gap in the index: its
 * token reports the highest index already seen. Rows keep the position of the last event applied
 * to them as a watermark (the API waits on it for a write to show); tables keyed by position take
 * the event's own index from {@link #globalIndexOf}.
 */
public final class EventPositions {

    private EventPositions() {
    }

    /**
     * The event's own global index, read from the event table by its identifier.
     *
     * <p>Needed wherever the position is a key rather than a watermark: the token of an event that
     * fills a gap (committed after events with higher indexes were read) reports the highest index
     * seen so far, not the event's own, so two events can share a token position. Falls back to the
     * token where the event is not in the JDBC event table (another event store).
     */
    public static long globalIndexOf(JdbcTemplate jdbc, EventMessage<?> message, TrackingToken token) {
        List<Long> index = jdbc.queryForList("SELECT globalindex FROM domainevententry WHERE eventidentifier = ?", Long.class,
                message.getIdentifier());
        return index.isEmpty() ? of(token) : index.get(0);
    }

    /**
     * A watermark at or past the event the token points at; fails loudly when it has none. Good for
     * "has this row seen position N yet" (events of one aggregate arrive in order), not as a key.
     */
    public static long of(TrackingToken token) {
        if (token == null) {
            throw new IllegalStateException("read models run in streaming processors: a tracking token is required");
        }
        // A token without a position cannot order events; failing sends the event to the dead-letter queue.
        return token.position().orElseThrow(() -> new IllegalStateException(
                "tracking token " + token.getClass().getSimpleName() + " reports no position"));
    }
}
