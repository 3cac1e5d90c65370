package org.civicledger.events.payments;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.LedgerCommand;
import org.civicledger.events.common.Money;

/** Commands on a payment: one attempt to pay one or several bills through a provider. */
public final class PaymentCommands {

    private PaymentCommands() {
    }

    /**
     * The payer pays one bill, or several at once (pay-all): all open, all of that payer, all in one
     * currency, through a provider's channel.
     */
    public record InitiatePayment(
            @TargetAggregateIdentifier String paymentId,
            List<String> billIds,
            String providerCode,
            String channel,
            String commandId,
            Actor actor) implements LedgerCommand {
    }

    /**
     * A provider's callback, its signature already checked. {@code providerEventId} is the provider's own
     * id of the notification: the same id again changes nothing. {@code amount} is what the provider says
     * it took (for {@link CallbackOutcome#SUCCEEDED}); {@code reason} is its reason for a failure.
     */
    public record RecordProviderCallback(
            @TargetAggregateIdentifier String paymentId,
            String providerCode,
            String providerEventId,
            CallbackOutcome outcome,
            Money amount,
            String reason,
            String commandId,
            Actor actor) implements LedgerCommand {
    }

    /**
     * The ledger's settlement found that a bill of a succeeded payment could not be paid by it (paid by
     * another payment meanwhile, cancelled, amended): that bill's share is owed back to the payer.
     */
    public record RecordOverpayment(
            @TargetAggregateIdentifier String paymentId, String billId, String reason, String commandId, Actor actor)
            implements LedgerCommand {
    }

    /** Money paid back to the payer, partly or wholly; {@code refundId} makes a retried request harmless. */
    public record RefundPayment(
            @TargetAggregateIdentifier String paymentId, String refundId, Money amount, String reason, String commandId, Actor actor)
            implements LedgerCommand {
    }

    /** The provider took money back (a disputed card payment); recorded like a refund. */
    public record RecordChargeback(
            @TargetAggregateIdentifier String paymentId,
            String chargebackId,
            Money amount,
            String reason,
            String commandId,
            Actor actor) implements LedgerCommand {
    }
}
