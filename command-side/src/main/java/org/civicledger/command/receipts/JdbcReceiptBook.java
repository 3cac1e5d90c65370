package org.civicledger.command.receipts;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.civicledger.events.receipts.ReceiptNumber;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The receipt book in the command side's tables ({@code receipt_counter}, {@code receipt_register},
 * {@code cmd_citizen_account}, migration {@code V1_30}), through the Spring-managed connection of the
 * command's transaction, the same one Axon's JDBC event store appends with.
 */
public class JdbcReceiptBook implements ReceiptBook {

    private final JdbcTemplate jdbc;

    public JdbcReceiptBook(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void hold(Collection<Book> books) {
        TreeSet<Book> ordered = new TreeSet<>(Book.ORDER);
        ordered.addAll(books);
        for (Book book : ordered) {
            createIfAbsent(book.agencyCode(), book.year());
            // FOR UPDATE takes the row lock next()'s UPDATE would take, without counting: held until the transaction ends.
            List<Long> locked = jdbc.queryForList("SELECT last_sequence FROM receipt_counter WHERE agency_code = ? AND receipt_year = ? FOR UPDATE",
                    Long.class, book.agencyCode(), book.year());
            if (locked.size() != 1) {
                throw new IllegalStateException("the receipt counter of " + book.agencyCode() + " " + book.year() + " is missing");
            }
        }
    }

    @Override
    public ReceiptNumber next(String agencyCode, int year) {
        createIfAbsent(agencyCode, year);
        // The UPDATE locks the row until this transaction ends: the next issuer of this book waits here, then reads
        // the number this one took (or, had it rolled back, the number before it).
        int updated = jdbc.update("UPDATE receipt_counter SET last_sequence = last_sequence + 1 WHERE agency_code = ? AND receipt_year = ?",
                agencyCode, year);
        if (updated != 1) {
            throw new IllegalStateException("the receipt counter of " + agencyCode + " " + year + " is missing");
        }
        Long sequence = jdbc.queryForObject("SELECT last_sequence FROM receipt_counter WHERE agency_code = ? AND receipt_year = ?",
                Long.class, agencyCode, year);
        return new ReceiptNumber(agencyCode, year, sequence);
    }

    /**
     * The first receipt of a book creates its row; a concurrent creator waits for the other's insert and then does
     * nothing (no error, which on PostgreSQL would abort the whole transaction). That wait is on the same book, so it
     * keeps the order of {@link #hold}.
     */
    private void createIfAbsent(String agencyCode, int year) {
        jdbc.update("INSERT INTO receipt_counter (agency_code, receipt_year, last_sequence) VALUES (?, ?, 0) ON CONFLICT DO NOTHING",
                agencyCode, year);
    }

    @Override
    public void register(String receiptId, ReceiptNumber number, String billId, String payerRef, String citizenSubject) {
        jdbc.update("INSERT INTO receipt_register (receipt_id, agency_code, receipt_year, sequence_no, bill_id, payer_ref, citizen_subject) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                receiptId, number.agencyCode(), number.year(), number.sequence(), billId, payerRef, citizenSubject);
    }

    @Override
    public boolean exists(String receiptId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM receipt_register WHERE receipt_id = ?", Integer.class, receiptId);
        return count != null && count > 0;
    }

    @Override
    public List<String> unattributed(String payerRef, int limit) {
        return jdbc.queryForList("SELECT receipt_id FROM receipt_register WHERE payer_ref = ? AND citizen_subject IS NULL "
                + "ORDER BY receipt_id LIMIT ?", String.class, payerRef, limit);
    }

    @Override
    public void attributed(String receiptId, String citizenSubject) {
        jdbc.update("UPDATE receipt_register SET citizen_subject = ? WHERE receipt_id = ?", citizenSubject, receiptId);
    }

    @Override
    public Optional<String> accountOf(String subjectRef) {
        return jdbc.queryForList("SELECT citizen_subject FROM cmd_citizen_account WHERE subject_ref = ?", String.class, subjectRef)
                .stream().findFirst();
    }

    @Override
    public Optional<String> subjectRefOf(String citizenSubject) {
        return jdbc.queryForList("SELECT subject_ref FROM cmd_citizen_account WHERE citizen_subject = ?", String.class, citizenSubject)
                .stream().findFirst();
    }

    @Override
    public void enrolled(String subjectRef, String citizenSubject) {
        jdbc.update("INSERT INTO cmd_citizen_account (subject_ref, citizen_subject) VALUES (?, ?)", subjectRef, citizenSubject);
    }
}
