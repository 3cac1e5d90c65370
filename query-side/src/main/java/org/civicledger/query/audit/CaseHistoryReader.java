package org.civicledger.query.audit;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.civicledger.events.cases.CaseEvent;
import org.civicledger.events.documents.DocumentEvent;
import org.civicledger.events.payments.BillEvent;
import org.civicledger.events.payments.PaymentEvent;
import org.civicledger.projections.audit.CaseAsOf;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reconstructs a case (a bill, a payment, a document) as of a past moment from the event store itself: its events are read from the
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
        return fold(caseId, timestamp, globalIndex, CaseEvent.class, CaseAsOf.empty(caseId), CaseAsOf::apply);
    }

    /** A bill as of a point, or empty when {@code billId} names no bill. */
    public Optional<ItemAsOf.BillAsOf> billAsOf(String billId, Instant timestamp, Long globalIndex) {
        return fold(billId, timestamp, globalIndex, BillEvent.class, ItemAsOf.BillAsOf.empty(billId), ItemAsOf.BillAsOf::apply);
    }

    /** A payment as of a point, or empty when {@code paymentId} names no payment. */
    public Optional<ItemAsOf.PaymentAsOf> paymentAsOf(String paymentId, Instant timestamp, Long globalIndex) {
        return fold(paymentId, timestamp, globalIndex, PaymentEvent.class, ItemAsOf.PaymentAsOf.empty(paymentId),
                ItemAsOf.PaymentAsOf::apply);
    }

    /** A document as of a point, or empty when {@code documentId} names no document. */
    public Optional<ItemAsOf.DocumentAsOf> documentAsOf(String documentId, Instant timestamp, Long globalIndex) {
        return fold(documentId, timestamp, globalIndex, DocumentEvent.class, ItemAsOf.DocumentAsOf.empty(documentId),
                ItemAsOf.DocumentAsOf::apply);
    }

    /** One step of a fold: the state with one more event, stored at a global index and recorded at a time, applied. */
    @FunctionalInterface
    interface Step<S, E> {
        S apply(S state, E event, long globalIndex, Instant recordedAt);
    }

    /**
     * Folds the events of one aggregate, cut at a recorded time and a global index, into {@code initial}; empty when the
     * aggregate has no event or its events are not of {@code type} (a payment id asked for as a bill).
     */
    <S, E> Optional<S> fold(String aggregateId, Instant timestamp, Long globalIndex, Class<E> type, S initial, Step<S, E> step) {
        Map<Long, Long> globalIndexes = new HashMap<>();
        jdbc.query("SELECT sequencenumber, globalindex FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber "
                        + "LIMIT " + EVENTS_MAX,
                rows -> {
                    globalIndexes.put(rows.getLong(1), rows.getLong(2));
                }, aggregateId);
        if (globalIndexes.isEmpty()) {
            return Optional.empty();
        }
        S state = initial;
        DomainEventStream events = eventStore.readEvents(aggregateId);
        boolean first = true;
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (first && !type.isInstance(event.getPayload())) {
                return Optional.empty();
            }
            first = false;
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
            if (type.isInstance(event.getPayload())) {
                state = step.apply(state, type.cast(event.getPayload()), index, event.getTimestamp());
            }
        }
        return Optional.of(state);
    }
}
