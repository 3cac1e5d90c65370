package org.civicledger.command.reference;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.civicledger.command.rules.Require;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.RuleViolation;
import org.civicledger.events.journal.Accounts;
import org.civicledger.events.reference.FeeClassEvent.FeeClassRegistered;
import org.civicledger.events.reference.FeeClassEvent.FeeClassRevised;
import org.civicledger.events.reference.PaymentReferenceCommands.RegisterFeeClass;
import org.civicledger.events.reference.PaymentReferenceCommands.ReviseFeeClass;

/**
 * A fee class: a kind of charge one agency bills citizens for, with an optional default amount and the
 * revenue account its paid bills are credited to. Identity: its code. Its agency never changes (a fee
 * moving to another agency is a new fee class), so its revenue stays the owning agency's.
 */
public class FeeClass {

    public static final int NAME_LENGTH_MAX = 200;

    @AggregateIdentifier
    private String feeClassCode;
    private String agencyCode;
    private Money defaultAmount;
    private String revenueAccount;

    protected FeeClass() {
        // For Axon's event sourcing.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public void handle(RegisterFeeClass command, ReferenceCatalog catalog) {
        Require.referenceDataKeeper(command.actor());
        Require.code("feeClassCode", command.feeClassCode());
        if (CaseFeeClass.isReserved(command.feeClassCode())) {
            throw RuleViolation.invalid("CaseFeeClassesAreImplicit", "feeClassCode",
                    "fee class codes starting " + CaseFeeClass.PREFIX + " are the agencies' case fees and are not registered");
        }
        if (command.kind() == null) {
            throw RuleViolation.invalid("FeeKindIsGiven", "kind", "a fee class is a government fee, a local tax or a fine");
        }
        if (!catalog.agencyExists(command.agencyCode())) {
            throw RuleViolation.invalid("FeeClassBelongsToKnownAgency", "agencyCode", "agency " + command.agencyCode() + " is not registered");
        }
        validateTerms(command.name(), command.defaultAmount(), command.revenueAccount(), command.agencyCode());
        apply(new FeeClassRegistered(command.feeClassCode(), command.name(), command.kind(), command.agencyCode(),
                command.defaultAmount(), command.revenueAccount()));
    }

    @CommandHandler
    public void handle(ReviseFeeClass command) {
        Require.referenceDataKeeper(command.actor());
        validateTerms(command.name(), command.defaultAmount(), command.revenueAccount(), agencyCode);
        Require.text("reason", command.reason(), 500);
        apply(new FeeClassRevised(feeClassCode, command.name(), command.defaultAmount(), command.revenueAccount(), defaultAmount,
                revenueAccount, command.reason()));
    }

    private static void validateTerms(String name, Money defaultAmount, String revenueAccount, String agencyCode) {
        Require.text("name", name, NAME_LENGTH_MAX);
        if (defaultAmount != null) {
            Require.feeAmount("defaultAmount", defaultAmount);
        }
        if (!Accounts.isRevenueOf(revenueAccount, agencyCode)) {
            throw RuleViolation.invalid("RevenueGoesToTheOwningAgency", "revenueAccount",
                    "the revenue account of a fee class of " + agencyCode + " is revenue:" + agencyCode + ":<name>");
        }
    }

    @EventSourcingHandler
    void on(FeeClassRegistered event) {
        feeClassCode = event.feeClassCode();
        agencyCode = event.agencyCode();
        defaultAmount = event.defaultAmount();
        revenueAccount = event.revenueAccount();
    }

    @EventSourcingHandler
    void on(FeeClassRevised event) {
        defaultAmount = event.defaultAmount();
        revenueAccount = event.revenueAccount();
    }
}
