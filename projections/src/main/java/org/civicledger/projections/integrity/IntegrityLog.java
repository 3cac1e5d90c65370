package org.civicledger.projections.integrity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Merkle tree over the event log, its signed checkpoints and proofs (docs/integrity.md).
 *
 * <p>{@link #publish()} extends the tree's leaves ({@code merkle_leaf}) over the gap-free prefix of the
 * global index and signs a checkpoint when the tree grew. It runs every {@code ledger.integrity.checkpoint-interval}
 * (PT1M; PT0S switches the schedule off) and on demand. Nodes sharing a database take turns through a row lock on
 * {@code integrity_lock}, so two nodes never assign the same leaf.
 */
@Component
public class IntegrityLog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IntegrityLog.class);
    private static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final CheckpointSigner signer;
    private final String origin;
    private final long gapTimeoutMs;
    private final Duration interval;
    private ScheduledExecutorService schedule;
    /** Rows of {@code integrity_late_event} as last counted (see {@link #recordLateEvents()}). */
    private final AtomicLong lateEvents = new AtomicLong();
    private volatile boolean skippedRangesRecovered;

    public IntegrityLog(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, CheckpointSigner signer,
                        @Value("${ledger.integrity.origin:civic-ledger.example/ledger}") String origin,
                        @Value("${ledger.integrity.gap-timeout-ms:${ledger.event-store.gap-timeout-ms:60000}}") long gapTimeoutMs,
                        @Value("${ledger.integrity.checkpoint-interval:PT1M}") Duration interval) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.signer = signer;
        this.origin = origin;
        this.gapTimeoutMs = gapTimeoutMs;
        this.interval = interval;
    }

    public String origin() {
        return origin;
    }

    public CheckpointSigner signer() {
        return signer;
    }

    /** Extends the tree as far as the log is resolved and signs a checkpoint if it grew; the latest checkpoint. */
    public Optional<Checkpoint> publish() {
        return Optional.ofNullable(transactions.execute(status -> {
            jdbc.queryForObject("SELECT lock_name FROM integrity_lock WHERE lock_name = 'checkpointer' FOR UPDATE", String.class);
            long size = extendLeaves();
            recordLateEvents();
            Optional<Checkpoint> latest = latest();
            if (size == 0 || latest.isPresent() && latest.get().treeSize() >= size) {
                return latest.orElse(null);
            }
            byte[] root = MerkleTree.root(leaves(size), (int) size);
            String note = signer.signCheckpoint(origin, size, root);
            String signedAt = Instant.now().toString();
            jdbc.update("INSERT INTO checkpoint (tree_size, root_hash, note_text, signed_at) VALUES (?,?,?,?)",
                    size, root, note, signedAt);
            log.info("Signed checkpoint of {} events", size);
            return new Checkpoint(size, root, note, signedAt);
        }));
    }

    public Optional<Checkpoint> latest() {
        return jdbc.query("SELECT tree_size, root_hash, note_text, signed_at FROM checkpoint ORDER BY tree_size DESC LIMIT 1",
                (rows, n) -> new Checkpoint(rows.getLong(1), rows.getBytes(2), rows.getString(3), rows.getString(4)))
                .stream().findFirst();
    }

    public Optional<Checkpoint> bySize(long treeSize) {
        return jdbc.query("SELECT tree_size, root_hash, note_text, signed_at FROM checkpoint WHERE tree_size = ?",
                (rows, n) -> new Checkpoint(rows.getLong(1), rows.getBytes(2), rows.getString(3), rows.getString(4)),
                treeSize).stream().findFirst();
    }

    /** The inclusion proof of the event at {@code globalIndex} in the checkpoint of {@code treeSize}; empty if either is unknown. */
    public Optional<InclusionProof> inclusion(long globalIndex, long treeSize) {
        Optional<Checkpoint> checkpoint = bySize(treeSize);
        List<Long> leafIndex = jdbc.queryForList("SELECT leaf_index FROM merkle_leaf WHERE global_index = ?", Long.class, globalIndex);
        if (checkpoint.isEmpty() || leafIndex.isEmpty() || leafIndex.get(0) >= treeSize) {
            return Optional.empty();
        }
        List<byte[]> leaves = checkedLeaves(checkpoint.get());
        int leaf = leafIndex.get(0).intValue();
        byte[] eventHash = jdbc.queryForObject("SELECT event_hash FROM event_chain WHERE global_index = ?", byte[].class, globalIndex);
        return Optional.of(new InclusionProof(globalIndex, leaf, eventHash, leaves.get(leaf),
                MerkleTree.inclusionProof(leaves, leaf, (int) treeSize), checkpoint.get()));
    }

    /** The consistency proof between two published checkpoints ({@code from <= to}); empty if either is unknown. */
    public Optional<ConsistencyProof> consistency(long from, long to) {
        Optional<Checkpoint> first = bySize(from);
        Optional<Checkpoint> second = bySize(to);
        if (first.isEmpty() || second.isEmpty() || from > to) {
            return Optional.empty();
        }
        List<byte[]> leaves = checkedLeaves(second.get());
        return Optional.of(new ConsistencyProof(first.get(), second.get(), MerkleTree.consistencyProof(leaves, (int) from, (int) to)));
    }

    /** The leaves of a checkpoint's tree, refusing to prove anything if they no longer give its signed root. */
    private List<byte[]> checkedLeaves(Checkpoint checkpoint) {
        List<byte[]> leaves = leaves(checkpoint.treeSize());
        if (leaves.size() != checkpoint.treeSize()
                || !java.util.Arrays.equals(MerkleTree.root(leaves, leaves.size()), checkpoint.rootHash())) {
            throw new IllegalStateException("merkle_leaf no longer matches the signed checkpoint of size " + checkpoint.treeSize());
        }
        return leaves;
    }

    private List<byte[]> leaves(long size) {
        return jdbc.query("SELECT leaf_hash FROM merkle_leaf WHERE leaf_index < ? ORDER BY leaf_index",
                (rows, n) -> rows.getBytes(1), size);
    }

    /**
     * Appends leaves for events in global order while every global index is resolved: present, or missing
     * with a later event older than the gap timeout (a rolled-back index, skipped). Stops at the first open gap.
     * Returns the number of leaves.
     */
    private long extendLeaves() {
        long leafCount = jdbc.queryForObject("SELECT COUNT(*) FROM merkle_leaf", Long.class);
        Long lastGlobal = jdbc.queryForObject("SELECT MAX(global_index) FROM merkle_leaf", Long.class);
        long expected = lastGlobal == null ? 1 : lastGlobal + 1;
        Instant horizon = Instant.now().minusMillis(gapTimeoutMs);
        while (true) {
            List<Object[]> rows = jdbc.query("SELECT e.globalindex, e.aggregateidentifier, e.sequencenumber, e.timestamp, c.event_hash "
                            + "FROM domainevententry e LEFT JOIN event_chain c ON c.global_index = e.globalindex "
                            + "WHERE e.globalindex >= ? ORDER BY e.globalindex LIMIT " + BATCH,
                    (row, n) -> new Object[] {row.getLong(1), row.getString(2), row.getLong(3), row.getString(4), row.getBytes(5)},
                    expected);
            List<Object[]> leaves = new ArrayList<>();
            boolean open = false;
            for (Object[] row : rows) {
                long globalIndex = (Long) row[0];
                if (globalIndex > expected) {
                    if (!Instant.parse((String) row[3]).isBefore(horizon)) {
                        open = true;
                        break;
                    }
                    log.info("Global indexes {}..{} never committed (older than the gap timeout); the tree skips them",
                            expected, globalIndex - 1);
                    jdbc.update("INSERT INTO integrity_skipped_range (first_index, last_index) VALUES (?,?)",
                            expected, globalIndex - 1);
                }
                byte[] eventHash = (byte[]) row[4];
                if (eventHash == null) {
                    // Stored before the chain existed: chain its aggregate now, in this transaction.
                    String aggregate = (String) row[1];
                    long sequence = (Long) row[2];
                    jdbc.execute((ConnectionCallback<Void>) connection -> {
                        ChainWriter.chainThrough(connection, aggregate, sequence);
                        return null;
                    });
                    eventHash = jdbc.queryForObject("SELECT event_hash FROM event_chain WHERE global_index = ?", byte[].class, globalIndex);
                }
                leaves.add(new Object[] {leafCount++, globalIndex, MerkleTree.leafHash(eventHash)});
                expected = globalIndex + 1;
            }
            if (!leaves.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO merkle_leaf (leaf_index, global_index, leaf_hash) VALUES (?,?,?)", leaves);
            }
            if (open || rows.size() < BATCH) {
                return leafCount;
            }
        }
    }

    /**
     * Events stored in the database but not in the tree because they committed after the tree gave their global
     * index up (their transaction outlived the gap timeout, or someone inserted them). A leaf is never inserted
     * before existing ones, so such an event stays outside every checkpoint: it is logged at ERROR once and
     * recorded in {@code integrity_late_event} for the auditor (the verifier reports it too). Only the skipped
     * ranges are searched, each an index range scan: every other index at or below the frontier is a leaf.
     */
    private void recordLateEvents() {
        if (!skippedRangesRecovered) {
            // Ranges skipped before integrity_skipped_range existed: the holes between leaves (once per process).
            jdbc.update("INSERT INTO integrity_skipped_range (first_index, last_index) "
                    + "SELECT previous_index + 1, global_index - 1 FROM (SELECT global_index, "
                    + "LAG(global_index, 1, 0) OVER (ORDER BY global_index) AS previous_index FROM merkle_leaf) holes "
                    + "WHERE global_index > previous_index + 1 AND NOT EXISTS "
                    + "(SELECT 1 FROM integrity_skipped_range r WHERE r.first_index = holes.previous_index + 1)");
            skippedRangesRecovered = true;
        }
        List<Object[]> late = jdbc.query("SELECT e.globalindex, e.aggregateidentifier, e.sequencenumber, e.eventidentifier "
                        + "FROM integrity_skipped_range r JOIN domainevententry e "
                        + "ON e.globalindex >= r.first_index AND e.globalindex <= r.last_index "
                        + "WHERE NOT EXISTS (SELECT 1 FROM integrity_late_event l WHERE l.global_index = e.globalindex) "
                        + "ORDER BY e.globalindex",
                (row, n) -> new Object[] {row.getLong(1), row.getString(2), row.getLong(3), row.getString(4)});
        String now = Instant.now().toString();
        for (Object[] event : late) {
            log.error("Event at global index {} (aggregate {}, sequence {}) committed after the tree gave its index up: "
                    + "it is stored but in no checkpoint; recorded in integrity_late_event", event[0], event[1], event[2]);
            jdbc.update("INSERT INTO integrity_late_event (global_index, aggregate_identifier, sequence_number, "
                    + "event_identifier, detected_at) VALUES (?,?,?,?,?)", event[0], event[1], event[2], event[3], now);
        }
        lateEvents.set(jdbc.queryForObject("SELECT COUNT(*) FROM integrity_late_event", Long.class));
    }

    /** How many late-committed events are recorded (the {@code ledger.integrity.late_events} gauge); 0 before the first run. */
    public long lateEventCount() {
        return lateEvents.get();
    }

    @Override
    public void start() {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "integrity-checkpointer");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(() -> {
            try {
                publish();
            } catch (RuntimeException e) {
                log.warn("Checkpoint not published this time: {}", e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (schedule != null) {
            schedule.shutdownNow();
            schedule = null;
        }
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }
}
