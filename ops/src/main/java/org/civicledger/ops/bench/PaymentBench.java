package org.civicledger.ops.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.payments.BillCommands.IssueBill;
import org.civicledger.events.payments.BillReference;
import org.civicledger.events.payments.CallbackOutcome;
import org.civicledger.events.payments.Payer;
import org.civicledger.events.payments.PaymentCommands.InitiatePayment;
import org.civicledger.events.payments.PaymentCommands.RecordProviderCallback;
import org.civicledger.events.reference.FeeKind;
import org.civicledger.events.reference.PaymentReferenceCommands.RegisterFeeClass;
import org.civicledger.events.reference.PaymentReferenceCommands.RegisterPaymentProvider;
import org.civicledger.events.reference.ProviderKind;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.civicledger.ops.bench.Bench.Phase;
import org.civicledger.query.payments.CallbackSignature;
import org.civicledger.projections.slots.ReadModelSlots;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Payment throughput end to end: bills are issued first (not measured); then {@code clients} threads each pay
 * their next bill as a payer would and its provider would answer: {@code InitiatePayment}, then the provider's
 * callback signed with HMAC-SHA256 and verified as the callback endpoint verifies it, then
 * {@code RecordProviderCallback(SUCCEEDED)}, whose transaction also stores the payment's balanced journal entry.
 * A poller records when each bill shows paid in the {@code citizen_bill} read model with its payment's journal
 * lines in {@code journal_line} (the settlement processor marked the bill paid and both read models caught up).
 * The baseline: raw single-row JDBC inserts, two per payment (a payment is two commands, two transactions), from
 * the same number of clients, on the same database.
 */
public final class PaymentBench {

    static final String AGENCY = "BENCH-PAY-AGENCY";
    static final String FEE_CLASS = "BENCH-PAY-FEE";
    static final String PROVIDER = "BENCH-PAY-PROVIDER";
    private static final Actor BENCH = Actor.system("bench");
    private static final Actor OFFICER = Actor.officer("bench-officer", AGENCY);
    private static final long LATENCY_MAX_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final long VISIBILITY_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(5);
    private static final int POLL_CHUNK = 200;
    /** A payment is two commands: the payer's initiation and the provider's callback. */
    static final int TRANSACTIONS_PER_PAYMENT = 2;

    public record Options(int clients, int payments, int warmup) {
        public Options {
            if (clients < 1 || clients > 256) {
                throw new IllegalArgumentException("clients must be between 1 and 256");
            }
            if (payments < 1 || payments > 1_000_000 || warmup < 0 || warmup > 100_000) {
                throw new IllegalArgumentException("payments must be 1 to 1,000,000 and warmup 0 to 100,000");
            }
        }
    }

    public record Result(Phase payments, Phase endToEnd, Phase raw, long payloadBytes, String database, double issueSeconds) {
    }

    private final CommandGateway gateway;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    /** Reads the read models' active slots (a blue/green rebuild may have switched one to its _b tables). */
    private final JdbcTemplate readModels;
    private final PrintStream out;
    private final String runId = "pb-" + Long.toString(System.currentTimeMillis(), 36);
    /** The provider's callback secret for this run: the bench signs and verifies like provider and endpoint. */
    private final byte[] secret = new byte[32];

    public PaymentBench(CommandGateway gateway, JdbcTemplate jdbc, DataSource dataSource, ReadModelSlots slots, PrintStream out) {
        this.gateway = gateway;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.readModels = slots.reader();
        this.out = out;
        new java.security.SecureRandom().nextBytes(secret);
    }

    public Result run(Options options) throws InterruptedException, SQLException {
        String database;
        try (Connection connection = dataSource.getConnection()) {
            database = connection.getMetaData().getDatabaseProductName() + " " + connection.getMetaData().getDatabaseProductVersion();
        }
        ensureReferenceData();
        out.printf("Payment bench %s on %s: %d clients, %d payments, %d warm-up%n", runId, database, options.clients(),
                options.payments(), options.warmup());
        long issueStart = System.nanoTime();
        issueBills("warmup", options.warmup(), options.clients());
        issueBills("measured", options.payments(), options.clients());
        double issueSeconds = (System.nanoTime() - issueStart) / 1e9;
        out.printf("  issued %d bills in %.1f s (not measured)%n", options.warmup() + options.payments(), issueSeconds);
        if (options.warmup() > 0) {
            payPhase("warmup", options.clients(), options.warmup());
        }
        Phase[] measured = payPhase("measured", options.clients(), options.payments());
        Long payloadBytes = jdbc.queryForObject("SELECT CAST(AVG(LENGTH(payload) + COALESCE(LENGTH(metadata), 0)) AS BIGINT) "
                + "FROM domainevententry WHERE aggregateidentifier LIKE ?", Long.class, runId + "-measured-%-pay");
        long size = payloadBytes == null ? 1024 : payloadBytes;
        jdbc.execute("DROP TABLE IF EXISTS bench_payment_raw");
        jdbc.execute("CREATE TABLE bench_payment_raw (id BIGINT NOT NULL PRIMARY KEY, aggregate_id VARCHAR(64) NOT NULL, "
                + "seq BIGINT NOT NULL, payload BYTEA NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        Phase raw;
        try {
            raw = RawInserts.phase(dataSource, "bench_payment_raw", runId, options.clients(),
                    options.payments() * TRANSACTIONS_PER_PAYMENT, 0, size, out);
        } finally {
            jdbc.execute("DROP TABLE IF EXISTS bench_payment_raw");
        }
        return new Result(measured[0], measured[1], raw, size, database, issueSeconds);
    }

    private void ensureReferenceData() {
        if (count("SELECT COUNT(*) FROM cmd_agency WHERE agency_code = ?", AGENCY) == 0) {
            gateway.sendAndWait(new RegisterAgency(AGENCY, "Bench payments agency", "bench-pay-agency", BENCH));
        }
        if (count("SELECT COUNT(*) FROM cmd_fee_class WHERE fee_class_code = ?", FEE_CLASS) == 0) {
            gateway.sendAndWait(new RegisterFeeClass(FEE_CLASS, "Bench fee", FeeKind.GOVERNMENT_FEE, AGENCY, null,
                    "revenue:" + AGENCY + ":" + FEE_CLASS, "bench-pay-fee", BENCH));
        }
        if (count("SELECT COUNT(*) FROM cmd_payment_provider WHERE provider_code = ?", PROVIDER) == 0) {
            gateway.sendAndWait(new RegisterPaymentProvider(PROVIDER, "Bench provider", ProviderKind.E_PAYMENT, List.of("app"),
                    "provider-secret/" + PROVIDER, "bench-pay-provider", BENCH));
        }
    }

    private int count(String sql, String key) {
        Integer n = jdbc.queryForObject(sql, Integer.class, key);
        return n == null ? 0 : n;
    }

    private static String billId(String prefix, int n) {
        return prefix + n;
    }

    private static long amountTwd(int n) {
        return 100 + (n % 50) * 10L;
    }

    private void issueBills(String label, int bills, int clients) throws InterruptedException {
        String prefix = runId + "-" + label + "-";
        LocalDate dueOn = LocalDate.now(ZoneId.of("Asia/Taipei")).plusDays(30);
        parallel(clients, bills, n -> {
            String subject = "bench-payer-" + n;
            Payer payer = new Payer(subject, NationalId.withCheckDigit(String.format("A%d%07d", 1 + (n % 2), n % 10_000_000)),
                    "測試繳款人");
            gateway.sendAndWait(new IssueBill(billId(prefix, n), FEE_CLASS, payer, Money.twd(amountTwd(n)), dueOn,
                    new BillReference(BillReference.Kind.TAX_BILL, "TB-" + n), billId(prefix, n) + "-issue", OFFICER));
        });
    }

    private interface Step {
        void run(int n);
    }

    private void parallel(int clients, int count, Step step) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                for (int n = next.getAndIncrement(); n < count && failure.get() == null; n = next.getAndIncrement()) {
                    try {
                        step.run(n);
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }, "bench-setup-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("bench setup failed: " + failure.get(), failure.get());
        }
    }

    private Phase[] payPhase(String label, int clients, int payments) throws InterruptedException {
        String prefix = runId + "-" + label + "-";
        Histogram commandLatency = new Histogram(LATENCY_MAX_NANOS / 1000, 3);
        Histogram visibleLatency = new Histogram(LATENCY_MAX_NANOS / 1000, 3);
        ConcurrentHashMap<String, Long> pending = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicLong lastAck = new AtomicLong();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        CountDownLatch clientsDone = new CountDownLatch(clients);
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                Histogram own = new Histogram(LATENCY_MAX_NANOS / 1000, 3);
                try {
                    for (int n = next.getAndIncrement(); n < payments; n = next.getAndIncrement()) {
                        String billId = billId(prefix, n);
                        long sent = System.nanoTime();
                        pending.put(billId, sent);
                        try {
                            pay(billId, n);
                            long acked = System.nanoTime();
                            own.recordValue(Math.min((acked - sent) / 1000, LATENCY_MAX_NANOS / 1000));
                            lastAck.accumulateAndGet(acked, Math::max);
                        } catch (RuntimeException failure) {
                            pending.remove(billId);
                            failures.incrementAndGet();
                            firstFailure.compareAndSet(null, failure);
                        }
                    }
                } finally {
                    synchronized (commandLatency) {
                        commandLatency.add(own);
                    }
                    clientsDone.countDown();
                }
            }, "bench-payer-" + c);
            threads.add(thread);
            thread.start();
        }
        long lastVisible = pollSettled(pending, visibleLatency, clientsDone);
        clientsDone.await();
        for (Thread thread : threads) {
            thread.join();
        }
        if (firstFailure.get() != null) {
            out.println("  " + failures.get() + " payments failed in " + label + "; the first: " + firstFailure.get());
        }
        int succeeded = payments - failures.get();
        out.printf("  %s: %d payments in %.2f s%n", label, succeeded, (Math.max(lastAck.get(), lastVisible) - start) / 1e9);
        return new Phase[] {
                new Phase("ledger: initiate + signed callback + journal", succeeded, lastAck.get() - start, commandLatency,
                        failures.get()),
                new Phase("ledger: ... -> bill paid, journal read", (int) visibleLatency.getTotalCount(), lastVisible - start,
                        visibleLatency, succeeded - (int) visibleLatency.getTotalCount())};
    }

    /** One payment as payer and provider make it; the callback's signature is made and checked as on the wire. */
    private void pay(String billId, int n) {
        String paymentId = billId + "-pay";
        Actor payer = Actor.citizen("bench-payer-" + n);
        gateway.sendAndWait(new InitiatePayment(paymentId, List.of(billId), PROVIDER, "app", paymentId + "-initiate", payer));
        long amount = amountTwd(n);
        Instant now = Instant.now();
        String timestamp = Long.toString(now.getEpochSecond());
        byte[] body = ("{\"providerEventId\":\"evt-" + paymentId + "\",\"paymentId\":\"" + paymentId
                + "\",\"status\":\"succeeded\",\"amount\":\"" + amount + "\",\"currency\":\"TWD\"}").getBytes(StandardCharsets.UTF_8);
        String signature = CallbackSignature.SCHEME + CallbackSignature.sign(secret, timestamp, body);
        CallbackSignature.verify(secret, signature, timestamp, body, now, CallbackSignature.TOLERANCE_DEFAULT).ifPresent(refusal -> {
            throw new IllegalStateException("the bench's own callback signature did not verify: " + refusal);
        });
        gateway.sendAndWait(new RecordProviderCallback(paymentId, PROVIDER, "evt-" + paymentId, CallbackOutcome.SUCCEEDED,
                Money.twd(amount), null, paymentId + "-callback", Actor.system("provider:" + PROVIDER)));
    }

    /** Records when each pending bill shows paid with its journal lines read; answers when the last one did. */
    private long pollSettled(ConcurrentHashMap<String, Long> pending, Histogram latency, CountDownLatch clientsDone)
            throws InterruptedException {
        long lastVisible = 0;
        long quietSince = System.nanoTime();
        while (true) {
            if (pending.isEmpty()) {
                if (clientsDone.getCount() == 0) {
                    return lastVisible;
                }
                Thread.sleep(1);
                continue;
            }
            List<String> oldest = pending.entrySet().stream().sorted(Map.Entry.comparingByValue()).limit(POLL_CHUNK)
                    .map(Map.Entry::getKey).toList();
            String marks = String.join(",", Collections.nCopies(oldest.size(), "?"));
            List<String> settled = readModels.queryForList("SELECT b.bill_id FROM citizen_bill b WHERE b.bill_id IN (" + marks + ") "
                    + "AND b.status = 'PAID' AND EXISTS (SELECT 1 FROM journal_line j WHERE j.payment_id = b.paid_by)",
                    String.class, oldest.toArray());
            long now = System.nanoTime();
            for (String id : settled) {
                Long sent = pending.remove(id);
                if (sent != null) {
                    latency.recordValue(Math.min((now - sent) / 1000, LATENCY_MAX_NANOS / 1000));
                    lastVisible = now;
                    quietSince = now;
                }
            }
            if (settled.isEmpty() && now - quietSince > VISIBILITY_TIMEOUT_NANOS) {
                out.println("  " + pending.size() + " bills did not show paid within 5 minutes; counted as not settled");
                pending.clear();
            } else if (settled.size() < oldest.size()) {
                Thread.sleep(5);
            }
        }
    }

    public static void print(Result result, Options options, PrintStream out) {
        out.println();
        out.printf("Database: %s; %d clients; %d payments; raw rows of %d bytes (average stored payment event)%n", result.database(),
                options.clients(), options.payments(), result.payloadBytes());
        out.printf("%-46s %9s %10s %10s %10s %10s%n", "phase", "ops", "ops/s", "p50 ms", "p99 ms", "max ms");
        for (Phase phase : new Phase[] {result.payments(), result.endToEnd(), result.raw()}) {
            Histogram h = phase.latencyMicros();
            out.printf("%-46s %9d %10.0f %10.2f %10.2f %10.2f%n", phase.name(), phase.operations(), phase.perSecond(),
                    h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
        }
        double raw = result.raw().perSecond();
        double ledgerTransactions = result.payments().perSecond() * TRANSACTIONS_PER_PAYMENT;
        out.printf("ratio (payments/s x %d transactions)/raw inserts/s: %.2f%n", TRANSACTIONS_PER_PAYMENT,
                raw == 0 ? 0 : ledgerTransactions / raw);
        out.printf("ratio end-to-end (x %d)/raw: %.2f%n", TRANSACTIONS_PER_PAYMENT,
                raw == 0 ? 0 : result.endToEnd().perSecond() * TRANSACTIONS_PER_PAYMENT / raw);
    }
}
