package org.civicledger.projections.receipts;

import java.util.List;

/**
 * One agency's receipt book for one year: how many numbers were handed out, how many stand and how many were voided,
 * and whether the numbers run 1..last without a hole ({@code complete}); then a page of the entries in number order.
 *
 * @param position the highest event position the read model holds: a book read before the read model caught up may
 *                 lack the newest numbers, never a number in the middle once it reaches that position
 */
public record ReceiptBookPage(String agencyCode, int year, int rocYear, long numbers, long issued, long voided, long lastSequence,
                              boolean complete, List<Long> missing, long position, long from, List<Entry> entries, boolean hasMore) {

    /** One number of the book. */
    public record Entry(long sequence, String number, String status, String receiptId, java.time.LocalDate issuedOn, long amountMinor,
                        String currency, String feeClassCode, String reissueOf, String reissuedAs) {
    }
}
