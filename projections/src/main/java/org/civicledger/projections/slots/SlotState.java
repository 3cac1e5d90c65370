package org.civicledger.projections.slots;

import java.time.Instant;

/**
 * A read model's row of {@code projection_slot}: the slot readers read, the slot a blue/green rebuild is filling (or
 * null), the head it must reach at least and when it began, when readers were last switched, and the slot they were
 * switched away from while it waits to be emptied (or null).
 */
public record SlotState(String projection, Slot active, Slot building, Long buildHead, Instant buildStartedAt,
                        Instant switchedAt, Slot retired) {

    /** A read model no blue/green rebuild has touched: slot a serves, nothing builds. */
    public static SlotState initial(String projection) {
        return new SlotState(projection, Slot.A, null, null, null, null, null);
    }

    /** Whether the processor of {@code slot} must run: it serves, or it is being built. */
    public boolean runs(Slot slot) {
        return slot == active || slot == building;
    }
}
