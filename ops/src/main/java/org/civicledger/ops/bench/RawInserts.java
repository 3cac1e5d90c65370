package org.civicledger.ops.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.civicledger.ops.bench.Bench.Phase;

/**
 * The benches' baseline: raw single-row JDBC inserts, one row per autocommit transaction, each client on its own
 * connection, rows of the size of the ledger's stored events, into a scratch table of the same database. What the
 * database itself commits per second, against which a ledger path's rate is a ratio.
 */
final class RawInserts {

    private static final long LATENCY_MAX_NANOS = TimeUnit.MINUTES.toNanos(10);

    private RawInserts() {
    }

    /**
     * Inserts {@code rows} (values in the table's column order) into {@code table} on {@code connection} (auto-commit
     * off) in JDBC batches of {@code batch} rows, a commit after each: the batch-insert baseline of the benches.
     */
    static void batchInsert(Connection connection, String table, List<Object[]> rows, int batch) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int columns = rows.get(0).length;
        String marks = String.join(", ", java.util.Collections.nCopies(columns, "?"));
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (" + marks + ")")) {
            int inBatch = 0;
            for (Object[] row : rows) {
                for (int i = 0; i < columns; i++) {
                    insert.setObject(i + 1, row[i]);
                }
                insert.addBatch();
                if (++inBatch == batch) {
                    insert.executeBatch();
                    connection.commit();
                    inBatch = 0;
                }
            }
            if (inBatch > 0) {
                insert.executeBatch();
                connection.commit();
            }
        }
    }

    /** Inserts {@code rows} rows into {@code table} (which must exist: id, aggregate_id, seq, payload, created_at). */
    static Phase phase(DataSource dataSource, String table, String runId, int clients, int rows, int idOffset, long payloadBytes,
                       PrintStream out) throws InterruptedException {
        byte[] payload = new byte[(int) Math.min(payloadBytes, 1 << 20)];
        new SplittableRandom(42).nextBytes(payload);
        Histogram latency = new Histogram(LATENCY_MAX_NANOS / 1000, 3);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                Histogram own = new Histogram(LATENCY_MAX_NANOS / 1000, 3);
                try (Connection connection = dataSource.getConnection()) {
                    connection.setAutoCommit(true);
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO " + table + " (id, aggregate_id, seq, payload, created_at) VALUES (?, ?, ?, ?, ?)")) {
                        for (int n = next.getAndIncrement(); n < rows; n = next.getAndIncrement()) {
                            long sent = System.nanoTime();
                            insert.setLong(1, idOffset + n);
                            insert.setString(2, runId + "-raw-" + n);
                            insert.setLong(3, 0);
                            insert.setBytes(4, payload);
                            insert.setTimestamp(5, Timestamp.from(Instant.now()));
                            insert.executeUpdate();
                            own.recordValue(Math.min((System.nanoTime() - sent) / 1000, LATENCY_MAX_NANOS / 1000));
                        }
                    }
                } catch (SQLException | RuntimeException failure) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, failure);
                } finally {
                    synchronized (latency) {
                        latency.add(own);
                    }
                }
            }, "bench-raw-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long elapsed = System.nanoTime() - start;
        if (firstFailure.get() != null) {
            out.println("  raw inserts: " + failures.get() + " clients failed; the first: " + firstFailure.get());
        }
        return new Phase("raw JDBC insert, autocommit", (int) latency.getTotalCount(), elapsed, latency, failures.get());
    }
}
