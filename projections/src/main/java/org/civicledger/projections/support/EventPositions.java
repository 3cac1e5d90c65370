package org.civicledger.projections.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
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
     *
     * <p>Every row of every read model records it, so it must not cost a query per event: inside a
     * processor's batch (a {@link BatchingUnitOfWork}) the indexes of the whole batch are read with one
     * query the first time one is asked for, and kept in the unit of work for the other handlers of the batch.
     */
    public static long globalIndexOf(JdbcTemplate jdbc, EventMessage<?> message, TrackingToken token) {
        Map<String, Long> batch = batchIndexes(jdbc);
        Long known = batch == null ? null : batch.get(message.getIdentifier());
        if (known != null) {
            return known;
        }
        List<Long> index = jdbc.queryForList("SELECT globalindex FROM domainevententry WHERE eventidentifier = ?", Long.class,
                message.getIdentifier());
        return index.isEmpty() ? of(token) : index.get(0);
    }

    private static final String BATCH_INDEXES = EventPositions.class.getName() + ".batchIndexes";
    private static final int IDENTIFIERS_PER_QUERY = 500;

    /** The global indexes of the events of the current processor batch, by event identifier; null outside a batch. */
    private static Map<String, Long> batchIndexes(JdbcTemplate jdbc) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        // Asked for every event by every read model: answer from the unit of work first, since getMessages() copies the
        // whole batch into a new list on each call.
        Map<String, Long> known = root.getResource(BATCH_INDEXES);
        if (known != null) {
            return known;
        }
        if (!(root instanceof BatchingUnitOfWork<?> batch) || batch.getMessages().size() < 2) {
            return null;
        }
        return root.getOrComputeResource(BATCH_INDEXES, key -> {
            List<String> identifiers = new ArrayList<>();
            for (Message<?> message : batch.getMessages()) {
                identifiers.add(message.getIdentifier());
            }
            Map<String, Long> indexes = new HashMap<>();
            for (int from = 0; from < identifiers.size(); from += IDENTIFIERS_PER_QUERY) {
                List<String> chunk = identifiers.subList(from, Math.min(identifiers.size(), from + IDENTIFIERS_PER_QUERY));
                String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                jdbc.query("SELECT eventidentifier, globalindex FROM domainevententry WHERE eventidentifier IN (" + marks + ")",
                        rows -> {
                            indexes.put(rows.getString(1), rows.getLong(2));
                        }, chunk.toArray());
            }
            return indexes;
        });
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
