package org.civicledger.events.receipts;

import org.civicledger.events.common.Actor;
import org.civicledger.events.common.LedgerCommand;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.payments.Payer;

/**
 * Commands about receipts. None names its aggregate by annotation: issuing takes the next number of the
 * agency's book in the same transaction as the receipt's first event, which only the command side's receipt
 * desk can do, so every receipt command goes to it.
 */
public final class ReceiptCommands {

    private ReceiptCommands() {
    }

    /**
     * The ledger issues the receipt of a paid bill. The receipt id is derived from the bill id
     * ({@link #receiptIdForBill}), so a replayed or redelivered payment issues no second receipt.
     */
    public record IssueReceiptForBill(String receiptId, String billId, String paymentId, String commandId, Actor actor)
            implements LedgerCommand {
    }

    /** An officer issues a receipt for money taken at the counter (cash), for a fee class of their agency. */
    public record IssueCounterReceipt(
            String receiptId,
            String feeClassCode,
            Payer payer,
            Money amount,
            String paymentReference,
            String commandId,
            Actor actor) implements LedgerCommand {
    }

    /** An officer of the issuing agency voids a receipt, with the reason; its number stays in the book as voided. */
    public record VoidReceipt(String receiptId, String reason, String commandId, Actor actor) implements LedgerCommand {
    }

    /**
     * An officer of the issuing agency voids a receipt and issues its replacement under a new number, in one
     * step. The payer may be corrected (a misspelt name); everything else is copied.
     */
    public record ReissueReceipt(String receiptId, String newReceiptId, String reason, Payer correctedPayer, String commandId,
                                 Actor actor) implements LedgerCommand {
    }

    /**
     * An operator, for the identity provider, records that the citizen with this national ID signs in as
     * {@code citizenSubject}. No aggregate id here: the target is the subject reference, which only the command
     * side can compute.
     */
    public record EnrollCitizenAccount(NationalId nationalId, String citizenSubject, String commandId, Actor actor)
            implements LedgerCommand {

        @Override
        public String toString() {
            return "EnrollCitizenAccount[" + commandId + "]";
        }
    }

    /** The receipt id of a paid bill's receipt: one bill, one receipt, whatever is redelivered. */
    public static String receiptIdForBill(String billId) {
        return "rcpt-" + billId;
    }
}
