package org.civicledger.command.receipts;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.civicledger.command.bills.BillBook;
import org.civicledger.command.receipts.ReceiptBook.Book;
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
 * the settlement is retried.
 *
 * <p>A batch of the settlement that pays bills of several agencies numbers receipts of several books in one
 * transaction. Taken in the order the bills come, two such batches could take two agencies' counters in opposite
 * orders and deadlock. So before the first receipt of a batch, every book its bills will be numbered in is held in
 * the one global order ({@link ReceiptBook#hold}). Axon hands a subscribing processor all the events its transaction
 * publishes as one batch ({@link BatchingUnitOfWork}), so the batch's {@code BillPaid}s are known at its first.
 */
@Component
@ProcessingGroup(ReceiptIssuance.PROCESSING_GROUP)
public class ReceiptIssuance {

    public static final String PROCESSING_GROUP = "receipt-issuance";
    static final Actor ISSUANCE = Actor.system("receipt-issuance");
    private static final String BOOKS_HELD = ReceiptIssuance.class.getName() + ".booksHeld";

    private final CommandGateway commands;
    private final ReceiptBook book;
    private final BillBook bills;
    private final Clock clock;

    public ReceiptIssuance(CommandGateway commands, ReceiptBook book, BillBook bills, Clock clock) {
        this.commands = commands;
        this.book = book;
        this.bills = bills;
        this.clock = clock;
    }

    @EventHandler
    public void on(BillPaid event) {
        if (CurrentUnitOfWork.isStarted()) {
            holdBooksOfTheBatch(CurrentUnitOfWork.get());
        }
        commands.sendAndWait(new IssueReceiptForBill(ReceiptCommands.receiptIdForBill(event.billId()), event.billId(),
                event.paymentId(), "receipt/" + event.billId(), ISSUANCE));
    }

    /** Once per batch: holds this year's book of the agency of every bill the batch pays, in the global order. */
    void holdBooksOfTheBatch(UnitOfWork<?> unitOfWork) {
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || unitOfWork.resources().containsKey(BOOKS_HELD)) {
            return;
        }
        unitOfWork.resources().put(BOOKS_HELD, Boolean.TRUE);
        // The year the desk will number in: the date of issue in the city's zone, from the same clock.
        int year = LocalDate.ofInstant(clock.instant(), clock.getZone()).getYear();
        List<Book> books = new ArrayList<>();
        for (Message<?> message : batch.getMessages()) {
            if (message.getPayload() instanceof BillPaid paid) {
                // An unknown bill is refused by the desk anyway; it needs no book.
                bills.bill(paid.billId()).ifPresent(bill -> books.add(new Book(bill.agencyCode(), year)));
            }
        }
        if (books.stream().distinct().count() > 1) {
            book.hold(books);
        }
    }
}
