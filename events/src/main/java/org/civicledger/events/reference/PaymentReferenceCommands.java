package org.civicledger.events.reference;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.LedgerCommand;
import org.civicledger.events.common.Money;

/** Commands that change the reference data of payments: fee classes and payment providers. */
public final class PaymentReferenceCommands {

    private PaymentReferenceCommands() {
    }

    public record RegisterFeeClass(
            @TargetAggregateIdentifier String feeClassCode,
            String name,
            FeeKind kind,
            String agencyCode,
            Money defaultAmount,
            String revenueAccount,
            String commandId,
            Actor actor) implements LedgerCommand {
    }

    /** Changes the terms of a fee class for bills issued from now on; issued bills keep theirs. */
    public record ReviseFeeClass(
            @TargetAggregateIdentifier String feeClassCode,
            String name,
            Money defaultAmount,
            String revenueAccount,
            String reason,
            String commandId,
            Actor actor) implements LedgerCommand {
    }

    public record RegisterPaymentProvider(
            @TargetAggregateIdentifier String providerCode,
            String name,
            ProviderKind kind,
            List<String> channels,
            String callbackSecretRef,
            String commandId,
            Actor actor) implements LedgerCommand {
    }

    public record RevisePaymentProvider(
            @TargetAggregateIdentifier String providerCode,
            String name,
            List<String> channels,
            String callbackSecretRef,
            String reason,
            String commandId,
            Actor actor) implements LedgerCommand {
    }
}
