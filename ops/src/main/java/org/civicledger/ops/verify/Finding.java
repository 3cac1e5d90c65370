package org.civicledger.ops.verify;

/**
 * One thing the verifier found wrong, with the position it names: the global index, aggregate and sequence number
 * of the event (as stored now, or as the untrusted hints remember it when the event is gone), the leaf index where
 * relevant and the tree size of the checkpoint involved. Fields that do not apply are null.
 */
public record Finding(Kind kind, Long globalIndex, String aggregateIdentifier, Long sequenceNumber, Long leafIndex,
                      Long treeSize, String message) {

    /** What kind of damage: the names docs/integrity.md "Findings" explains. */
    public enum Kind {
        /** The event's bytes no longer give the hash that was chained and signed. */
        CHANGED,
        /** An event that was chained or signed is gone, or a chain has a hole in its sequence numbers. */
        MISSING,
        /** An event sits at another global index than when it was chained, or a chain's sequence goes backwards. */
        REORDERED,
        /** An event at or below the tree's frontier that is not a leaf, and that the server never recorded as late. */
        INSERTED,
        /** An event at or below the frontier that is not a leaf, recorded by the server as committed too late. */
        LATE_COMMIT,
        /** A checkpoint in the database signs more leaves than the log holds: its tail was cut off. */
        TRUNCATED,
        /** A checkpoint the auditor holds signs more leaves than the log holds: the database went back in time. */
        ROLLED_BACK,
        /** A checkpoint whose root the log does not give, and no event-level finding explains it. */
        ROOT_MISMATCH,
        /** Two validly signed checkpoints of one size with different roots: the log was forked. */
        SPLIT_VIEW,
        /** A checkpoint note whose signature does not verify with the pinned key (or that cannot be read). */
        BAD_SIGNATURE,
        /** A validly signed checkpoint for another origin than the expected one. */
        WRONG_ORIGIN,
        /** The stored leaves (merkle_leaf) disagree with the signed root while the events give it. */
        LEAF_TABLE_ALTERED,
        /** An export archive whose entry does not match its manifest, or that cannot be read. */
        ARCHIVE_DAMAGED
    }

    /** One line for people: kind, position, sentence. */
    public String describe() {
        StringBuilder line = new StringBuilder(kind.name());
        if (globalIndex != null) {
            line.append(" at global index ").append(globalIndex);
        }
        if (aggregateIdentifier != null) {
            line.append(", aggregate ").append(aggregateIdentifier);
        }
        if (sequenceNumber != null) {
            line.append(", sequence ").append(sequenceNumber);
        }
        if (leafIndex != null) {
            line.append(", leaf ").append(leafIndex);
        }
        if (treeSize != null) {
            line.append(", checkpoint of size ").append(treeSize);
        }
        return line.append(": ").append(message).toString();
    }
}
