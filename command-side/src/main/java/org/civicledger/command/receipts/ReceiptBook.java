package org.civicledger.command.receipts;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.civicledger.events.receipts.ReceiptNumber;

/**
 * The command side's receipt book: hands out the next number of an agency's book for a year and registers every
 * receipt under it. Both happen in the caller's transaction (the one that appends the receipt's first event), so a
 * number is taken exactly when its receipt is stored: gapless, and given back if the append rolls back.
 *
 * <p>Taking a number holds its book's counter until the transaction ends. A transaction that numbers receipts of
 * several books (a settlement batch paying bills of several agencies) takes their counters in one global order,
 * {@link Book#ORDER}, by {@link #hold holding} them all before its first number: two such transactions then queue
 * on the first counter they share instead of each holding one the other waits for (a deadlock).
 */
public interface ReceiptBook {

    /** One agency's book of one year: what one counter numbers. */
    record Book(String agencyCode, int year) {

        /** The one order in which a transaction takes several counters: agency code (as Java compares strings), then year. */
        public static final Comparator<Book> ORDER = Comparator.comparing(Book::agencyCode).thenComparingInt(Book::year);
    }

    /**
     * Takes the counters of {@code books} in {@link Book#ORDER} and holds them until the transaction ends, taking no
     * number (a book's first counter is created here if need be). A later {@link #next} of a held book does not wait.
     */
    void hold(Collection<Book> books);

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
