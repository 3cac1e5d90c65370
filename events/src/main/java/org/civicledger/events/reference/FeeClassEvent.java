package org.civicledger.events.reference;

import org.axonframework.serialization.Revision;
import org.civicledger.events.common.Money;

/**
 * What happened to a fee class: a kind of charge an agency bills citizens for (a government fee, a
 * local tax, a fine). Its revenue account is where paid bills of the class are credited in the journal.
 */
public sealed interface FeeClassEvent {

    String feeClassCode();

    /**
     * A fee class is offered from now on. {@code defaultAmount} is null when every bill names its own
     * amount (taxes, most fines); {@code revenueAccount} is a {@code revenue:<agency>:<name>} account.
     */
    @Revision("1")
    record FeeClassRegistered(
            String feeClassCode,
            String name,
            FeeKind kind,
            String agencyCode,
            Money defaultAmount,
            String revenueAccount) implements FeeClassEvent {
    }

    /** New terms for bills issued from now on; the former ones are kept beside for auditors. */
    @Revision("1")
    record FeeClassRevised(
            String feeClassCode,
            String name,
            Money defaultAmount,
            String revenueAccount,
            Money previousDefaultAmount,
            String previousRevenueAccount,
            String reason) implements FeeClassEvent {
    }
}
