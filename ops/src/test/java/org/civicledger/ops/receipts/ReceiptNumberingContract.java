package org.civicledger.ops.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.civicledger.command.receipts.ReceiptResult;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.payments.Payer;
import org.civicledger.events.receipts.ReceiptCommands.IssueCounterReceipt;
import org.civicledger.events.reference.FeeKind;
import org.civicledger.events.reference.PaymentReferenceCommands.RegisterFeeClass;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.civicledger.ops.LedgerApplication;
import org.civicledger.ops.support.TestClockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Gapless receipt numbering under concurrent issuance: many threads issue counter receipts of one hot agency through
 * two ledger nodes (two Spring contexts, each with its own Axon configuration, command bus, connection pool and
 * processors) sharing one database; some requests race a twin with the same receipt id on the other node, whose
 * transaction takes a number and then rolls back on the register's key. Afterwards the book holds exactly the numbers
 * 1..N for the N distinct receipts, each with its one {@code ReceiptIssued}; then the second node is stopped, a third
 * started on the same database, and numbering continues at N+1 (the counter lives in the database, not in a node).
 * Run on H2 and PostgreSQL by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ReceiptNumberingContract {

    static final String HOT = "NUM-HOT";
    static final String FEE_CLASS = "NUM-HOT-FEE";
    static final int YEAR = 2026;
    static final int THREADS = 8;
    static final int RECEIPTS = 120;
    /** Every this many receipts, one is also sent, at the same moment, to the other node under the same id. */
    static final int TWIN_EVERY = 6;
    static final Actor OFFICER = Actor.officer("officer-num", HOT);
    static final Payer PAYER = new Payer(null, new NationalId("A123456789"), "Lin Mei");

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Environment environment;

    final List<ConfigurableApplicationContext> otherNodes = new ArrayList<>();

    @BeforeAll
    void referenceData() {
        Actor loader = Actor.system("test-loader");
        commands.sendAndWait(new RegisterAgency(HOT, "Hot Office", "num-ra", loader));
        commands.sendAndWait(new RegisterFeeClass(FEE_CLASS, "Hot fee", FeeKind.GOVERNMENT_FEE, HOT, null, "revenue:" + HOT + ":" + FEE_CLASS,
                "num-rf", loader));
    }

    @AfterAll
    void stopOtherNodes() {
        otherNodes.forEach(ConfigurableApplicationContext::close);
    }

    /** Another ledger node on this test's database: the same settings, its own context, and the same test clock. */
    ConfigurableApplicationContext startNode() {
        // Command-line arguments: they outrank application.yml (default properties would not).
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--server.port=0",
                "--spring.jmx.enabled=false",
                "--ledger.notices.dispatch.enabled=false"));
        for (String key : List.of("spring.datasource.username", "spring.flyway.schemas")) {
            if (environment.getProperty(key) != null) {
                arguments.add("--" + key + "=" + environment.getProperty(key));
            }
        }
        ConfigurableApplicationContext node = new SpringApplicationBuilder(LedgerApplication.class, TestClockConfiguration.class, OtherNodeTokenStore.class)
                .profiles(environment.getActiveProfiles())
                .run(arguments.toArray(String[]::new));
        otherNodes.add(node);
        return node;
    }

    @Test
    void many_threads_on_two_nodes_number_one_hot_agency_without_a_gap_or_a_duplicate_and_a_restart_continues_the_book() throws Exception {
        ConfigurableApplicationContext second = startNode();
        List<CommandGateway> nodes = List.of(commands, second.getBean(CommandGateway.class));
        Map<String, String> numberOf = new ConcurrentHashMap<>();
        AtomicInteger failedRaces = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < RECEIPTS; i++) {
            String receiptId = "num-" + i;
            int node = i % 2;
            work.add(threads.submit(() -> issue(nodes.get(node), receiptId, start, numberOf, failedRaces)));
            if (i % TWIN_EVERY == 0) {
                work.add(threads.submit(() -> issue(nodes.get(1 - node), receiptId, start, numberOf, failedRaces)));
            }
        }
        start.countDown();
        for (Future<?> done : work) {
            done.get(5, TimeUnit.MINUTES);
        }
        threads.shutdown();
        System.out.printf("receipt numbering: %d receipts on 2 nodes, %d twin requests lost their race and were retried%n",
                numberOf.size(), failedRaces.get());

        // Every distinct receipt has exactly one number; the numbers are exactly 1..N; the counter stands at N.
        assertThat(numberOf).hasSize(RECEIPTS);
        assertThat(new TreeSet<>(numberOf.values())).hasSize(RECEIPTS);
        assertBookIsGapless(RECEIPTS);

        // The read model's book agrees: complete, N numbers.
        await().atMost(Duration.ofSeconds(60)).until(() -> receiptsInReadModel() == RECEIPTS);
        assertThat(jdbc.queryForObject("SELECT MAX(sequence_no) FROM receipt WHERE agency_code = ? AND receipt_year = ?", Long.class, HOT, YEAR))
                .isEqualTo((long) RECEIPTS);

        // A node goes away and another starts on the same database: the book continues at N+1.
        second.close();
        otherNodes.remove(second);
        ConfigurableApplicationContext third = startNode();
        ReceiptResult next = third.getBean(CommandGateway.class).sendAndWait(counterReceipt("num-after-restart"));
        assertThat(next.number()).isEqualTo(HOT + "-115-" + String.format("%07d", RECEIPTS + 1));
        assertBookIsGapless(RECEIPTS + 1);
    }

    private void issue(CommandGateway node, String receiptId, CountDownLatch start, Map<String, String> numberOf, AtomicInteger failedRaces) {
        try {
            start.await();
            ReceiptResult result;
            try {
                result = node.sendAndWait(counterReceipt(receiptId));
            } catch (RuntimeException lostRace) {
                // The twin on the other node registered this id first; this transaction's number was rolled back with it.
                // A client retries, and is told the receipt exists.
                failedRaces.incrementAndGet();
                result = node.sendAndWait(counterReceipt(receiptId));
                assertThat(result.duplicate()).isTrue();
            }
            String earlier = numberOf.putIfAbsent(receiptId, result.number());
            assertThat(earlier == null || earlier.equals(result.number())).as("one number per receipt id").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static IssueCounterReceipt counterReceipt(String receiptId) {
        return new IssueCounterReceipt(receiptId, FEE_CLASS, PAYER, Money.twd(100), "CASH-" + receiptId, "cmd-" + receiptId, OFFICER);
    }

    /** The command side's own book: numbers 1..n, one receipt each, one ReceiptIssued each, and the counter at n. */
    void assertBookIsGapless(int n) {
        List<Long> sequences = jdbc.queryForList("SELECT sequence_no FROM receipt_register WHERE agency_code = ? AND receipt_year = ? "
                + "ORDER BY sequence_no", Long.class, HOT, YEAR);
        List<Long> expected = new ArrayList<>();
        for (long s = 1; s <= n; s++) {
            expected.add(s);
        }
        assertThat(sequences).isEqualTo(expected);
        assertThat(jdbc.queryForObject("SELECT last_sequence FROM receipt_counter WHERE agency_code = ? AND receipt_year = ?", Long.class,
                HOT, YEAR)).isEqualTo((long) n);
        Integer issuedEvents = jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry e JOIN receipt_register r "
                + "ON e.aggregateidentifier = r.receipt_id WHERE r.agency_code = ? AND e.payloadtype LIKE ?", Integer.class, HOT, "%ReceiptIssued");
        assertThat(issuedEvents).isEqualTo(n);
    }

    int receiptsInReadModel() {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM receipt WHERE agency_code = ?", Integer.class, HOT);
        return count == null ? 0 : count;
    }
}
