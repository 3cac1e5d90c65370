package org.civicledger.projections.receipts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.civicledger.events.common.Money;
import org.civicledger.events.receipts.ReceiptNumber;
import org.civicledger.projections.support.Jdbc;
import org.civicledger.projections.support.Page;
import org.civicledger.projections.support.PageRequest;
import org.civicledger.projections.slots.ReadModelSlots;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads of the receipts read model. */
@Component
public class ReceiptsQueries {

    /** The most entries of a receipt book one JSON page holds; the CSV streams the whole year. */
    public static final int BOOK_PAGE_MAX = 1_000;
    /** The most missing numbers a book page lists (a book with more holes than that is reported incomplete all the same). */
    static final int MISSING_LISTED_MAX = 100;

    private final JdbcTemplate jdbc;

    public ReceiptsQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Reads the active slot of each read model (a blue/green rebuild fills the other one, {@link ReadModelSlots}). */
    @Autowired
    public ReceiptsQueries(ReadModelSlots slots) {
        this(slots.reader());
    }

    public Optional<ReceiptView> receipt(String receiptId) {
        return jdbc.query("SELECT * FROM receipt WHERE receipt_id = ?", (rs, i) -> view(rs), receiptId).stream().findFirst()
                .map(view -> view.withHistory(history(List.of(receiptId)).getOrDefault(receiptId, List.of())));
    }

    public Optional<ReceiptView> byNumber(ReceiptNumber number) {
        return jdbc.query("SELECT * FROM receipt WHERE agency_code = ? AND receipt_year = ? AND sequence_no = ?", (rs, i) -> view(rs),
                number.agencyCode(), number.year(), number.sequence()).stream().findFirst();
    }

    /** The SHA-256 (hex) of the receipt's verification code. */
    public Optional<String> codeSha256(String receiptId) {
        return jdbc.queryForList("SELECT code_sha256 FROM receipt WHERE receipt_id = ?", String.class, receiptId).stream().findFirst();
    }

    /** A citizen's receipts, newest first, each with its history. */
    public Page<ReceiptView> ofCitizen(String citizenSubject, PageRequest page) {
        List<ReceiptView> rows = jdbc.query("SELECT * FROM receipt WHERE citizen_subject = ? ORDER BY issued_at DESC, receipt_id DESC "
                + "LIMIT ? OFFSET ?", (rs, i) -> view(rs), citizenSubject, page.fetchSize(), page.offset());
        Map<String, List<ReceiptView.Entry>> history = history(rows.stream().map(ReceiptView::receiptId).toList());
        return Page.of(rows.stream().map(row -> row.withHistory(history.getOrDefault(row.receiptId(), List.of()))).toList(), page);
    }

    public ReceiptBookPage book(String agencyCode, int year, long from, int size) {
        Map<String, Object> totals = jdbc.queryForMap("SELECT COUNT(*) AS numbers, "
                + "COALESCE(SUM(CASE WHEN status = 'VOIDED' THEN 1 ELSE 0 END), 0) AS voided, COALESCE(MAX(sequence_no), 0) AS last_sequence "
                + "FROM receipt WHERE agency_code = ? AND receipt_year = ?", agencyCode, year);
        long numbers = ((Number) totals.get("numbers")).longValue();
        long voided = ((Number) totals.get("voided")).longValue();
        long last = ((Number) totals.get("last_sequence")).longValue();
        // Numbers are unique (the table's key), so the book has no hole exactly when it holds as many numbers as its last one.
        List<Long> missing = numbers == last ? List.of() : missing(agencyCode, year);
        List<ReceiptBookPage.Entry> entries = jdbc.query("SELECT * FROM receipt WHERE agency_code = ? AND receipt_year = ? AND sequence_no >= ? "
                + "ORDER BY sequence_no LIMIT ?", (rs, i) -> entry(rs), agencyCode, year, from, size + 1);
        boolean more = entries.size() > size;
        Long position = jdbc.queryForObject("SELECT MAX(last_position) FROM receipt", Long.class);
        return new ReceiptBookPage(agencyCode, year, year - ReceiptNumber.ROC_OFFSET, numbers, numbers - voided, voided, last,
                numbers == last, missing, position == null ? 0 : position, from, more ? entries.subList(0, size) : entries, more);
    }

    /** Every entry of a year's book in number order, one at a time (for the CSV, which streams). */
    public void eachBookEntry(String agencyCode, int year, Consumer<ReceiptBookPage.Entry> consumer) {
        jdbc.query("SELECT * FROM receipt WHERE agency_code = ? AND receipt_year = ? ORDER BY sequence_no",
                rs -> {
                    consumer.accept(entry(rs));
                }, agencyCode, year);
    }

    private List<Long> missing(String agencyCode, int year) {
        List<Long> sequences = jdbc.queryForList("SELECT sequence_no FROM receipt WHERE agency_code = ? AND receipt_year = ? ORDER BY sequence_no",
                Long.class, agencyCode, year);
        List<Long> missing = new ArrayList<>();
        long expected = 1;
        for (long sequence : sequences) {
            for (; expected < sequence && missing.size() < MISSING_LISTED_MAX; expected++) {
                missing.add(expected);
            }
            expected = sequence + 1;
        }
        return missing;
    }

    private Map<String, List<ReceiptView.Entry>> history(List<String> receiptIds) {
        if (receiptIds.isEmpty()) {
            return Map.of();
        }
        String marks = receiptIds.stream().map(id -> "?").collect(Collectors.joining(", "));
        List<Object[]> rows = jdbc.query("SELECT * FROM receipt_history WHERE receipt_id IN (" + marks + ") ORDER BY position",
                (rs, i) -> new Object[] {rs.getString("receipt_id"), new ReceiptView.Entry(rs.getLong("position"), rs.getString("kind"),
                        Jdbc.instant(rs, "occurred_at"), rs.getString("summary"))}, receiptIds.toArray());
        return rows.stream().collect(Collectors.groupingBy(row -> (String) row[0], java.util.LinkedHashMap::new,
                Collectors.mapping(row -> (ReceiptView.Entry) row[1], Collectors.toList())));
    }

    private static ReceiptBookPage.Entry entry(ResultSet rs) throws SQLException {
        return new ReceiptBookPage.Entry(rs.getLong("sequence_no"), rs.getString("number_text"), rs.getString("status"),
                rs.getString("receipt_id"), Jdbc.date(rs, "issued_on"), rs.getLong("amount_minor"), rs.getString("currency"),
                rs.getString("fee_class_code"), rs.getString("reissue_of"), rs.getString("reissued_as"));
    }

    private static ReceiptView view(ResultSet rs) throws SQLException {
        int year = rs.getInt("receipt_year");
        return new ReceiptView(rs.getString("receipt_id"), rs.getString("number_text"), rs.getString("agency_code"), year,
                year - ReceiptNumber.ROC_OFFSET, rs.getLong("sequence_no"), rs.getString("status"), rs.getString("fee_class_code"),
                new Money(rs.getLong("amount_minor"), rs.getString("currency")), rs.getString("payment_reference"), rs.getString("bill_id"),
                rs.getString("citizen_subject"), Jdbc.instant(rs, "issued_at"), Jdbc.date(rs, "issued_on"), rs.getString("reissue_of"),
                rs.getString("reissued_as"), Jdbc.instant(rs, "voided_at"), rs.getString("void_reason"), rs.getLong("issued_position"),
                rs.getLong("last_position"), List.of());
    }
}
