package org.civicledger.command.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.civicledger.events.receipts.ReceiptNumber;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The receipt book's numbering, as a property: whatever mix of agencies and years, whatever transactions commit or
 * roll back after taking a number, and however many of them run at once, every book holds exactly the numbers 1..n of
 * its n committed receipts, and its counter stands at n. Real H2 (PostgreSQL mode) with the real migrations; the
 * concurrent two-node variant on PostgreSQL is {@code ops/.../receipts/ReceiptNumberingOnPostgresTest}.
 */
class WhenReceiptNumbersAreTaken {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final List<String> AGENCIES = List.of("TAX", "PARKS", "CIVIL-AFFAIRS");

    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;
    private ReceiptBook book;
    private ExecutorService threads;

    /** One issue: which book, and whether its transaction commits or rolls back (its append failed, say) after the number was taken. */
    record Issue(String agencyCode, int year, boolean commits) {
    }

    @BeforeProperty
    void database() {
        threads = Executors.newFixedThreadPool(4);
    }

    @AfterProperty
    void stop() {
        threads.shutdownNow();
    }

    private void freshDatabase() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:receipt-numbers" + DATABASES.incrementAndGet()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;NON_KEYWORDS=DAY,YEAR");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        book = new JdbcReceiptBook(jdbc);
    }

    @Property(tries = 40)
    void every_book_holds_the_numbers_one_to_n_of_its_committed_receipts(@ForAll("bursts") List<List<Issue>> bursts) throws Exception {
        freshDatabase();
        Map<String, Long> committed = new HashMap<>();
        AtomicInteger ids = new AtomicInteger();
        for (List<Issue> burst : bursts) {
            // The issues of a burst run at the same time, on their own connections, as on several nodes.
            List<Future<?>> running = new ArrayList<>();
            for (Issue issue : burst) {
                String receiptId = "r" + ids.incrementAndGet();
                running.add(threads.submit(() -> transactions.executeWithoutResult(status -> {
                    ReceiptNumber number = book.next(issue.agencyCode(), issue.year());
                    book.register(receiptId, number, null, null, null);
                    if (!issue.commits()) {
                        status.setRollbackOnly();
                    }
                })));
            }
            for (Future<?> done : running) {
                done.get(30, TimeUnit.SECONDS);
            }
            burst.stream().filter(Issue::commits).forEach(issue -> committed.merge(issue.agencyCode() + "/" + issue.year(), 1L, Long::sum));
        }
        for (String agency : AGENCIES) {
            for (int year : List.of(2025, 2026)) {
                long n = committed.getOrDefault(agency + "/" + year, 0L);
                List<Long> numbers = jdbc.queryForList("SELECT sequence_no FROM receipt_register WHERE agency_code = ? AND receipt_year = ? "
                        + "ORDER BY sequence_no", Long.class, agency, year);
                List<Long> expected = new ArrayList<>();
                for (long s = 1; s <= n; s++) {
                    expected.add(s);
                }
                assertThat(numbers).as("book %s %d", agency, year).isEqualTo(expected);
                List<Long> counter = jdbc.queryForList("SELECT last_sequence FROM receipt_counter WHERE agency_code = ? AND receipt_year = ?",
                        Long.class, agency, year);
                assertThat(counter.isEmpty() ? 0L : counter.get(0)).as("counter %s %d", agency, year).isEqualTo(n);
            }
        }
    }

    @Provide
    Arbitrary<List<List<Issue>>> bursts() {
        Arbitrary<Issue> issue = Combinators.combine(Arbitraries.of(AGENCIES), Arbitraries.of(2025, 2026),
                Arbitraries.integers().between(0, 3).map(chance -> chance > 0)).as(Issue::new);
        return issue.list().ofMinSize(1).ofMaxSize(6).list().ofMinSize(1).ofMaxSize(12);
    }
}
