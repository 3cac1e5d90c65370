package org.civicledger.command.bills;

/**
 * What {@code MarkBillPaid} answers: whether the payment paid the bill, or the rule that kept it from
 * doing so (the bill was paid by another payment, cancelled, or amended to another amount).
 *
 * <p>A refusal here is an answer, not an exception, on purpose: the settlement runs inside an event
 * processor's transaction, and a command that throws inside it marks the whole transaction for rollback
 * (the batch would fail and repeat for ever). Nothing is recorded on the bill when it refuses.
 */
public record SettlementOutcome(String billId, boolean paid, String refusedBy, String reason) {

    public static SettlementOutcome paid(String billId) {
        return new SettlementOutcome(billId, true, null, null);
    }

    public static SettlementOutcome refused(String billId, String rule, String reason) {
        return new SettlementOutcome(billId, false, rule, reason);
    }
}
