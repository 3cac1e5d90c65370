package org.civicledger.events.reference;

/** What kind of business a payment provider is; settlement files and fees differ by kind. */
public enum ProviderKind {
    /** An e-payment scheme (card schemes, the city's own e-payment). */
    E_PAYMENT,
    /** A third-party payment service (mobile wallets). */
    THIRD_PARTY,
    /** Telecom billing: the charge is added to the payer's phone bill. */
    TELECOM,
    /** A bank: transfers, ATM, direct debit, counters. */
    BANK
}
