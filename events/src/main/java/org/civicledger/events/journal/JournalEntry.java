package org.civicledger.events.journal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A balanced journal entry: what every money movement of the ledger is recorded as. Implemented by the
 * events that carry entries (today the payment's {@code JournalEntryRecorded}), so that one
 * {@link TrialBalance} serves every stream that moves money.
 */
public interface JournalEntry {

    /** Unique in the whole ledger. */
    String entryId();

    /** When the movement happened (business time), for balances as of a moment. */
    Instant bookedAt();

    List<JournalLine> lines();

    /**
     * Checks that lines form a balanced entry: at least two, and debits equal credits in each currency
     * for each agency (and therefore in all).
     *
     * @throws IllegalArgumentException when they do not
     */
    static void requireBalanced(List<JournalLine> lines) {
        if (lines == null || lines.size() < 2) {
            throw new IllegalArgumentException("a journal entry has at least two lines");
        }
        Map<String, Long> sums = new HashMap<>();
        for (JournalLine line : Objects.requireNonNull(lines)) {
            sums.merge(line.currency() + "/" + line.agencyCode(), line.signedMinor(), Math::addExact);
        }
        sums.forEach((key, sum) -> {
            if (sum != 0) {
                throw new IllegalArgumentException("journal entry does not balance for " + key + ": debits minus credits is " + sum);
            }
        });
    }
}
