package org.civicledger.ops.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.civicledger.events.cases.Applicant;
import org.civicledger.events.cases.CaseCommands.SubmitApplication;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.DocumentReference;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.civicledger.events.reference.ReferenceCommands.RegisterCaseType;
import org.civicledger.ops.demo.Tables;
import org.civicledger.projections.slots.ReadModelSlots;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Measures the ledger's write path against the database it runs on.
 *
 * <p>Phase one submits cases through the command gateway from {@code clients} threads, each sending its next
 * case as soon as the previous command answered (the event is then durable). When the {@code case_status}
 * read model exists, one poller thread watches the submitted case ids and records when each row appears,
 * so a case's end-to-end latency runs from sending the command to being visible to readers. Phase two does
 * the same number of raw JDBC single-row inserts (autocommit, one row per transaction) into a scratch table
 * from the same number of threads, rows the size of the stored events, on the same database. The ratio of
 * the two rates says what the ledger costs over the database's own commit rate.
 */
public final class Bench {

    public static final String CASE_TYPE = "BENCH-S001";
    public static final String AGENCY = "BENCH-A01";
    private static final Actor BENCH = Actor.system("bench");
    private static final long LATENCY_MAX_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final int POLL_CHUNK = 200;
    /** Between polls that found nothing new: bounds the latency figures' resolution (and the poller's load). */
    private static final long POLL_PAUSE_MILLIS = 5;
    private static final long VISIBILITY_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(5);

    public record Options(int clients, int cases, int warmup) {
        public Options {
            if (clients < 1 || clients > 256) {
                throw new IllegalArgumentException("clients must be between 1 and 256");
            }
            if (cases < 1 || cases > 10_000_000 || warmup < 0 || warmup > 1_000_000) {
                throw new IllegalArgumentException("cases must be 1 to 10,000,000 and warmup 0 to 1,000,000");
            }
        }
    }

    /** One measured phase: how many operations, over how long, and their latencies in microseconds. */
    public record Phase(String name, int operations, long elapsedNanos, Histogram latencyMicros, int failures) {
        public double perSecond() {
            return elapsedNanos == 0 ? 0 : operations * 1e9 / elapsedNanos;
        }
    }

    public record Result(Phase command, Phase endToEnd, Phase raw, long payloadBytes, String database) {
    }

    private final CommandGateway gateway;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    /** Reads the read models' active slots (a blue/green rebuild may have switched one to its _b tables). */
    private final JdbcTemplate readModels;
    private final PrintStream out;
    private final String runId = "bench-" + Long.toString(System.currentTimeMillis(), 36);

    public Bench(CommandGateway gateway, JdbcTemplate jdbc, DataSource dataSource, ReadModelSlots slots, PrintStream out) {
        this.gateway = gateway;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.readModels = slots.reader();
        this.out = out;
    }

    public Result run(Options options) throws InterruptedException, SQLException {
        String database;
        try (Connection connection = dataSource.getConnection()) {
            database = connection.getMetaData().getDatabaseProductName() + " " + connection.getMetaData().getDatabaseProductVersion();
        }
        ensureCaseType();
        boolean projection = Tables.exists(jdbc, "case_status");
        out.printf("Bench %s on %s: %d clients, %d cases, %d warm-up%n", runId, database, options.clients(), options.cases(),
                options.warmup());
        out.println(projection ? "End to end: command sent -> event durable -> row visible in case_status."
                : "No case_status read model in this build: measuring command -> event durable only.");
        if (options.warmup() > 0) {
            submitPhase("warmup", options.clients(), options.warmup(), projection);
        }
        Phase[] ledger = submitPhase("measured", options.clients(), options.cases(), projection);
        Long payloadBytes = jdbc.queryForObject("SELECT CAST(AVG(LENGTH(payload) + COALESCE(LENGTH(metadata), 0)) AS BIGINT) "
                + "FROM domainevententry WHERE aggregateidentifier LIKE ?", Long.class, runId + "-measured-%");
        long size = payloadBytes == null ? 1024 : payloadBytes;
        Phase raw = rawInserts(options, size);
        return new Result(ledger[0], ledger[1], raw, size, database);
    }

    /** The bench's own agency and case type (no required documents, no fee), registered once per store. */
    private void ensureCaseType() {
        Integer agencies = jdbc.queryForObject("SELECT COUNT(*) FROM cmd_agency WHERE agency_code = ?", Integer.class, AGENCY);
        if (agencies == null || agencies == 0) {
            gateway.sendAndWait(new RegisterAgency(AGENCY, "Bench agency", "bench-agency", BENCH));
        }
        Integer types = jdbc.queryForObject("SELECT COUNT(*) FROM cmd_case_type WHERE case_type_code = ?", Integer.class, CASE_TYPE);
        if (types == null || types == 0) {
            gateway.sendAndWait(new RegisterCaseType(CASE_TYPE, AGENCY, "Bench application", List.of(), Money.twd(0), 10,
                    false, "bench-case-type", BENCH));
        }
    }

    private Phase[] submitPhase(String label, int clients, int cases, boolean projection) throws InterruptedException {
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
            Histogram own = new Histogram(LATENCY_MAX_NANOS / 1000, 3);
            Thread thread = new Thread(() -> {
                try {
                    for (int n = next.getAndIncrement(); n < cases; n = next.getAndIncrement()) {
                        String caseId = prefix + n;
                        long sent = System.nanoTime();
                        if (projection) {
                            pending.put(caseId, sent);
                        }
                        try {
                            gateway.sendAndWait(submit(caseId, n));
                            long acked = System.nanoTime();
                            own.recordValue(Math.min((acked - sent) / 1000, LATENCY_MAX_NANOS / 1000));
                            lastAck.accumulateAndGet(acked, Math::max);
                        } catch (RuntimeException failure) {
                            pending.remove(caseId);
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
            }, "bench-client-" + c);
            threads.add(thread);
            thread.start();
        }
        long lastVisible = projection ? pollVisibility(pending, visibleLatency, clientsDone) : 0;
        clientsDone.await();
        for (Thread thread : threads) {
            thread.join();
        }
        if (firstFailure.get() != null) {
            out.println("  " + failures.get() + " commands failed in " + label + "; the first: " + firstFailure.get());
        }
        int succeeded = cases - failures.get();
        Phase command = new Phase("ledger: command -> event durable", succeeded, lastAck.get() - start, commandLatency, failures.get());
        Phase visible = projection
                ? new Phase("ledger: command -> visible in case_status", (int) visibleLatency.getTotalCount(), lastVisible - start,
                        visibleLatency, succeeded - (int) visibleLatency.getTotalCount())
                : null;
        out.printf("  %s: %d cases in %.2f s%n", label, succeeded, (Math.max(lastAck.get(), lastVisible) - start) / 1e9);
        return new Phase[] {command, visible};
    }

    /**
     * Watches the pending case ids until each shows in case_status (or the clients are done and nothing is
     * pending, or the visibility timeout passes); records each one's latency; answers when the last appeared.
     */
    private long pollVisibility(ConcurrentHashMap<String, Long> pending, Histogram latency, CountDownLatch clientsDone)
            throws InterruptedException {
        long lastVisible = 0;
        long quietSince = System.nanoTime();
        while (true) {
            if (pending.isEmpty()) {
                if (clientsDone.getCount() == 0 && pending.isEmpty()) {
                    return lastVisible;
                }
                Thread.sleep(1);
                continue;
            }
            // The projection applies events roughly in the order they were stored, so only the longest-waiting
            // cases are asked for: one query per round whatever the backlog, so the poller itself stays a small
            // load on the database it measures (it used to ask for every pending case every 2 ms).
            List<String> oldest = pending.entrySet().stream()
                    .sorted(java.util.Map.Entry.comparingByValue())
                    .limit(POLL_CHUNK)
                    .map(java.util.Map.Entry::getKey)
                    .toList();
            String marks = String.join(",", java.util.Collections.nCopies(oldest.size(), "?"));
            List<String> visible = readModels.queryForList("SELECT case_id FROM case_status WHERE case_id IN (" + marks + ")",
                    String.class, oldest.toArray());
            long now = System.nanoTime();
            boolean found = false;
            for (String id : Set.copyOf(visible)) {
                Long sent = pending.remove(id);
                if (sent != null) {
                    latency.recordValue(Math.min((now - sent) / 1000, LATENCY_MAX_NANOS / 1000));
                    lastVisible = now;
                    found = true;
                }
            }
            if (found) {
                quietSince = System.nanoTime();
                if (visible.size() < oldest.size()) {
                    Thread.sleep(POLL_PAUSE_MILLIS);
                }
            } else if (System.nanoTime() - quietSince > VISIBILITY_TIMEOUT_NANOS) {
                out.println("  " + pending.size() + " cases did not become visible within 5 minutes; counted as not visible");
                pending.clear();
            } else {
                Thread.sleep(POLL_PAUSE_MILLIS);
            }
        }
    }

    private SubmitApplication submit(String caseId, int n) {
        String subject = "bench-citizen-" + n;
        NationalId id = NationalId.withCheckDigit(String.format("A%d%07d", 1 + (n % 2), n % 10_000_000));
        Applicant applicant = new Applicant(subject, id, "測試申請人", subject + "@example.org", "0912345678");
        List<DocumentReference> documents = List.of(new DocumentReference("application-form", "mydoc://bench/" + caseId));
        return new SubmitApplication(caseId, CASE_TYPE, applicant, documents, caseId + "-submit", Actor.citizen(subject));
    }

    /** The baseline: one row per autocommit transaction, each client on its own connection, same clients as above. */
    private Phase rawInserts(Options options, long payloadBytes) throws InterruptedException, SQLException {
        jdbc.execute("DROP TABLE IF EXISTS bench_raw_insert");
        jdbc.execute("CREATE TABLE bench_raw_insert (id BIGINT NOT NULL PRIMARY KEY, aggregate_id VARCHAR(64) NOT NULL, "
                + "seq BIGINT NOT NULL, payload BYTEA NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        try {
            if (options.warmup() > 0) {
                rawPhase(options.clients(), options.warmup(), 0, payloadBytes);
            }
            return rawPhase(options.clients(), options.cases(), options.warmup(), payloadBytes);
        } finally {
            jdbc.execute("DROP TABLE IF EXISTS bench_raw_insert");
        }
    }

    private Phase rawPhase(int clients, int rows, int idOffset, long payloadBytes) throws InterruptedException {
        return RawInserts.phase(dataSource, "bench_raw_insert", runId, clients, rows, idOffset, payloadBytes, out);
    }

    /** Prints the result as a table with the ratios to the raw rate. */
    public static void print(Result result, Options options, PrintStream out) {
        out.println();
        out.printf("Database: %s; %d clients; %d cases; rows of %d bytes (average stored event payload + metadata)%n",
                result.database(), options.clients(), options.cases(), result.payloadBytes());
        out.printf("%-44s %9s %10s %10s %10s %10s%n", "phase", "ops", "ops/s", "p50 ms", "p99 ms", "max ms");
        for (Phase phase : new Phase[] {result.command(), result.endToEnd(), result.raw()}) {
            if (phase == null) {
                continue;
            }
            Histogram h = phase.latencyMicros();
            out.printf("%-44s %9d %10.0f %10.2f %10.2f %10.2f%n", phase.name(), phase.operations(), phase.perSecond(),
                    h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
        }
        double raw = result.raw().perSecond();
        out.printf("ratio command/raw: %.2f%n", raw == 0 ? 0 : result.command().perSecond() / raw);
        if (result.endToEnd() != null) {
            out.printf("ratio end-to-end/raw: %.2f%n", raw == 0 ? 0 : result.endToEnd().perSecond() / raw);
        } else {
            out.println("ratio end-to-end/raw: n/a (no case_status read model in this build; command -> event durable only)");
        }
    }
}
