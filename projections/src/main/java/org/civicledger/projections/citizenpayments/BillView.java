package org.civicledger.projections.citizenpayments;

import java.time.LocalDate;
import org.civicledger.events.common.Money;
import org.civicledger.events.payments.BillReference;
import org.civicledger.events.payments.BillStatus;

/** A bill as its payer sees it in their history. */
public record BillView(String billId, String citizenSubject, String agencyCode, String feeClassCode, BillReference reference,
                       Money amount, LocalDate dueOn, BillStatus status, LocalDate issuedOn, String paidBy, LocalDate paidOn,
                       long lastPosition) {
}
