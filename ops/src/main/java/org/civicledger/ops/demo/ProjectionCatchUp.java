package org.civicledger.ops.demo;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Waits until the ledger's streaming processors (the projections) have handled every event stored so far.
 *
 * <p>"Stored so far" is the highest global index at the moment of asking; a processor has caught up when
 * each of its segments is claimed and its token stands at that index or beyond. Subscribing processors
 * handle events in the storing transaction and need no waiting.
 */
public final class ProjectionCatchUp {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;

    public ProjectionCatchUp(EventProcessingConfiguration processing, JdbcTemplate jdbc) {
        this.processing = processing;
        this.jdbc = jdbc;
    }

    /** The global index of the newest stored event, or -1 for an empty store. */
    public long head() {
        Long head = jdbc.queryForObject("SELECT MAX(globalindex) FROM domainevententry", Long.class);
        return head == null ? -1 : head;
    }

    /** The lowest position each streaming processor has reached over its segments; -1 when a segment is unclaimed. */
    public Map<String, Long> positions() {
        Map<String, Long> positions = new TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            // A stopped processor (the idle slot of a read model, docs/architecture.md "Replay and rebuild") is not waited for.
            if (processor instanceof StreamingEventProcessor streaming && streaming.isRunning()) {
                positions.put(name, lowestPosition(streaming));
            }
        });
        return positions;
    }

    private static long lowestPosition(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> statuses = processor.processingStatus();
        if (statuses.isEmpty() || processor.isError()) {
            return -1;
        }
        int claimed = 0;
        long lowest = Long.MAX_VALUE;
        for (EventTrackerStatus status : statuses.values()) {
            OptionalLong position = status.getCurrentPosition();
            lowest = Math.min(lowest, position.isPresent() ? position.getAsLong() : -1);
            claimed += 1;
        }
        // A segment nobody claims yet is not at any position: the processor has not caught up.
        int segments = statuses.values().iterator().next().getSegment().getMask() + 1;
        return claimed < segments ? -1 : lowest;
    }

    /**
     * Waits until every streaming processor reached the head as of now; answers whether they did within
     * {@code timeout} (false leaves the caller to say so, the ledger keeps processing either way).
     */
    public boolean await(Duration timeout) throws InterruptedException {
        long head = head();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, Long> positions = positions();
            boolean caughtUp = positions.values().stream().allMatch(position -> position >= head);
            if (caughtUp) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }
}
