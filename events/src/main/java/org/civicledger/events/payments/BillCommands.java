package org.civicledger.events.payments;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.LedgerCommand;
import org.civicledger.events.common.Money;

/** Commands on a bill (a payment notice an agency issues to a citizen). */
public final class BillCommands {

    private BillCommands() {
    }

    /** An officer of the fee class's agency (or the ledger itself, for a case's fee) bills a payer. */
    public record IssueBill(
            @TargetAggregateIdentifier String billId,
            String feeClassCode,
            Payer payer,
            Money amount,
            LocalDate dueOn,
            BillReference reference,
            String commandId,
            Actor actor) implements LedgerCommand {
    }

    /** A new amount and/or due date for a bill not yet paid, with the reason. */
    public record AmendBill(
            @TargetAggregateIdentifier String billId, Money amount, LocalDate dueOn, String reason, String commandId, Actor actor)
            implements LedgerCommand {
    }

    public record CancelBill(@TargetAggregateIdentifier String billId, String reason, String commandId, Actor actor)
            implements LedgerCommand {
    }

    /**
     * The ledger's settlement of a succeeded payment: the bill is paid by it. Sent once per bill of the
     * payment; sent again for the same payment it changes nothing.
     */
    public record MarkBillPaid(
            @TargetAggregateIdentifier String billId, String paymentId, Money amount, String commandId, Actor actor)
            implements LedgerCommand {
    }
}
