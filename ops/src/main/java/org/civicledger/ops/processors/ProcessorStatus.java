package org.civicledger.ops.processors;

import java.util.List;

/**
 * Where an event processor stands: its kind ({@code pooled}, {@code tracking}, {@code subscribing}), whether it
 * runs, is in error or replays, the position of each claimed segment, the head of the event store (its highest
 * global index), how far the slowest segment is behind it in events and in seconds (now minus the recorded time
 * of the oldest event not yet processed; 0 when caught up), and how many dead letters its queue holds (events
 * and sequences). Subscribing processors run in the transaction of the command: no position, no lag. A read model's
 * processor also says which slot it builds and what that slot is doing ({@code slot}; null for other processors).
 */
public record ProcessorStatus(String name, String type, boolean running, boolean error, boolean replaying,
                              List<SegmentStatus> segments, Long head, Long lagEvents, Double lagSeconds,
                              Long deadLetters, Long deadLetterSequences, SlotStatus slot) {

    /**
     * The slot of a read model this processor builds (docs/architecture.md "Replay and rebuild"): the read model, the
     * slot ({@code a}, {@code b}), its state ({@code active}: readers read it; {@code building}: a blue/green rebuild
     * fills it; {@code retiring}: switched away from, emptied at {@code retiresAt}; {@code idle}), the position of its
     * committed tokens over all nodes ({@code -1}: a segment has processed nothing), the head a build must reach at
     * least and when it began, and when readers were last switched to the read model's active slot.
     */
    public record SlotStatus(String readModel, String slot, String state, long position, Long buildHead,
                             java.time.Instant buildStartedAt, java.time.Instant switchedAt, java.time.Instant retiresAt) {
    }

    /** One claimed segment: its id and mask, its token's position, caught up, replaying, in error (and why). */
    public record SegmentStatus(int segment, int mask, Long position, boolean caughtUp, boolean replaying, boolean error,
                                String errorType) {
    }
}
