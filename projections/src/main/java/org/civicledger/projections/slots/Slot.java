package org.civicledger.projections.slots;

import java.util.Locale;

/**
 * One of the two table sets of a read model: slot {@code a} is its tables under their own names, slot {@code b} their
 * copies with the suffix {@code _b} (migration {@code V2_90}). Each slot is built by a processor of its own, so a
 * blue/green rebuild can fill one while readers read the other: slot a by the processing group itself (the tokens
 * and dead letters the ledger always had), slot b by {@code <group>.b}.
 */
public enum Slot {
    A("", ""),
    B("_b", ".b");

    private final String tableSuffix;
    private final String processorSuffix;

    Slot(String tableSuffix, String processorSuffix) {
        this.tableSuffix = tableSuffix;
        this.processorSuffix = processorSuffix;
    }

    /** The name this slot gives a read-model table. */
    public String table(String table) {
        return table + tableSuffix;
    }

    /** The name of the processor that builds this slot of the read model of {@code group}. */
    public String processor(String group) {
        return group + processorSuffix;
    }

    /** The other slot: the one a blue/green rebuild fills while this one serves. */
    public Slot other() {
        return this == A ? B : A;
    }

    /** How the slot is written in {@code projection_slot} and shown to operators: {@code a} or {@code b}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The slot of a code; null for null. */
    public static Slot of(String code) {
        if (code == null) {
            return null;
        }
        return switch (code.trim()) {
            case "a" -> A;
            case "b" -> B;
            default -> throw new IllegalArgumentException("a slot is a or b, not " + code);
        };
    }
}
