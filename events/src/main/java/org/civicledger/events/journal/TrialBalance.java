package org.civicledger.events.journal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The trial balance over journal entries: debits and credits per account, agency and currency. Pure
 * arithmetic on entries, no storage: the command side checks it in tests, a projection can keep one.
 *
 * <p>Because every entry balances per agency and currency ({@link JournalEntry#requireBalanced}), the
 * balance is zero after any prefix of the event stream, city-wide and for each agency alike;
 * {@link #isZero()} says whether that still holds. Sums use exact arithmetic: an overflow throws.
 */
public final class TrialBalance {

    /** One row: an account's totals for one agency (null: city-wide lines) and currency. */
    public record Row(String account, String agencyCode, String currency, long debitMinor, long creditMinor) {

        /** Debit minus credit. */
        public long balanceMinor() {
            return Math.subtractExact(debitMinor, creditMinor);
        }
    }

    private record Key(String account, String agencyCode, String currency) {
    }

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::currency)
            .thenComparing(Key::agencyCode, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Key::account);

    private final Map<Key, long[]> totals = new TreeMap<>(ORDER);

    /** The trial balance of the given entries. */
    public static TrialBalance of(Iterable<? extends JournalEntry> entries) {
        TrialBalance balance = new TrialBalance();
        entries.forEach(balance::add);
        return balance;
    }

    /** The trial balance of the entries booked at or before {@code moment}. */
    public static TrialBalance asOf(Iterable<? extends JournalEntry> entries, Instant moment) {
        TrialBalance balance = new TrialBalance();
        for (JournalEntry entry : entries) {
            if (!entry.bookedAt().isAfter(moment)) {
                balance.add(entry);
            }
        }
        return balance;
    }

    public TrialBalance add(JournalEntry entry) {
        for (JournalLine line : entry.lines()) {
            long[] sums = totals.computeIfAbsent(new Key(line.account(), line.agencyCode(), line.currency()), key -> new long[2]);
            sums[0] = Math.addExact(sums[0], line.debitMinor());
            sums[1] = Math.addExact(sums[1], line.creditMinor());
        }
        return this;
    }

    /** Every row, ordered by currency, agency (city-wide first) and account. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        totals.forEach((key, sums) -> rows.add(new Row(key.account(), key.agencyCode(), key.currency(), sums[0], sums[1])));
        return rows;
    }

    /** The rows of one agency only; null asks for the city-wide lines that belong to no agency. */
    public List<Row> rowsOf(String agencyCode) {
        return rows().stream().filter(row -> Objects.equals(row.agencyCode(), agencyCode)).toList();
    }

    /** An account's balance (debit minus credit) in one currency, over all agencies. */
    public long balanceMinor(String account, String currency) {
        long sum = 0;
        for (Row row : rows()) {
            if (row.account().equals(account) && row.currency().equals(currency)) {
                sum = Math.addExact(sum, row.balanceMinor());
            }
        }
        return sum;
    }

    /** Debits minus credits of everything in one currency: zero in a sound ledger. */
    public long totalMinor(String currency) {
        long sum = 0;
        for (Row row : rows()) {
            if (row.currency().equals(currency)) {
                sum = Math.addExact(sum, row.balanceMinor());
            }
        }
        return sum;
    }

    /** Debits minus credits of one agency's lines in one currency (null: the city-wide lines). */
    public long totalMinorOf(String agencyCode, String currency) {
        long sum = 0;
        for (Row row : rowsOf(agencyCode)) {
            if (row.currency().equals(currency)) {
                sum = Math.addExact(sum, row.balanceMinor());
            }
        }
        return sum;
    }

    /** True when, in every currency, the city-wide total and each agency's total are zero. */
    public boolean isZero() {
        Map<String, Long> sums = new TreeMap<>();
        for (Row row : rows()) {
            sums.merge(row.currency() + "/" + row.agencyCode(), row.balanceMinor(), Math::addExact);
            sums.merge(row.currency(), row.balanceMinor(), Math::addExact);
        }
        return sums.values().stream().allMatch(sum -> sum == 0);
    }
}
