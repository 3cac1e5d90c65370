package org.civicledger.events.settlements;

/** How a settlement discrepancy was resolved; names are stored in events: forever. */
public enum DiscrepancyResolution {
    /**
     * The provider's figure stands: the difference left in the provider's clearing account is booked away (money
     * settled beyond the ledger's to {@code overpayments}, owed back to whoever paid it; money short of the
     * ledger's to {@code provider-fees}, a cost of the provider).
     */
    ADJUST_CLEARING,
    /** Nothing is booked: the difference is explained elsewhere (settled in another file, a late callback). */
    CARRIED_FORWARD
}
