package org.civicledger.command.receipts;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.civicledger.events.common.Actor;
import org.civicledger.events.payments.BillEvent.BillPaid;
import org.civicledger.events.receipts.ReceiptCommands;
import org.civicledger.events.receipts.ReceiptCommands.IssueReceiptForBill;
import org.springframework.stereotype.Component;

/**
 * Issues the receipt of every paid bill. The receipt id is derived from the bill id, and the desk answers a bill that
 * has its receipt with that receipt, so a redelivered {@code BillPaid} (a retried batch, a second node) issues nothing
 * twice. Runs in its own processing group ({@value #PROCESSING_GROUP}); the command joins the processor's transaction,
 * so a failure rolls back the token too and the batch is retried.
 */
@Component
@ProcessingGroup(ReceiptIssuance.PROCESSING_GROUP)
@DisallowReplay
public class ReceiptIssuance {

    public static final String PROCESSING_GROUP = "receipt-issuance";
    static final Actor ISSUANCE = Actor.system("receipt-issuance");

    private final CommandGateway commands;

    public ReceiptIssuance(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    public void on(BillPaid event) {
        commands.sendAndWait(new IssueReceiptForBill(ReceiptCommands.receiptIdForBill(event.billId()), event.billId(),
                event.paymentId(), "receipt/" + event.billId(), ISSUANCE));
    }
}
