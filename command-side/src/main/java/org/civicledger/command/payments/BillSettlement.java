package org.civicledger.command.payments;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.civicledger.command.bills.SettlementOutcome;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.civicledger.events.common.Actor;
import org.civicledger.events.payments.BillCommands.MarkBillPaid;
import org.civicledger.events.payments.BillShare;
import org.civicledger.events.payments.PaymentCommands.RecordOverpayment;
import org.civicledger.events.payments.PaymentEvent.PaymentSucceeded;
import org.springframework.stereotype.Component;

/**
 * Settles the bills of a succeeded payment: each bill is marked paid by it; a bill that refuses (paid by
 * another payment meanwhile, cancelled, amended to another amount) becomes an overpayment of this
 * payment, owed back to the payer, never silently absorbed.
 *
 * <p>Runs in its own processing group ({@value #PROCESSING_GROUP}), after the payment's transaction. A bill
 * answers a refusal instead of throwing ({@link SettlementOutcome}), because a command that throws inside
 * the processor's transaction would mark it for rollback. Both commands are idempotent (the same payment marking the same bill again changes nothing; an overpayment
 * of the same bill is recorded once), so a redelivered event is harmless; a replay would only repeat
 * them, and is not allowed anyway.
 */
@Component
@ProcessingGroup(BillSettlement.PROCESSING_GROUP)
@DisallowReplay
public class BillSettlement {

    public static final String PROCESSING_GROUP = "payment-settlement";
    static final Actor SETTLEMENT = Actor.system("payment-settlement");

    private final CommandGateway commands;

    public BillSettlement(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    public void on(PaymentSucceeded event) {
        for (BillShare share : event.bills()) {
            SettlementOutcome outcome = commands.sendAndWait(new MarkBillPaid(share.billId(), event.paymentId(), share.amount(),
                    event.paymentId() + "/settle/" + share.billId(), SETTLEMENT));
            if (!outcome.paid()) {
                commands.sendAndWait(new RecordOverpayment(event.paymentId(), share.billId(), outcome.reason(),
                        event.paymentId() + "/overpaid/" + share.billId(), SETTLEMENT));
            }
        }
    }
}
