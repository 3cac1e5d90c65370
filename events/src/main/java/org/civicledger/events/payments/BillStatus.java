package org.civicledger.events.payments;

/** Where a bill stands: open (payable), overdue (still payable), paid or cancelled. */
public enum BillStatus {
    OPEN,
    OVERDUE,
    PAID,
    CANCELLED;

    /** Open and overdue bills can be paid, amended and cancelled; paid and cancelled ones are settled. */
    public boolean isPayable() {
        return this == OPEN || this == OVERDUE;
    }
}
