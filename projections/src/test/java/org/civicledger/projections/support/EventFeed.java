package org.civicledger.projections.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hands events to read models as a streaming processor would: through Axon's annotation adapter, each event
 * wrapped in a tracked domain event message with a global position, the aggregate's sequence number and a
 * recorded time. Positions and times advance by one per event; {@link #redeliver()} hands over the last
 * message again, as a retry after a failed commit does.
 */
public final class EventFeed {

    private final AnnotationEventHandlerAdapter[] readModels;
    private final Map<String, Long> sequenceNumbers = new HashMap<>();
    private long position;
    private Instant now;
    private TrackedEventMessage<?> last;
    private final List<TrackedEventMessage<?>> delivered = new ArrayList<>();

    public EventFeed(Instant start, Object... readModels) {
        this.now = start;
        this.readModels = new AnnotationEventHandlerAdapter[readModels.length];
        for (int i = 0; i < readModels.length; i++) {
            this.readModels[i] = new AnnotationEventHandlerAdapter(readModels[i]);
        }
    }

    /** Delivers an event of aggregate {@code aggregateId}; returns its global position. */
    public long deliver(String aggregateId, Object event) {
        return deliver(aggregateId, event, Map.of());
    }

    /** Delivers an event with metadata (the event envelope: actor role, channel, ...); returns its global position. */
    public long deliver(String aggregateId, Object event, Map<String, ?> metaData) {
        long sequence = sequenceNumbers.merge(aggregateId, 0L, (previous, ignored) -> previous + 1);
        position++;
        now = now.plus(Duration.ofMinutes(1));
        GenericDomainEventMessage<Object> message = new GenericDomainEventMessage<>(event.getClass().getSimpleName(),
                aggregateId, sequence, event, MetaData.from(metaData), UUID.randomUUID().toString(), now);
        last = new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position), message);
        delivered.add(last);
        handle(last);
        return position;
    }

    /**
     * Delivers an event that fills an earlier gap: the event table holds it at {@code ownIndex}, but
     * its token reports the highest position seen so far, as Axon's gap-aware token does for an
     * event that commits after events with higher indexes were read.
     */
    public void deliverFillingGap(JdbcTemplate jdbc, String aggregateId, Object event, long ownIndex, Map<String, ?> metaData) {
        long sequence = sequenceNumbers.merge(aggregateId, 0L, (previous, ignored) -> previous + 1);
        now = now.plus(Duration.ofMinutes(1));
        String identifier = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO domainevententry (globalindex, eventidentifier) VALUES (?, ?)", ownIndex, identifier);
        GenericDomainEventMessage<Object> message = new GenericDomainEventMessage<>(event.getClass().getSimpleName(),
                aggregateId, sequence, event, MetaData.from(metaData), identifier, now);
        last = new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position), message);
        delivered.add(last);
        handle(last);
    }

    /** Hands the last message over once more. */
    public void redeliver() {
        handle(last);
    }

    /**
     * Hands every event delivered so far over again, in order, as a processor's replay after a reset does: each
     * message's token wrapped in a {@link ReplayToken} that ends at the last position.
     */
    public void replayAll() {
        GlobalSequenceTrackingToken head = new GlobalSequenceTrackingToken(position);
        for (TrackedEventMessage<?> message : List.copyOf(delivered)) {
            handle(new GenericTrackedDomainEventMessage<>(new ReplayToken(head, message.trackingToken()), (DomainEventMessage<?>) message));
        }
    }

    /** Leaves a gap in the global positions, as a rolled-back append does. */
    public void skipPositions(long count) {
        position += count;
    }

    public void reset() {
        for (AnnotationEventHandlerAdapter readModel : readModels) {
            readModel.prepareReset();
        }
    }

    public long position() {
        return position;
    }

    public Instant now() {
        return now;
    }

    private void handle(TrackedEventMessage<?> message) {
        for (AnnotationEventHandlerAdapter readModel : readModels) {
            try {
                if (readModel.canHandle(message)) {
                    readModel.handle(message);
                }
            } catch (RuntimeException failure) {
                throw failure;
            } catch (Exception failure) {
                throw new IllegalStateException(failure);
            }
        }
    }
}
