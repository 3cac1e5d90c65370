package org.civicledger.ops.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.payments.Payer;
import org.civicledger.events.receipts.ReceiptCommands.IssueCounterReceipt;
import org.civicledger.events.reference.FeeKind;
import org.civicledger.events.reference.PaymentReferenceCommands.RegisterFeeClass;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Measures receipt issuance: counter receipts through the command gateway from {@code clients} threads, first all for
 * one agency (every issue waits for the one before it on that agency's counter row: the numbering hot spot), then
 * spread over {@code agencies} agencies; then the same number of raw single-row JDBC inserts (autocommit) from the same
 * threads on the same database, the database's own commit rate. A receipt is counted when its command answered (its
 * event and number are durable). Afterwards the hot agency's book is checked for holes.
 */
public final class ReceiptBench {

    private static final Payer PAYER = new Payer(null, new NationalId("A123456789"), "Bench Payer");

    public record Options(int clients, int receipts, int agencies, int warmup) {
        public Options {
            if (clients < 1 || clients > 256 || receipts < 1 || receipts > 1_000_000 || agencies < 2 || agencies > 1_000
                    || warmup < 0 || warmup > 100_000) {
                throw new IllegalArgumentException("clients 1-256, receipts 1-1,000,000, agencies 2-1,000, warmup 0-100,000");
            }
        }
    }

    public record Phase(String name, int operations, long elapsedNanos, Histogram latencyMicros, int failures) {
        public double perSecond() {
            return elapsedNanos == 0 ? 0 : operations * 1e9 / elapsedNanos;
        }
    }

    public record Result(Phase hot, Phase many, Phase raw, boolean hotBookGapless, String database) {
    }

    private final CommandGateway gateway;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final PrintStream out;
    private final String run = "BR" + Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);

    public ReceiptBench(CommandGateway gateway, JdbcTemplate jdbc, DataSource dataSource, PrintStream out) {
        this.gateway = gateway;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.out = out;
    }

    public Result run(Options options) throws Exception {
        Actor loader = Actor.system("bench");
        List<String> agencies = new ArrayList<>();
        for (int i = 0; i <= options.agencies(); i++) {
            String agency = run + "-" + (i == 0 ? "HOT" : String.format("%03d", i));
            agencies.add(agency);
            gateway.sendAndWait(new RegisterAgency(agency, "Bench office " + i, run + "-ra-" + i, loader));
            gateway.sendAndWait(new RegisterFeeClass(agency + "-FEE", "Bench fee", FeeKind.GOVERNMENT_FEE, agency, null,
                    "revenue:" + agency + ":" + agency + "-FEE", run + "-rf-" + i, loader));
        }
        String hot = agencies.get(0);
        List<String> many = agencies.subList(1, agencies.size());
        String database;
        try (Connection connection = dataSource.getConnection()) {
            database = connection.getMetaData().getDatabaseProductName() + " " + connection.getMetaData().getDatabaseProductVersion();
        }
        out.printf("receipt bench %s on %s: %d clients, %d receipts per phase (+%d warm-up), %d agencies in the spread phase%n", run,
                database, options.clients(), options.receipts(), options.warmup(), many.size());
        issuePhase("warm-up", options.clients(), options.warmup(), i -> many.get(i % many.size()), "w");
        Phase hotPhase = issuePhase("one hot agency", options.clients(), options.receipts(), i -> hot, "h");
        Phase manyPhase = issuePhase(many.size() + " agencies", options.clients(), options.receipts(), i -> many.get(i % many.size()), "m");
        Phase raw = rawInserts(options);
        Long last = jdbc.queryForObject("SELECT last_sequence FROM receipt_counter WHERE agency_code = ?", Long.class, hot);
        Integer registered = jdbc.queryForObject("SELECT COUNT(DISTINCT sequence_no) FROM receipt_register WHERE agency_code = ?",
                Integer.class, hot);
        boolean gapless = last != null && registered != null && last == registered.longValue() && last == hotPhase.operations();
        return new Result(hotPhase, manyPhase, raw, gapless, database);
    }

    private Phase issuePhase(String name, int clients, int receipts, IntFunction<String> agencyOf, String prefix) throws Exception {
        Histogram latency = new Histogram(60_000_000L, 3);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            work.add(threads.submit(() -> {
                for (int i = next.getAndIncrement(); i < receipts; i = next.getAndIncrement()) {
                    String agency = agencyOf.apply(i);
                    String id = run + "-" + prefix + i;
                    long sent = System.nanoTime();
                    try {
                        gateway.sendAndWait(new IssueCounterReceipt(id.toLowerCase(Locale.ROOT), agency + "-FEE", PAYER, Money.twd(100),
                                "CASH-" + prefix + i, id, Actor.officer("bench-officer", agency)));
                        synchronized (latency) {
                            latency.recordValue(Math.min((System.nanoTime() - sent) / 1_000, 60_000_000L));
                        }
                    } catch (RuntimeException failed) {
                        failures.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> done : work) {
            done.get();
        }
        long elapsed = System.nanoTime() - started;
        threads.shutdown();
        return new Phase(name, receipts - failures.get(), elapsed, latency, failures.get());
    }

    private Phase rawInserts(Options options) throws Exception {
        jdbc.execute("DROP TABLE IF EXISTS bench_raw_receipt");
        jdbc.execute("CREATE TABLE bench_raw_receipt (id BIGINT NOT NULL PRIMARY KEY, agency_code VARCHAR(64) NOT NULL, "
                + "payload VARCHAR(1000) NOT NULL, created_at TIMESTAMP NOT NULL)");
        try {
            // A row about the size of a stored ReceiptIssued payload, one row per transaction.
            String payload = "x".repeat(700);
            Histogram latency = new Histogram(60_000_000L, 3);
            AtomicInteger next = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            ExecutorService threads = Executors.newFixedThreadPool(options.clients());
            long started = System.nanoTime();
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < options.clients(); c++) {
                work.add(threads.submit(() -> {
                    try (Connection connection = dataSource.getConnection();
                         PreparedStatement insert = connection.prepareStatement(
                                 "INSERT INTO bench_raw_receipt (id, agency_code, payload, created_at) VALUES (?, ?, ?, ?)")) {
                        connection.setAutoCommit(true);
                        for (int i = next.getAndIncrement(); i < options.receipts(); i = next.getAndIncrement()) {
                            long sent = System.nanoTime();
                            insert.setLong(1, i);
                            insert.setString(2, run);
                            insert.setString(3, payload);
                            insert.setTimestamp(4, Timestamp.from(Instant.now()));
                            insert.executeUpdate();
                            synchronized (latency) {
                                latency.recordValue(Math.min((System.nanoTime() - sent) / 1_000, 60_000_000L));
                            }
                        }
                    } catch (SQLException e) {
                        failures.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
            long elapsed = System.nanoTime() - started;
            threads.shutdown();
            return new Phase("raw single-row inserts", options.receipts() - failures.get(), elapsed, latency, failures.get());
        } finally {
            jdbc.execute("DROP TABLE IF EXISTS bench_raw_receipt");
        }
    }

    public static void print(Result result, PrintStream out) {
        out.printf("%-24s %9s %9s %10s %9s %9s %8s%n", "phase", "ops", "seconds", "per second", "p50 ms", "p99 ms", "failures");
        for (Phase phase : List.of(result.hot(), result.many(), result.raw())) {
            out.printf(Locale.ROOT, "%-24s %9d %9.2f %10.1f %9.2f %9.2f %8d%n", phase.name(), phase.operations(), phase.elapsedNanos() / 1e9,
                    phase.perSecond(), phase.latencyMicros().getValueAtPercentile(50) / 1e3,
                    phase.latencyMicros().getValueAtPercentile(99) / 1e3, phase.failures());
        }
        out.printf(Locale.ROOT, "ratio to raw inserts: one hot agency %.3f, %s %.3f; hot agency's book gapless: %s%n",
                result.hot().perSecond() / result.raw().perSecond(), result.many().name(), result.many().perSecond() / result.raw().perSecond(),
                result.hotBookGapless() ? "yes" : "NO");
    }
}
