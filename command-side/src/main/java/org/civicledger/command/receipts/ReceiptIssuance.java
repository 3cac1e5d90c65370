package org.civicledger.command.receipts;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.civicledger.events.common.Actor;
import org.civicledger.events.payments.BillEvent.BillPaid;
import org.civicledger.events.receipts.ReceiptCommands;
import org.civicledger.events.receipts.ReceiptCommands.IssueReceiptForBill;
import org.springframework.stereotype.Component;

/**
 * Issues the receipt of every paid bill. The receipt id is derived from the bill id, and the desk answers a bill that
 * has its receipt with that receipt, so a redelivered {@code BillPaid} issues nothing twice.
 *
 * <p>Its processing group ({@value #PROCESSING_GROUP}) is a subscribing processor in the assembly: the receipt is issued
 * in the unit of work and transaction that record {@code BillPaid}, so the bill is never paid without its receipt and
 * the receipt is there as soon as the payment is settled. A failure to issue rolls the bill's payment back with it;
 * the settlement is retried. A batch of the settlement that pays bills of two agencies holds both agencies' counters
 * until it commits; two such batches in opposite order deadlock, one is aborted by the database and retried.
 */
@Component
@ProcessingGroup(ReceiptIssuance.PROCESSING_GROUP)
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
