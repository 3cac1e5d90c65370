package org.civicledger.command.receipts;

import java.util.List;
import java.util.Optional;
import org.civicledger.events.receipts.ReceiptNumber;

/**
 * The command side's receipt book: hands out the next number of an agency's book for a year and registers every
 * receipt under it. Both happen in the caller's transaction (the one that appends the receipt's first event), so a
 * number is taken exactly when its receipt is stored: gapless, and given back if the append rolls back.
 */
public interface ReceiptBook {

    /** The next number of {@code agencyCode}'s book for {@code year}; holds that book until the transaction ends. */
    ReceiptNumber next(String agencyCode, int year);

    /** Records a receipt under its number; {@code billId} only for the one receipt a paid bill gets. */
    void register(String receiptId, ReceiptNumber number, String billId, String payerRef, String citizenSubject);

    boolean exists(String receiptId);

    /** Receipts of a payer (by subject reference) not yet attributed to a citizen account, at most {@code limit}. */
    List<String> unattributed(String payerRef, int limit);

    void attributed(String receiptId, String citizenSubject);

    /** The citizen account a subject reference enrolled as, if it has. */
    Optional<String> accountOf(String subjectRef);

    /** The subject reference enrolled as a citizen account, if any. */
    Optional<String> subjectRefOf(String citizenSubject);

    void enrolled(String subjectRef, String citizenSubject);
}
