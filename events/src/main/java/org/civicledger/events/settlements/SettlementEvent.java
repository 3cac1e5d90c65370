package org.civicledger.events.settlements;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.civicledger.events.common.Money;
import org.civicledger.events.journal.JournalEntry;
import org.civicledger.events.journal.JournalLine;

/**
 * What happened to a provider's settlement file: imported and reconciled line by line, its discrepancies, their
 * resolutions, and the journal entries of the money it moved. Names and JSON are forever once stored: see the
 * approval tests. A settlement's id is derived from the provider and the file's SHA-256, so the same file
 * imported again lands on the same stream and changes nothing.
 */
public sealed interface SettlementEvent {

    String settlementId();

    /**
     * The file as imported, each line with its outcome. {@code settlementDate} is the business day (the city's
     * zone) of the transactions the file settles.
     */
    @Revision("1")
    record SettlementFileImported(
            String settlementId,
            String providerCode,
            LocalDate settlementDate,
            String fileSha256,
            List<SettlementLine> lines,
            Money settledTotal,
            Money feeTotal,
            Instant importedAt) implements SettlementEvent {

        public SettlementFileImported {
            lines = List.copyOf(lines);
        }
    }

    /**
     * A transaction on which the file and the ledger disagree. {@code lineNumber} is null for a transaction
     * missing in the file; {@code ledgerAmount} null for one the ledger does not hold; {@code settledAmount} null
     * for one the file does not hold.
     */
    @Revision("1")
    record SettlementDiscrepancyFound(
            String settlementId,
            String discrepancyId,
            ReconciliationOutcome kind,
            Integer lineNumber,
            SettlementLineType type,
            String providerTransactionId,
            String paymentId,
            String ledgerReference,
            Money ledgerAmount,
            Money settledAmount,
            Instant foundAt) implements SettlementEvent {
    }

    /** A discrepancy resolved, by a person, with a reason; with {@code ADJUST_CLEARING} a correcting entry follows. */
    @Revision("1")
    record SettlementDiscrepancyResolved(
            String settlementId, String discrepancyId, DiscrepancyResolution resolution, String reason, Instant resolvedAt)
            implements SettlementEvent {
    }

    /**
     * A balanced journal entry for money a settlement moved, recorded on the settlement's stream right after the
     * event that moved it. {@code cause}: {@code settlement-refunds} (refunds the provider paid out),
     * {@code settlement-fees}, {@code settlement-transfer} (the provider's net payment to the city's bank),
     * {@code settlement-correction} (a resolved discrepancy).
     */
    @Revision("1")
    record SettlementJournalEntryRecorded(String settlementId, String entryId, String cause, Instant bookedAt, List<JournalLine> lines)
            implements SettlementEvent, JournalEntry {

        public SettlementJournalEntryRecorded {
            lines = List.copyOf(lines);
            JournalEntry.requireBalanced(lines);
        }
    }
}
