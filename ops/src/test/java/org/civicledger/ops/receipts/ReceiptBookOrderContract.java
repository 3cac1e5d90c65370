package org.civicledger.ops.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.civicledger.command.receipts.ReceiptBook;
import org.civicledger.command.receipts.ReceiptBook.Book;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.payments.BillCommands.IssueBill;
import org.civicledger.events.payments.BillReference;
import org.civicledger.events.payments.CallbackOutcome;
import org.civicledger.events.payments.Payer;
import org.civicledger.events.payments.PaymentCommands.InitiatePayment;
import org.civicledger.events.payments.PaymentCommands.RecordProviderCallback;
import org.civicledger.events.receipts.ReceiptCommands;
import org.civicledger.events.receipts.ReceiptCommands.IssueCounterReceipt;
import org.civicledger.events.receipts.ReceiptNumber;
import org.civicledger.events.reference.FeeKind;
import org.civicledger.events.reference.PaymentReferenceCommands.RegisterFeeClass;
import org.civicledger.events.reference.PaymentReferenceCommands.RegisterPaymentProvider;
import org.civicledger.events.reference.ProviderKind;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Receipt counters are taken in one global order (agency code, then year), so two transactions that number receipts
 * of the same two agencies in opposite orders queue instead of deadlocking, and the books stay gapless.
 *
 * <ul>
 * <li>Two transactions on the ledger's own receipt book and database, interleaved with latches: the first has taken
 * agency A's number and, once the second waits for a lock it holds, goes on to B. Without holding first (the
 * second taking B, then waiting at A), that is the textbook deadlock, and the database aborts one (shown too, so this
 * interleaving is known to provoke it); the second holding its books first, in the global order, queues at A before
 * touching B, both commit, and each book reads 1, 2.</li>
 * <li>The ledger's own settlement of a pay-all payment whose bills come in the order D, C (D sorts after C): while C's
 * counter is held by another transaction, the settlement waits at C, and D's counter is still free, i.e. it takes C
 * before D whatever order the bills come in. Released, both receipts are numbered without a gap.</li>
 * </ul>
 * Run on H2 and PostgreSQL by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ReceiptBookOrderContract {

    static final int YEAR = 2026;
    static final Duration WITHIN = Duration.ofSeconds(60);

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    ReceiptBook book;
    @Autowired
    PlatformTransactionManager transactionManager;

    final ExecutorService threads = Executors.newFixedThreadPool(3);

    @AfterAll
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void two_transactions_numbering_two_books_in_opposite_orders_queue_instead_of_deadlocking_when_they_hold_their_books_first()
            throws Exception {
        String a = "ORD-A";
        String b = "ORD-B";
        CountDownLatch firstHasA = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);

        // The first takes A, then B: the global order, as a transaction whose books come in that order takes them.
        // Both counters exist, committed, as they do after a book's first receipt: the second waits on A's row lock, which
        // both databases report as one session blocking another.
        transactions.executeWithoutResult(status -> book.hold(List.of(new Book(a, YEAR), new Book(b, YEAR))));
        AtomicLong firstSession = new AtomicLong();
        CountDownLatch goOnToB = new CountDownLatch(1);
        Future<List<ReceiptNumber>> first = threads.submit(() -> transactions.execute(status -> {
            ReceiptNumber numberA = take(a, "ord-1a");
            firstSession.set(sessionId());
            firstHasA.countDown();
            awaitLatch(goOnToB);
            return List.of(numberA, take(b, "ord-1b"));
        }));
        Future<List<ReceiptNumber>> second = threads.submit(() -> {
            awaitLatch(firstHasA);
            return transactions.execute(status -> {
                secondStarted.countDown();
                // Its books in its own order, B then A: held in the global order, it waits at A before touching B.
                book.hold(List.of(new Book(b, YEAR), new Book(a, YEAR)));
                return List.of(take(b, "ord-2b"), take(a, "ord-2a"));
            });
        });

        // Only once the second waits for a lock the first holds (A) does the first go on to B (asked on a connection of its own).
        awaitLatch(secondStarted);
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(20)).until(() -> sessionsWaitingFor(firstSession.get()) > 0);
        goOnToB.countDown();

        assertThat(first.get(WITHIN.toSeconds(), TimeUnit.SECONDS)).extracting(ReceiptNumber::sequence).containsExactly(1L, 1L);
        assertThat(second.get(WITHIN.toSeconds(), TimeUnit.SECONDS)).extracting(ReceiptNumber::sequence).containsExactly(2L, 2L);
        assertBookIsGapless(a, 2);
        assertBookIsGapless(b, 2);
    }

    @Test
    void the_same_interleaving_without_holding_first_deadlocks_and_the_database_aborts_one_of_the_two() throws Exception {
        String x = "ORD-X";
        String y = "ORD-Y";
        CountDownLatch firstHasX = new CountDownLatch(1);
        CountDownLatch secondHasY = new CountDownLatch(1);
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        // Both counters exist, committed, as they do after a book's first receipt: the two wait on each other's row.
        transactions.executeWithoutResult(status -> book.hold(List.of(new Book(x, YEAR), new Book(y, YEAR))));

        Future<?> first = threads.submit(() -> transactions.executeWithoutResult(status -> {
            take(x, "ord-1x");
            firstHasX.countDown();
            awaitLatch(secondHasY);
            take(y, "ord-1y");
        }));
        Future<?> second = threads.submit(() -> {
            awaitLatch(firstHasX);
            transactions.executeWithoutResult(status -> {
                take(y, "ord-2y");
                secondHasY.countDown();
                take(x, "ord-2x");
            });
        });

        List<Throwable> failures = new ArrayList<>();
        for (Future<?> transaction : List.of(first, second)) {
            try {
                transaction.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(e.getCause());
            }
        }
        assertThat(failures).as("exactly one of the two is aborted").hasSize(1);
        assertThat(causes(failures.get(0)).toLowerCase(Locale.ROOT)).contains("deadlock");
        System.out.printf("receipt book order: without holding first, the database aborted one transaction: %s%n",
                failures.get(0).getClass().getSimpleName());
        // The aborted one gave its number back: each book holds the survivor's 1.
        assertBookIsGapless(x, 1);
        assertBookIsGapless(y, 1);
    }

    @Test
    void the_settlement_of_a_pay_all_payment_takes_its_agencies_counters_in_the_global_order_whatever_order_its_bills_come_in()
            throws Exception {
        String c = "ORD-C";
        String d = "ORD-D";
        Actor loader = Actor.system("test-loader");
        String provider = "ORD-BANK";
        commands.sendAndWait(new RegisterPaymentProvider(provider, "Order Bank", ProviderKind.BANK, List.of("atm"),
                "provider-secret/" + provider, "ord-rp", loader));
        Payer payer = new Payer("citizen-ord", new NationalId("A123456789"), "Lin Mei");
        for (String agency : List.of(c, d)) {
            commands.sendAndWait(new RegisterAgency(agency, "Office " + agency, "ord-ra-" + agency, loader));
            commands.sendAndWait(new RegisterFeeClass(agency + "-FEE", "Fee of " + agency, FeeKind.GOVERNMENT_FEE, agency, null,
                    "revenue:" + agency + ":" + agency + "-FEE", "ord-rf-" + agency, loader));
            // A first receipt of each book, so both counters exist (committed) before the settlement.
            commands.sendAndWait(new IssueCounterReceipt("ord-counter-" + agency, agency + "-FEE", payer, Money.twd(10), "CASH-" + agency,
                    "ord-cr-" + agency, Actor.officer("officer-ord", agency)));
            commands.sendAndWait(new IssueBill("ord-bill-" + agency, agency + "-FEE", payer, Money.twd(100), LocalDate.of(2026, 12, 31),
                    new BillReference(BillReference.Kind.FINE_TICKET, "T-ord-" + agency), "ord-ib-" + agency,
                    Actor.officer("officer-ord", agency)));
        }
        // The bills in the order D, C: as they come, D's counter would be taken first.
        commands.sendAndWait(new InitiatePayment("ord-payment", List.of("ord-bill-" + d, "ord-bill-" + c), provider, "atm", "ord-ip",
                Actor.citizen("citizen-ord")));

        CountDownLatch cHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong blocker = new AtomicLong();
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        Future<?> holdingC = threads.submit(() -> transactions.executeWithoutResult(status -> {
            book.hold(List.of(new Book(c, YEAR)));
            blocker.set(sessionId());
            cHeld.countDown();
            awaitLatch(release);
        }));
        awaitLatch(cHeld);
        try {
            commands.sendAndWait(new RecordProviderCallback("ord-payment", provider, "evt-ord", CallbackOutcome.SUCCEEDED, Money.twd(200), null,
                    "ord-cb", Actor.system("provider:" + provider)));
            // The settlement runs in its processor's transaction and comes to C's counter, where it waits.
            await().atMost(WITHIN).pollInterval(Duration.ofMillis(50)).until(() -> sessionsWaitingFor(blocker.get()) > 0);
            assertThat(counterIsFree(d)).as("D's counter while the settlement waits at C").isTrue();
        } finally {
            release.countDown();
        }
        holdingC.get(WITHIN.toSeconds(), TimeUnit.SECONDS);

        await().atMost(WITHIN).until(() -> registered("ord-bill-" + c) && registered("ord-bill-" + d));
        assertBookIsGapless(c, 2);
        assertBookIsGapless(d, 2);
    }

    // ---- helpers ----

    ReceiptNumber take(String agency, String receiptId) {
        ReceiptNumber number = book.next(agency, YEAR);
        book.register(receiptId, number, null, null, null);
        return number;
    }

    boolean registered(String billId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM receipt_register WHERE receipt_id = ?", Integer.class,
                ReceiptCommands.receiptIdForBill(billId)) == 1;
    }

    void assertBookIsGapless(String agency, long n) {
        List<Long> numbers = jdbc.queryForList("SELECT sequence_no FROM receipt_register WHERE agency_code = ? AND receipt_year = ? "
                + "ORDER BY sequence_no", Long.class, agency, YEAR);
        List<Long> expected = new ArrayList<>();
        for (long sequence = 1; sequence <= n; sequence++) {
            expected.add(sequence);
        }
        assertThat(numbers).as("book %s %d", agency, YEAR).isEqualTo(expected);
        assertThat(jdbc.queryForObject("SELECT last_sequence FROM receipt_counter WHERE agency_code = ? AND receipt_year = ?", Long.class,
                agency, YEAR)).as("counter %s %d", agency, YEAR).isEqualTo(n);
    }

    /** The session id of the transaction's connection (the one Spring bound to this thread). */
    long sessionId() {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return jdbc.queryForObject(postgres() ? "SELECT pg_backend_pid()" : "SELECT SESSION_ID()", Long.class);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** How many sessions wait for a lock that session {@code blocker} holds. */
    int sessionsWaitingFor(long blocker) {
        String sql = postgres()
                ? "SELECT COUNT(*) FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))"
                : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID = ?";
        return jdbc.queryForObject(sql, Integer.class, postgres() ? (int) blocker : blocker);
    }

    /** Whether another transaction could take the agency's counter at once (it would not wait for anyone). */
    boolean counterIsFree(String agency) {
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        try {
            return Boolean.TRUE.equals(transactions.execute(status -> jdbc.queryForList(
                    "SELECT last_sequence FROM receipt_counter WHERE agency_code = ? AND receipt_year = ? FOR UPDATE NOWAIT", Long.class,
                    agency, YEAR).size() == 1));
        } catch (org.springframework.dao.DataAccessException lockedByAnother) {
            return false;
        }
    }

    boolean postgres() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String causes(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause.getClass().getName()).append(": ").append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }

    static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other transaction did not get there within " + WITHIN);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
