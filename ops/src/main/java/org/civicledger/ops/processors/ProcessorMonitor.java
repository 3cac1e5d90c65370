package org.civicledger.ops.processors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.civicledger.ops.rebuild.TokenPositions;
import org.civicledger.projections.ProjectionsModule;
import org.civicledger.projections.slots.ReadModelSlots;
import org.civicledger.projections.slots.Slot;
import org.civicledger.projections.slots.SlotState;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The status of every event processor (position, head, lag, replaying, dead letters), its dead letters, and
 * their retry; and the Micrometer gauges {@code ledger.processor.lag.events}, {@code ledger.processor.lag.seconds}
 * and {@code ledger.processor.dead_letters}, tagged {@code processor}.
 *
 * <p>The head and the recorded times come from the JDBC event store's {@code domainevententry}; gauges read a
 * snapshot at most {@link #GAUGE_SNAPSHOT_AGE} old, so a scrape costs a few queries at most.
 */
@Component
public class ProcessorMonitor {

    /** The most dead letters one retry request processes. */
    public static final int RETRY_MAX = 100;
    /** The most dead letters one listing answers with. */
    public static final int LIST_MAX = 200;
    static final Duration GAUGE_SNAPSHOT_AGE = Duration.ofSeconds(2);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ObjectProvider<MeterRegistry> registries;
    private final ReadModelSlots slots;
    private final TokenPositions tokens;
    private final Map<String, ProcessorStatus> snapshot = new ConcurrentHashMap<>();
    private volatile Instant snapshotAt = Instant.EPOCH;

    public ProcessorMonitor(EventProcessingConfiguration processing, JdbcTemplate jdbc, ObjectProvider<Clock> clocks,
                            ObjectProvider<MeterRegistry> registries, ReadModelSlots slots, TokenPositions tokens) {
        this.processing = processing;
        this.slots = slots;
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.clock = clocks.getIfAvailable(Clock::systemUTC);
        this.registries = registries;
    }

    /** Every processor's status, by name. */
    public List<ProcessorStatus> all() {
        Long head = head();
        List<ProcessorStatus> statuses = new ArrayList<>();
        processing.eventProcessors().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> statuses.add(status(entry.getKey(), entry.getValue(), head)));
        return statuses;
    }

    public Optional<ProcessorStatus> one(String name) {
        EventProcessor processor = processing.eventProcessors().get(name);
        return processor == null ? Optional.empty() : Optional.of(status(name, processor, head()));
    }

    public boolean exists(String name) {
        return processing.eventProcessors().containsKey(name);
    }

    /** The processor's dead letters, oldest sequence first, at most {@link #LIST_MAX}; no payloads. */
    public List<DeadLetterView> deadLetters(String name) {
        return jdbc.query("""
                SELECT deadletteridentifier, sequenceidentifier, sequenceindex, messagetype, payloadtype, eventidentifier,
                       aggregateidentifier, sequencenumber, causetype, causemessage, enqueuedat, lasttouched, diagnostics
                FROM deadletterentry WHERE processinggroup = ? ORDER BY enqueuedat, sequenceidentifier, sequenceindex LIMIT ?""",
                (rows, i) -> {
                    long sequenceNumber = rows.getLong("sequencenumber");
                    Long number = rows.wasNull() ? null : sequenceNumber;
                    return new DeadLetterView(rows.getString("deadletteridentifier"), rows.getString("sequenceidentifier"),
                            rows.getLong("sequenceindex"), rows.getString("messagetype"), rows.getString("payloadtype"),
                            rows.getString("eventidentifier"), rows.getString("aggregateidentifier"), number,
                            rows.getString("causetype"), rows.getString("causemessage"), rows.getString("enqueuedat"),
                            rows.getString("lasttouched"), attempts(rows.getBytes("diagnostics")));
                }, name, LIST_MAX);
    }

    /** The attempt count from a dead letter's diagnostics (serialized metadata, JSON); null when absent or unreadable. */
    private static Long attempts(byte[] diagnostics) {
        if (diagnostics == null || diagnostics.length == 0) {
            return null;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode node = DIAGNOSTICS.readTree(diagnostics);
            com.fasterxml.jackson.databind.JsonNode attempts = node == null ? null : node.get("attempts");
            return attempts == null || !attempts.canConvertToLong() ? null : attempts.asLong();
        } catch (java.io.IOException unreadable) {
            return null;
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper DIAGNOSTICS = new com.fasterxml.jackson.databind.ObjectMapper();

    /** What a retry did: how many sequences were processed, how many attempts failed, how many dead letters are left. */
    public record RetryOutcome(String processor, int processed, int failed, long deadLettersLeft) {
    }

    /**
     * Retries the processor's dead letters through Axon's {@link SequencedDeadLetterProcessor#processAny()}, one
     * sequence at a time, at most {@link #RETRY_MAX} attempts; a sequence that fails again stays in the queue
     * (its {@code lastTouched} moves) and the retry stops there, as Axon skips it for the rest of this round.
     */
    public RetryOutcome retry(String name) {
        Optional<SequencedDeadLetterProcessor<EventMessage<?>>> processor = processing.sequencedDeadLetterProcessor(name);
        Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = processing.deadLetterQueue(name);
        if (processor.isEmpty() || queue.isEmpty()) {
            return new RetryOutcome(name, 0, 0, 0);
        }
        int processed = 0;
        int failed = 0;
        for (int attempt = 0; attempt < RETRY_MAX && queue.get().size() > 0; attempt++) {
            long before = queue.get().size();
            if (processor.get().processAny()) {
                processed++;
            } else {
                // Nothing processed: either the first letter failed again, or none was available to claim.
                if (queue.get().size() >= before) {
                    failed++;
                }
                break;
            }
        }
        snapshotAt = Instant.EPOCH;
        return new RetryOutcome(name, processed, failed, queue.get().size());
    }

    private Long head() {
        return jdbc.queryForObject("SELECT MAX(globalindex) FROM domainevententry", Long.class);
    }

    private ProcessorStatus status(String name, EventProcessor processor, Long head) {
        Long deadLetters = null;
        Long sequences = null;
        Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = processing.deadLetterQueue(name);
        if (queue.isPresent()) {
            deadLetters = queue.get().size();
            sequences = queue.get().amountOfSequences();
        }
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            String type = processor instanceof SubscribingEventProcessor ? "subscribing" : processor.getClass().getSimpleName();
            return new ProcessorStatus(name, type, processor.isRunning(), processor.isError(), false, List.of(), head, 0L, 0.0,
                    deadLetters, sequences, slot(name));
        }
        List<ProcessorStatus.SegmentStatus> segments = new ArrayList<>();
        Long minPosition = null;
        for (EventTrackerStatus tracker : streaming.processingStatus().values()) {
            OptionalLong position = tracker.getCurrentPosition();
            Long at = position.isPresent() ? position.getAsLong() : null;
            segments.add(new ProcessorStatus.SegmentStatus(tracker.getSegment().getSegmentId(), tracker.getSegment().getMask(), at,
                    tracker.isCaughtUp(), tracker.isReplaying(), tracker.isErrorState(),
                    tracker.getError() == null ? null : tracker.getError().getClass().getName()));
            long effective = at == null ? -1 : at;
            minPosition = minPosition == null ? effective : Math.min(minPosition, effective);
        }
        segments.sort(Comparator.comparingInt(ProcessorStatus.SegmentStatus::segment));
        Long lagEvents = null;
        Double lagSeconds = null;
        if (head != null && minPosition != null) {
            lagEvents = Math.max(0, head - minPosition);
            lagSeconds = lagEvents == 0 ? 0.0 : secondsSinceOldestAfter(minPosition);
        } else if (head == null) {
            lagEvents = 0L;
            lagSeconds = 0.0;
        }
        String type = processor instanceof PooledStreamingEventProcessor ? "pooled" : "tracking";
        return new ProcessorStatus(name, type, processor.isRunning(), processor.isError(), streaming.isReplaying(), segments, head,
                lagEvents, lagSeconds, deadLetters, sequences, slot(name));
    }

    /** The read-model slot the processor builds, or null when it builds none. */
    private ProcessorStatus.SlotStatus slot(String name) {
        for (String group : ProjectionsModule.PROCESSING_GROUPS) {
            for (Slot slot : Slot.values()) {
                if (slot.processor(group).equals(name)) {
                    SlotState state = slots.state(group);
                    String what = slot == state.active() ? "active" : slot == state.building() ? "building"
                            : slot == state.retired() ? "retiring" : "idle";
                    java.time.Instant retiresAt = slot == state.retired() && state.switchedAt() != null
                            ? state.switchedAt().plus(slots.retireAfter()) : null;
                    return new ProcessorStatus.SlotStatus(group, slot.code(), what, tokens.lowest(name), state.buildHead(),
                            state.buildStartedAt(), state.switchedAt(), retiresAt);
                }
            }
        }
        return null;
    }

    /** Now minus the recorded time of the first event after {@code position}: how long it has waited. */
    private Double secondsSinceOldestAfter(long position) {
        List<String> times = jdbc.queryForList(
                "SELECT timestamp FROM domainevententry WHERE globalindex > ? ORDER BY globalindex LIMIT 1", String.class, position);
        if (times.isEmpty() || times.get(0) == null) {
            return 0.0;
        }
        Instant recorded = Instant.parse(times.get(0));
        return Math.max(0, Duration.between(recorded, clock.instant()).toMillis() / 1000.0);
    }

    /** Registers the gauges once the processors are configured. */
    @EventListener(ApplicationReadyEvent.class)
    public void registerGauges() {
        MeterRegistry registry = registries.getIfAvailable();
        if (registry == null) {
            return;
        }
        for (String name : processing.eventProcessors().keySet()) {
            Gauge.builder("ledger.processor.lag.events", this, monitor -> monitor.gauge(name, ProcessorStatus::lagEvents))
                    .tag("processor", name).description("events the slowest segment is behind the head of the event store")
                    .register(registry);
            Gauge.builder("ledger.processor.lag.seconds", this, monitor -> monitor.gauge(name, ProcessorStatus::lagSeconds))
                    .tag("processor", name).description("seconds the oldest unprocessed event has waited").baseUnit("seconds")
                    .register(registry);
            Gauge.builder("ledger.processor.dead_letters", this, monitor -> monitor.gauge(name, ProcessorStatus::deadLetters))
                    .tag("processor", name).description("events in the processor's dead-letter queue").register(registry);
        }
    }

    private double gauge(String name, java.util.function.Function<ProcessorStatus, ? extends Number> figure) {
        Instant now = Instant.now();
        if (Duration.between(snapshotAt, now).compareTo(GAUGE_SNAPSHOT_AGE) > 0) {
            try {
                for (ProcessorStatus status : all()) {
                    snapshot.put(status.name(), status);
                }
                snapshotAt = now;
            } catch (RuntimeException unavailable) {
                return Double.NaN;
            }
        }
        ProcessorStatus status = snapshot.get(name);
        Number value = status == null ? null : figure.apply(status);
        return value == null ? Double.NaN : value.doubleValue();
    }
}
