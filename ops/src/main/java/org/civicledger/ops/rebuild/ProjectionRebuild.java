package org.civicledger.ops.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.civicledger.projections.ProjectionsModule;
import org.civicledger.projections.rebuild.ProjectionChecksum;
import org.civicledger.projections.rebuild.ProjectionChecksum.Checksum;
import org.civicledger.projections.slots.ReadModelSlots;
import org.civicledger.projections.slots.SlotState;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Rebuilds read models from the event store: stops their processors, resets their tokens (Axon's
 * {@link StreamingEventProcessor#resetTokens()}, which runs the read models' {@code @ResetHandler}s and empties
 * their dead-letter queues in the same transaction), starts them again and waits until each has replayed up to
 * the head of the event store as it stood at the reset; then digests each rebuilt read model.
 *
 * <p>The command line ({@code ledger rebuild}) and the tests use this one class. The processors must not be
 * claimed by another node: a reset needs every segment's token, so a rebuild refuses (before resetting anything)
 * while a running node holds a claim, and says which.
 */
@Component
public class ProjectionRebuild {

    /** A claim younger than this is a live node's (Axon's JDBC token store steals claims older than 10 s). */
    static final Duration CLAIM_LIVE = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 200;

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final ProjectionChecksum checksums;
    private final ReadModelSlots slots;
    private final Object processorLock = new Object();

    public ProjectionRebuild(EventProcessingConfiguration processing, JdbcTemplate jdbc, ProjectionChecksum checksums, ReadModelSlots slots) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.checksums = checksums;
        this.slots = slots;
    }

    /**
     * Held while this node starts, stops or resets a read model's processors (here and in {@link BlueGreenRebuild}), so
     * the slot housekeeping never starts a processor a rebuild has just stopped to reset it.
     */
    public Object processorLock() {
        return processorLock;
    }

    /** The processing groups a rebuild argument names: one read model, or {@code all} of them. */
    public static List<String> resolve(String projection) {
        if ("all".equals(projection)) {
            return ProjectionsModule.PROCESSING_GROUPS;
        }
        if (ProjectionsModule.PROCESSING_GROUPS.contains(projection)) {
            return List.of(projection);
        }
        throw new UnknownProjection(projection);
    }

    /** Where each processor of a running rebuild stands; handed to the progress display. */
    public record Progress(Map<String, Long> positions, long head, Duration elapsed) {

        /** The position every rebuilt read model has reached (the slowest one's). */
        public long slowest() {
            return positions.values().stream().mapToLong(Long::longValue).min().orElse(head);
        }
    }

    /** What one rebuild did: the processors, the head they replayed up to, how long it took, their digests. */
    public record Result(List<String> processors, long head, Duration elapsed, List<Checksum> checksums) {

        /** Events replayed per second, into every rebuilt read model. */
        public double eventsPerSecond() {
            return elapsed.isZero() ? 0 : head * 1e9 / elapsed.toNanos();
        }
    }

    /**
     * Rebuilds the read models of {@code groups} and waits until they reach the head as of the reset (events stored
     * meanwhile are processed afterwards, as by any running processor); {@code progress} is called every 200 ms.
     *
     * @throws ClaimedElsewhere when another node holds one of their segments (nothing is reset then)
     * @throws IllegalStateException when they have not caught up within {@code timeout} (they keep going)
     */
    public Result rebuild(List<String> groups, Duration timeout, java.util.function.Consumer<Progress> progress)
            throws InterruptedException {
        Started started = begin(groups);
        try {
            return await(started, timeout, progress);
        } catch (RuntimeException | InterruptedException failure) {
            restartStopped(started.processors().values());
            throw failure;
        }
    }

    /** A rebuild that has been started: its processors, the head they replay to, and when it started (nanoTime). */
    public record Started(Map<String, StreamingEventProcessor> processors, long head, long startedNanos) {
    }

    /**
     * Starts a rebuild and returns at once: stops the processors of {@code groups} on this node, refuses if another
     * node holds one of their segments (nothing reset then, the processors run again), resets their tokens and
     * starts them; they replay while the caller goes on ({@link #await} waits for them).
     *
     * @throws ClaimedElsewhere when another node holds one of their segments
     */
    public Started begin(List<String> groups) {
        synchronized (processorLock) {
            return beginLocked(groups);
        }
    }

    private Started beginLocked(List<String> groups) {
        // The processor of the slot readers read (slot a unless a blue/green rebuild switched the read model to slot b).
        slots.refresh();
        Map<String, StreamingEventProcessor> processors = new LinkedHashMap<>();
        for (String group : groups) {
            if (!ProjectionsModule.PROCESSING_GROUPS.contains(group)) {
                throw new UnknownProjection(group);
            }
            SlotState state = slots.state(group);
            if (state.building() != null) {
                throw new BlueGreenRebuild.Refused("a blue/green rebuild of " + group + " is under way: it ends with a rebuilt read model");
            }
            String name = state.active().processor(group);
            processors.put(group, processing.eventProcessor(name, StreamingEventProcessor.class)
                    .orElseThrow(() -> new UnknownProjection(group)));
        }
        processors.values().forEach(StreamingEventProcessor::shutDown);
        try {
            for (Map.Entry<String, StreamingEventProcessor> entry : processors.entrySet()) {
                List<String> owners = liveClaims(entry.getValue().getName());
                if (!owners.isEmpty()) {
                    throw new ClaimedElsewhere(entry.getValue().getName(), owners);
                }
            }
            long started = System.nanoTime();
            long head = head();
            for (Map.Entry<String, StreamingEventProcessor> entry : processors.entrySet()) {
                try {
                    // From the first event, named here: a slot-b processor's own initial token is the head (BlueGreenRebuild).
                    entry.getValue().resetTokens(source -> source.createTailToken());
                } catch (UnableToClaimTokenException claimed) {
                    throw new ClaimedElsewhere(entry.getValue().getName(), liveClaims(entry.getValue().getName()));
                }
            }
            processors.values().forEach(StreamingEventProcessor::start);
            return new Started(processors, head, started);
        } catch (RuntimeException failure) {
            // A refused rebuild leaves this node's processors running, as they were.
            restartStopped(processors.values());
            throw failure;
        }
    }

    /**
     * Waits until the processors of a started rebuild have reached its head and stopped replaying, calling
     * {@code progress} every 200 ms; then digests each rebuilt read model.
     *
     * @throws IllegalStateException when they have not caught up within {@code timeout} (they keep going)
     */
    public Result await(Started started, Duration timeout, java.util.function.Consumer<Progress> progress)
            throws InterruptedException {
        long deadline = started.startedNanos() + timeout.toNanos();
        while (true) {
            Map<String, Long> positions = new LinkedHashMap<>();
            boolean done = true;
            for (Map.Entry<String, StreamingEventProcessor> entry : started.processors().entrySet()) {
                long position = position(entry.getValue());
                positions.put(entry.getKey(), position);
                done &= position >= started.head() && !entry.getValue().isReplaying();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started.startedNanos());
            progress.accept(new Progress(positions, started.head(), elapsed));
            if (done) {
                List<Checksum> digests = new ArrayList<>();
                for (String group : started.processors().keySet()) {
                    digests.add(checksums.of(group));
                }
                return new Result(List.copyOf(started.processors().keySet()), started.head(), elapsed, digests);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the rebuild of " + started.processors().keySet() + " has not reached event "
                        + started.head() + " within " + timeout.toSeconds() + " s (at " + positions + "); the processors keep replaying");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private void restartStopped(java.util.Collection<StreamingEventProcessor> processors) {
        synchronized (processorLock) {
            processors.forEach(processor -> {
                if (!processor.isRunning()) {
                    processor.start();
                }
            });
        }
    }

    /** The highest global index of the event store, 0 when it is empty. */
    public long head() {
        Long head = jdbc.queryForObject("SELECT MAX(globalindex) FROM domainevententry", Long.class);
        return head == null ? 0 : head;
    }

    /**
     * The lowest position over the processor's segments; -1 while a segment is unclaimed (a processor that has
     * not claimed all its segments has not caught up).
     */
    static long position(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> statuses = processor.processingStatus();
        if (statuses.isEmpty()) {
            return -1;
        }
        long lowest = Long.MAX_VALUE;
        for (EventTrackerStatus status : statuses.values()) {
            OptionalLong position = status.getCurrentPosition();
            lowest = Math.min(lowest, position.isPresent() ? position.getAsLong() : -1);
        }
        int segments = statuses.values().iterator().next().getSegment().getMask() + 1;
        return statuses.size() < segments ? -1 : lowest;
    }

    /** Owners of the processor's segment claims that are younger than {@link #CLAIM_LIVE}. */
    List<String> liveClaims(String processor) {
        Instant now = Instant.now();
        List<String> owners = new ArrayList<>();
        jdbc.query("SELECT segment, owner, timestamp FROM tokenentry WHERE processorname = ? AND owner IS NOT NULL ORDER BY segment",
                rows -> {
                    Instant claimed;
                    try {
                        claimed = Instant.parse(rows.getString("timestamp"));
                    } catch (DateTimeParseException | NullPointerException unreadable) {
                        claimed = now;
                    }
                    if (Duration.between(claimed, now).compareTo(CLAIM_LIVE) < 0) {
                        owners.add("segment " + rows.getInt("segment") + " by " + rows.getString("owner"));
                    }
                }, processor);
        return owners;
    }

    /** A projection name that is none of the read models. */
    public static final class UnknownProjection extends IllegalArgumentException {
        public UnknownProjection(String name) {
            super("no projection named '" + name + "'; the projections are " + String.join(", ", ProjectionsModule.PROCESSING_GROUPS)
                    + ", or all");
        }
    }

    /** The processor is claimed by a running node: its tokens cannot be reset from here. */
    public static final class ClaimedElsewhere extends RuntimeException {
        public ClaimedElsewhere(String processor, List<String> owners) {
            super("processor " + processor + " is claimed by a running node (" + (owners.isEmpty() ? "a claim taken meanwhile"
                    : String.join(", ", owners)) + "): stop that node, or the processor on it, and run the rebuild again");
        }
    }
}
