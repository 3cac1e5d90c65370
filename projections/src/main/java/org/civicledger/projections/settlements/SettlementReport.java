package org.civicledger.projections.settlements;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The reconciliation of one provider's settlement day: the files imported for it, how many transactions ended
 * in each outcome, and every transaction with its outcome, discrepancy and resolution.
 */
public record SettlementReport(String providerCode, LocalDate settlementDate, List<File> files, Summary summary, List<Item> items,
                               long position) {

    public record File(String settlementId, String fileSha256, int lines, long settledTotalMinor, long feeTotalMinor, String currency,
                       Instant importedAt) {
    }

    public record Summary(int matched, int missingInSettlement, int unexpectedInSettlement, int amountMismatch, int unresolved) {
    }

    /** {@code lineNumber} is null for a transaction missing in the file; amounts null where that side lacks it. */
    public record Item(String settlementId, Integer lineNumber, String outcome, String type, String providerTransactionId,
                       String paymentId, String ledgerReference, Long settledMinor, Long ledgerMinor, Long feeMinor, String currency,
                       String discrepancyId, String resolution, String resolutionReason, Instant resolvedAt) {
    }
}
