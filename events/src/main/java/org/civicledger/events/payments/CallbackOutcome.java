package org.civicledger.events.payments;

/** What a provider's callback reports about a payment. */
public enum CallbackOutcome {
    AUTHORIZED,
    SUCCEEDED,
    FAILED
}
