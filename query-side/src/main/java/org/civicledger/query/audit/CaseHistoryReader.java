package org.civicledger.query.audit;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.civicledger.events.cases.CaseEvent;
import org.civicledger.projections.audit.CaseAsOf;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reconstructs a case as of a past moment from the event store itself: the case's events are read from the
 * store (Axon's {@link EventStore#readEvents(String)}, so sealed personal data is opened or shows its erased
 * form as anywhere else), cut at a recorded time or a global index, and folded with {@link CaseAsOf#apply}.
 *
 * <p>The global index of each event comes from the JDBC store's {@code domainevententry} (the messages that
 * {@code readEvents} returns do not carry it); this reader needs the JDBC event store (not Axon Server).
 */
@Component
public class CaseHistoryReader {

    /** The most events of one case that are folded; a case has a few dozen. */
    static final int EVENTS_MAX = 10_000;

    private final EventStore eventStore;
    private final JdbcTemplate jdbc;

    public CaseHistoryReader(EventStore eventStore, JdbcTemplate jdbc) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
    }

    /**
     * The case with every event recorded at or before {@code timestamp} (when given) and stored at or below
     * {@code globalIndex} (when given) applied; empty when the case has no event at all.
     */
    public Optional<CaseAsOf> asOf(String caseId, Instant timestamp, Long globalIndex) {
        Map<Long, Long> globalIndexes = new HashMap<>();
        jdbc.query("SELECT sequencenumber, globalindex FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber "
                        + "LIMIT " + EVENTS_MAX,
                rows -> {
                    globalIndexes.put(rows.getLong(1), rows.getLong(2));
                }, caseId);
        if (globalIndexes.isEmpty()) {
            return Optional.empty();
        }
        CaseAsOf state = CaseAsOf.empty(caseId);
        DomainEventStream events = eventStore.readEvents(caseId);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            Long index = globalIndexes.get(event.getSequenceNumber());
            if (index == null) {
                break;
            }
            if (globalIndex != null && index > globalIndex) {
                break;
            }
            if (timestamp != null && event.getTimestamp().isAfter(timestamp)) {
                break;
            }
            if (event.getPayload() instanceof CaseEvent caseEvent) {
                state = state.apply(caseEvent, index, event.getTimestamp());
            }
        }
        return Optional.of(state);
    }
}
