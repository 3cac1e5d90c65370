package org.civicledger.events.settlements;

/**
 * How one transaction ended when a provider's settlement file was reconciled with the ledger. Names are
 * stored in events: forever.
 */
public enum ReconciliationOutcome {
    /** The file and the ledger agree on the transaction and its amount. */
    MATCHED,
    /** The ledger says the transaction succeeded through the provider on the settlement day; the file lacks it. */
    MISSING_IN_SETTLEMENT,
    /** The file settles a transaction the ledger does not hold for this provider. */
    UNEXPECTED_IN_SETTLEMENT,
    /** Both hold the transaction, with different amounts. */
    AMOUNT_MISMATCH
}
