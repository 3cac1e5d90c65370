package org.civicledger.ops.processors;

import java.util.List;

/**
 * Where an event processor stands: its kind ({@code pooled}, {@code tracking}, {@code subscribing}), whether it
 * runs, is in error or replays, the position of each claimed segment, the head of the event store (its highest
 * global index), how far the slowest segment is behind it in events and in seconds (now minus the recorded time
 * of the oldest event not yet processed; 0 when caught up), and how many dead letters its queue holds (events
 * and sequences). Subscribing processors run in the transaction of the command: no position, no lag.
 */
public record ProcessorStatus(String name, String type, boolean running, boolean error, boolean replaying,
                              List<SegmentStatus> segments, Long head, Long lagEvents, Double lagSeconds,
                              Long deadLetters, Long deadLetterSequences) {

    /** One claimed segment: its id and mask, its token's position, caught up, replaying, in error (and why). */
    public record SegmentStatus(int segment, int mask, Long position, boolean caughtUp, boolean replaying, boolean error,
                                String errorType) {
    }
}
