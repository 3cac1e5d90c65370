package org.civicledger.events.payments;

/**
 * Where a payment stands. A payment only moves forward ({@link #rank()}): a callback that would move it
 * back (an "authorized" arriving after "succeeded") is recorded as ignored, never applied.
 */
public enum PaymentStatus {
    /** Sent to the provider; the payer has not finished there. */
    INITIATED(0),
    /** The provider reserved the money. */
    AUTHORIZED(1),
    /** The provider took the money; the bills are settled by it. */
    SUCCEEDED(2),
    /** The provider took a different amount than the bills add up to: the money is held, no bill is settled. */
    AMOUNT_MISMATCHED(2),
    /** The provider refused; no money moved. */
    FAILED(2),
    /** Not finished in time; no money moved (a later success still counts: the money did move). */
    EXPIRED(2);

    private final int rank;

    PaymentStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    /** True when money was received: it may be refunded or charged back. */
    public boolean receivedMoney() {
        return this == SUCCEEDED || this == AMOUNT_MISMATCHED;
    }
}
