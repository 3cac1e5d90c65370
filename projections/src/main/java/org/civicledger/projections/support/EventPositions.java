package org.civicledger.projections.support;

import org.axonframework.eventhandling.TrackingToken;

/**
 * The global position of an event in the event store, as read models record it on their rows.
 *
 * <p>A pooled streaming processor hands every handler the token of the event it handles; its
 * position is the event's global index (also during a replay, where the replay token reports the
 * position of the event being replayed). Rows keep the position of the last event applied to
 * them, which makes re-delivered events recognisable and lets the API wait for a write to show.
 */
public final class EventPositions {

    private EventPositions() {
    }

    /** The global position of the event the token points at; fails loudly when it has none. */
    public static long of(TrackingToken token) {
        if (token == null) {
            throw new IllegalStateException("read models run in streaming processors: a tracking token is required");
        }
        // A token without a position cannot order events; failing sends the event to the dead-letter queue.
        return token.position().orElseThrow(() -> new IllegalStateException(
                "tracking token " + token.getClass().getSimpleName() + " reports no position"));
    }
}
