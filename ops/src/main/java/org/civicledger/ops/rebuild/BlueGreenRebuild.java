package org.civicledger.ops.rebuild;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.civicledger.projections.ProjectionsModule;
import org.civicledger.projections.rebuild.ProjectionChecksum;
import org.civicledger.projections.rebuild.ProjectionChecksum.Checksum;
import org.civicledger.projections.rebuild.ReadModelTable;
import org.civicledger.projections.slots.ReadModelSlots;
import org.civicledger.projections.slots.Slot;
import org.civicledger.projections.slots.SlotState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Blue/green rebuild of read models: a read model's other slot is filled from the first event by its own processor
 * while readers keep reading the active slot, which its processor keeps up to date; once the new slot has caught up,
 * readers are switched to it in one transaction, and the old slot is emptied when no node can still be reading it.
 *
 * <ol>
 *   <li>{@link #begin}: the other slot's processor is stopped on this node and must be claimed by no other; in one
 *   transaction, with the read model's {@code projection_slot} row locked, its tokens are reset to the first event
 *   (Axon runs the slot's {@code @ResetHandler}, which empties the slot's tables, and empties its dead-letter
 *   queue) and the row names the slot as building, with the head of the event store; then the processor starts.
 *   Other nodes start it too when they next read the row.</li>
 *   <li>{@link #tick} (every node, every {@code ledger.projections.slot-refresh}): runs the processors of the slots
 *   that serve or build and stops the others; switches a building slot whose committed tokens stand at or past both
 *   the build's head and the active slot's tokens ({@link TokenPositions}: over all nodes): it then holds every
 *   event the active one holds, so a reader switched to it sees no row go missing. The switch is one update of the
 *   row; the new slot's processor runs on, so no event is lost or applied twice across it.</li>
 *   <li>The switched-away slot's processor stops on every node within a refresh interval; after
 *   {@link ReadModelSlots#retireAfter()} its tables and dead letters are emptied (a slow node read it until then).</li>
 * </ol>
 *
 * <p>Every start, stop and reset of a read model's processors on this node happens under
 * {@link ProjectionRebuild#processorLock()}, which the in-place rebuild takes too.
 */
@Component
public class BlueGreenRebuild {

    private static final Logger log = LoggerFactory.getLogger(BlueGreenRebuild.class);
    private static final long POLL_MILLIS = 200;

    private final EventProcessingConfiguration processing;
    private final ReadModelSlots slots;
    private final TokenPositions tokens;
    private final ProjectionRebuild inPlace;
    private final ProjectionChecksum checksums;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ObjectProvider<TokenStore> tokenStores;
    private final int segments;
    private final Clock clock;
    private volatile boolean ready;
    /** Per processor, whether the slot table last said it should run (guarded by the processor lock). */
    private final Map<String, Boolean> wanted = new java.util.HashMap<>();

    public BlueGreenRebuild(EventProcessingConfiguration processing, ReadModelSlots slots, TokenPositions tokens,
                            ProjectionRebuild inPlace, ProjectionChecksum checksums, JdbcTemplate jdbc,
                            PlatformTransactionManager transactionManager, ObjectProvider<TokenStore> tokenStores,
                            @Value("${ledger.projections.segments:2}") int segments, ObjectProvider<Clock> clocks) {
        this.processing = processing;
        this.slots = slots;
        this.tokens = tokens;
        this.inPlace = inPlace;
        this.checksums = checksums;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.tokenStores = tokenStores;
        this.segments = segments;
        this.clock = clocks.getIfAvailable(Clock::systemUTC);
    }

    /** A blue/green build under way: the read model, the slot being filled, its processor, and the head it must reach. */
    public record Started(String projection, Slot slot, String processor, long head) {
    }

    /** What a finished blue/green rebuild did: per read model the slot now serving and its digest. */
    public record Result(List<String> projections, long head, Duration elapsed, Map<String, Slot> activeSlots, List<Checksum> checksums) {

        public double eventsPerSecond() {
            return elapsed.isZero() ? 0 : head * 1e9 / elapsed.toNanos();
        }
    }

    /** Processors are managed only once Axon has started them all; before that a start would race Axon's own. */
    @EventListener(ApplicationReadyEvent.class)
    public void applicationReady() {
        ready = true;
        tick();
    }

    /** A closing context stops its processors itself: no housekeeping from here on. */
    @EventListener(ContextClosedEvent.class)
    public void closing() {
        ready = false;
    }

    /** Every refresh interval: follow the slot table (processors, switches, retirements). */
    @Scheduled(fixedDelayString = "${ledger.projections.slot-refresh:PT2S}", initialDelayString = "${ledger.projections.slot-refresh:PT2S}")
    public void scheduledTick() {
        if (!ready) {
            return;
        }
        try {
            tick();
        } catch (RuntimeException failure) {
            // The next tick tries again; readers keep the slots they know meanwhile.
            log.warn("read-model slot housekeeping failed: {}", failure.getMessage(), failure);
        }
    }

    /**
     * Re-reads the slot table, runs the processors of serving and building slots and stops the others, switches every
     * build that has caught up, and empties every switched-away slot whose grace period has passed.
     */
    public void tick() {
        synchronized (inPlace.processorLock()) {
            slots.refresh();
            for (SlotState state : slots.states().values()) {
                if (state.building() != null) {
                    trySwitch(state.projection());
                }
            }
            for (SlotState state : slots.states().values()) {
                if (state.retired() != null && state.switchedAt() != null
                        && !clock.instant().isBefore(state.switchedAt().plus(slots.retireAfter()))) {
                    retire(state.projection());
                }
            }
            slots.refresh();
            for (SlotState state : slots.states().values()) {
                for (Slot slot : Slot.values()) {
                    String name = slot.processor(state.projection());
                    boolean want = state.runs(slot);
                    // Acted on when the slot table changes what should run (and at the first look): a processor someone
                    // else stopped or started since (a bench, an in-place rebuild, the shutdown) is theirs to manage.
                    if (Boolean.valueOf(want).equals(wanted.put(name, want))) {
                        continue;
                    }
                    StreamingEventProcessor processor = processor(name);
                    if (want && !processor.isRunning()) {
                        processor.start();
                    } else if (!want && processor.isRunning()) {
                        processor.shutDown();
                    }
                }
            }
        }
    }

    /**
     * Begins a blue/green rebuild of the read model of {@code group} and returns at once (see the class comment).
     *
     * @throws ProjectionRebuild.UnknownProjection for a name that is no read model's
     * @throws Refused when a build of it is under way, or its last switch is too recent to fill the old slot again
     * @throws ProjectionRebuild.ClaimedElsewhere when another node runs the slot's processor (nothing is reset)
     */
    public Started begin(String group) {
        if (!ProjectionsModule.PROCESSING_GROUPS.contains(group)) {
            throw new ProjectionRebuild.UnknownProjection(group);
        }
        ensureRow(group);
        synchronized (inPlace.processorLock()) {
            slots.refresh();
            SlotState state = slots.state(group);
            refuseIfBusy(state);
            Slot target = state.active().other();
            String name = target.processor(group);
            StreamingEventProcessor processor = processor(name);
            processor.shutDown();
            List<String> owners = inPlace.liveClaims(name);
            if (!owners.isEmpty()) {
                throw new ProjectionRebuild.ClaimedElsewhere(name, owners);
            }
            long head;
            try {
                head = transactions.execute(status -> {
                    SlotState locked = lock(group);
                    refuseIfBusy(locked);
                    if (locked.active() != state.active()) {
                        throw new Refused(group + " was switched by another node meanwhile; ask again");
                    }
                    long at = inPlace.head();
                    TokenStore tokenStore = tokenStores.getObject();
                    if (tokenStore.fetchSegments(name).length == 0) {
                        // Never run: its segments start before the first event, not at the head its processor would pick.
                        tokenStore.initializeTokenSegments(name, segments, null);
                    }
                    processor.resetTokens(source -> source.createTailToken());
                    jdbc.update("UPDATE projection_slot SET building_slot = ?, build_head = ?, build_started_at = ?, retired_slot = NULL "
                            + "WHERE projection = ?", target.code(), at, clock.instant().atOffset(ZoneOffset.UTC), group);
                    return at;
                });
            } catch (UnableToClaimTokenException claimed) {
                throw new ProjectionRebuild.ClaimedElsewhere(name, inPlace.liveClaims(name));
            }
            processor.start();
            wanted.put(name, true);
            slots.refresh();
            log.info("blue/green rebuild of {} began: slot {} ({}) replays up to event {} while slot {} serves", group, target.code(),
                    name, head, state.active().code());
            return new Started(group, target, name, head);
        }
    }

    /**
     * Rebuilds the read models of {@code groups} blue/green and waits until each has been switched and its old slot
     * emptied, calling {@code progress} every 200 ms with the building processors' positions; then digests the new slots.
     */
    public Result rebuild(List<String> groups, Duration timeout, Consumer<ProjectionRebuild.Progress> progress) throws InterruptedException {
        long startedNanos = System.nanoTime();
        Map<String, Started> started = new LinkedHashMap<>();
        for (String group : groups) {
            started.put(group, begin(group));
        }
        long head = started.values().stream().mapToLong(Started::head).max().orElse(0);
        long deadline = startedNanos + timeout.toNanos();
        while (true) {
            tick();
            Map<String, Long> positions = new LinkedHashMap<>();
            boolean done = true;
            for (Started build : started.values()) {
                SlotState state = slots.state(build.projection());
                boolean switched = state.building() == null && state.active() == build.slot();
                if (!switched && state.building() != build.slot()) {
                    throw new IllegalStateException("the blue/green rebuild of " + build.projection() + " was abandoned: " + state);
                }
                positions.put(build.projection(), switched ? Math.max(build.head(), tokens.lowest(build.processor())) : tokens.lowest(build.processor()));
                done &= switched && state.retired() == null;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
            progress.accept(new ProjectionRebuild.Progress(positions, head, elapsed));
            if (done) {
                List<Checksum> digests = new ArrayList<>();
                Map<String, Slot> active = new LinkedHashMap<>();
                for (Started build : started.values()) {
                    digests.add(checksums.of(build.projection(), build.slot()));
                    active.put(build.projection(), build.slot());
                }
                return new Result(List.copyOf(started.keySet()), head, elapsed, active, digests);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the blue/green rebuild of " + started.keySet() + " has not switched within "
                        + timeout.toSeconds() + " s (at " + positions + " of " + head + "); the builds go on");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Switches readers of {@code group} to its building slot if that has caught up; answers whether it did. */
    boolean trySwitch(String group) {
        Boolean switched = transactions.execute(status -> {
            SlotState state = lock(group);
            if (state.building() == null) {
                return false;
            }
            long building = tokens.lowest(state.building().processor(group));
            long serving = tokens.lowest(state.active().processor(group));
            long head = state.buildHead() == null ? 0 : state.buildHead();
            if (building < head || building < serving) {
                return false;
            }
            jdbc.update("UPDATE projection_slot SET active_slot = ?, building_slot = NULL, switched_at = ?, retired_slot = ? "
                    + "WHERE projection = ?", state.building().code(), clock.instant().atOffset(ZoneOffset.UTC), state.active().code(), group);
            log.info("read model {} switched to slot {} at event {} (slot {} was at {}); slot {} is emptied after {}", group,
                    state.building().code(), building, state.active().code(), serving, state.active().code(), slots.retireAfter());
            return true;
        });
        if (Boolean.TRUE.equals(switched)) {
            slots.refresh();
            return true;
        }
        return false;
    }

    /** Empties the switched-away slot of {@code group} (tables and dead letters), once its grace period has passed. */
    void retire(String group) {
        transactions.executeWithoutResult(status -> {
            SlotState state = lock(group);
            if (state.retired() == null || state.retired() == state.building() || state.switchedAt() == null
                    || clock.instant().isBefore(state.switchedAt().plus(slots.retireAfter()))) {
                return;
            }
            Slot old = state.retired();
            StreamingEventProcessor processor = processor(old.processor(group));
            if (processor.isRunning()) {
                processor.shutDown();
            }
            for (ReadModelTable table : ProjectionsModule.TABLES.get(group)) {
                jdbc.update("DELETE FROM " + old.table(table.name()));
            }
            jdbc.update("DELETE FROM deadletterentry WHERE processinggroup = ?", old.processor(group));
            jdbc.update("UPDATE projection_slot SET retired_slot = NULL WHERE projection = ?", group);
            log.info("read model {}: slot {} emptied, slot {} serves", group, old.code(), state.active().code());
        });
    }

    private void refuseIfBusy(SlotState state) {
        if (state.building() != null) {
            throw new Refused("a blue/green rebuild of " + state.projection() + " into slot " + state.building().code()
                    + " is under way since " + state.buildStartedAt());
        }
        if (state.retired() != null && state.switchedAt() != null) {
            Instant free = state.switchedAt().plus(slots.retireAfter());
            if (clock.instant().isBefore(free)) {
                throw new Refused(state.projection() + " was switched at " + state.switchedAt() + "; nodes may read its old slot until "
                        + free + ", ask again then");
            }
        }
    }

    private SlotState lock(String group) {
        List<SlotState> rows = jdbc.query("SELECT projection, active_slot, building_slot, build_head, build_started_at, switched_at, "
                + "retired_slot FROM projection_slot WHERE projection = ? FOR UPDATE", (row, i) -> ReadModelSlots.state(row), group);
        return rows.isEmpty() ? SlotState.initial(group) : rows.get(0);
    }

    private void ensureRow(String group) {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM projection_slot WHERE projection = ?", Integer.class, group) > 0) {
            return;
        }
        try {
            jdbc.update("INSERT INTO projection_slot (projection, active_slot) VALUES (?, 'a')", group);
        } catch (DuplicateKeyException insertedByAnotherNode) {
            // Its row exists now: all this wanted.
        }
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming processor " + name + " is configured"));
    }

    /** A blue/green rebuild cannot begin now (one is under way, or the last switch is too recent). */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }
}
