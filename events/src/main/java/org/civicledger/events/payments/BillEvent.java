package org.civicledger.events.payments;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import org.civicledger.events.common.Money;

/**
 * What happened to a bill. Names and JSON are forever once stored: see the approval tests.
 *
 * <p>A bill is issued under the terms its fee class had then: the owning agency and the revenue account
 * are copied in, so a later revision of the fee class never changes where an issued bill's money goes.
 */
public sealed interface BillEvent {

    String billId();

    @Revision("1")
    record BillIssued(
            String billId,
            String feeClassCode,
            String agencyCode,
            String revenueAccount,
            Payer payer,
            Money amount,
            LocalDate dueOn,
            BillReference reference,
            LocalDate issuedOn) implements BillEvent {
    }

    /** A correction before payment; the former amount and due date are kept beside. */
    @Revision("1")
    record BillAmended(
            String billId,
            Money amount,
            LocalDate dueOn,
            Money previousAmount,
            LocalDate previousDueOn,
            String reason,
            LocalDate amendedOn) implements BillEvent {
    }

    @Revision("1")
    record BillCancelled(String billId, String reason, LocalDate cancelledOn) implements BillEvent {
    }

    /** The due date passed unpaid; the bill can still be paid. */
    @Revision("1")
    record BillFellOverdue(String billId, LocalDate dueOn, LocalDate overdueOn) implements BillEvent {
    }

    /** Paid by one payment, once: a second payment for it becomes that payment's overpayment. */
    @Revision("1")
    record BillPaid(String billId, String paymentId, Money amount, LocalDate paidOn) implements BillEvent {
    }
}
