package org.civicledger.events.settlements;

/** What a line of a provider's settlement file settles; names are stored in events: forever. */
public enum SettlementLineType {
    /** Money the provider collected for a ledger payment and pays to the city. */
    PAYMENT,
    /** Money the provider paid back to a payer for a ledger refund, deducted from the settlement. */
    REFUND,
    /** Money the provider took back from the city on the payer's dispute, deducted from the settlement. */
    CHARGEBACK
}
