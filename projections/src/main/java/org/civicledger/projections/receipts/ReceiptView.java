package org.civicledger.projections.receipts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.civicledger.events.common.Money;

/**
 * A receipt as the receipts read model holds it: no payer's name or national ID (those stay sealed in the event), the
 * account it is attributed to, and its history. {@code year} is Gregorian, {@code rocYear} the same year as printed.
 */
public record ReceiptView(String receiptId, String number, String agencyCode, int year, int rocYear, long sequence, String status,
                          String feeClassCode, Money amount, String paymentReference, String billId, String citizenSubject,
                          Instant issuedAt, LocalDate issuedOn, String reissueOf, String reissuedAs, Instant voidedAt,
                          String voidReason, long issuedPosition, long position, List<Entry> history) {

    /** One thing that happened to the receipt, at its event's global position. */
    public record Entry(long position, String kind, Instant occurredAt, String summary) {
    }

    ReceiptView withHistory(List<Entry> entries) {
        return new ReceiptView(receiptId, number, agencyCode, year, rocYear, sequence, status, feeClassCode, amount, paymentReference,
                billId, citizenSubject, issuedAt, issuedOn, reissueOf, reissuedAs, voidedAt, voidReason, issuedPosition, position,
                entries);
    }

    @JsonIgnore
    public boolean voided() {
        return "VOIDED".equals(status);
    }
}
