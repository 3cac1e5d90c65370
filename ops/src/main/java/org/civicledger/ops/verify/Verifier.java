package org.civicledger.ops.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The offline verifier (docs/integrity.md section 6): trusts nothing of the server but the pinned key. In one pass
 * over the stored events in global order it recomputes every aggregate's hash chain and every leaf, folds the leaves
 * into an RFC 6962 tree kept as a compact range, and compares the root with every signed checkpoint (the database's
 * and those the auditor holds) when the tree reaches its size; all roots come from one leaf sequence, so each older
 * checkpoint is checked to be a prefix of each newer one. The server's {@code event_chain} and {@code merkle_leaf}
 * rows are read alongside as hints: they never make anything pass, they only say which event differs.
 *
 * <p>Memory: the compact range (log n hashes) and, per aggregate with more than one possible event, its identifier,
 * next sequence number and last hash. Events without an aggregate (Axon stores them with their own identifier and
 * sequence 0) keep no state. Nothing else grows with the log.
 */
public final class Verifier {

    /** What to check against: the pinned key, the expected origin (null: the checkpoints' own), held notes. */
    public record Options(PinnedKey key, String origin, List<String> heldNotes, int findingsMax) {
        public Options {
            heldNotes = List.copyOf(heldNotes);
        }

        public Options(PinnedKey key) {
            this(key, null, List.of(), 1000);
        }
    }

    /** The outcome: counts, the findings in log order (first bad event first), timing. */
    public record Report(String source, String origin, long events, long aggregates, long leaves, int checkpoints,
                         int checkpointsVerified, int heldVerified, long findingsTotal, List<Finding> findings,
                         long elapsedNanos, long canonicalBytes) {
        public boolean clean() {
            return findingsTotal == 0;
        }

        public Finding first() {
            return findings.isEmpty() ? null : findings.get(0);
        }

        public double eventsPerSecond() {
            return elapsedNanos == 0 ? 0 : events * 1e9 / elapsedNanos;
        }
    }

    private static final Comparator<Finding> LOG_ORDER = Comparator
            .comparing(Finding::globalIndex, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Finding::leafIndex, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Finding::treeSize, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Finding::kind);

    /** A checkpoint size to check the tree at, with what signed it and what the check found. */
    private static final class Target {
        final long size;
        final byte[] root;
        boolean inSource;
        boolean held;
        Boolean recomputedMatches;
        Boolean storedMatches;
        Long lastGlobalIndex;

        Target(long size, byte[] root) {
            this.size = size;
            this.root = root;
        }
    }

    /**
     * The stored leaves ({@code merkle_leaf} or {@code leaves.bin}), read on a thread of their own and handed to the walk
     * in order, in batches. A failure of the source is rethrown to the walk where it happened.
     */
    private static final class StoredLeaves implements LogSource.Cursor<LogSource.LeafRow> {
        private static final int BATCH = 512;
        private static final Object END = new Object();

        private final LogSource.Cursor<LogSource.LeafRow> source;
        private final java.util.concurrent.BlockingQueue<Object> batches = new java.util.concurrent.ArrayBlockingQueue<>(16);
        private final Thread reader;
        private List<LogSource.LeafRow> current = List.of();
        private int position;
        private boolean ended;

        StoredLeaves(LogSource.Cursor<LogSource.LeafRow> source) {
            this.source = source;
            reader = new Thread(() -> {
                Object last = END;
                try {
                    List<LogSource.LeafRow> batch = new ArrayList<>(BATCH);
                    while (source.hasNext()) {
                        LogSource.LeafRow leaf = source.next();
                        batch.add(leaf);
                        if (batch.size() == BATCH) {
                            batches.put(batch);
                            batch = new ArrayList<>(BATCH);
                        }
                    }
                    if (!batch.isEmpty()) {
                        batches.put(batch);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    last = e;
                }
                try {
                    batches.put(last);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "stored leaves");
            reader.setDaemon(true);
            reader.start();
        }

        @Override
        @SuppressWarnings("unchecked")
        public boolean hasNext() {
            while (position >= current.size()) {
                if (ended) {
                    return false;
                }
                Object next;
                try {
                    next = batches.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reading leaves ahead", e);
                }
                if (next == END) {
                    ended = true;
                    return false;
                }
                if (next instanceof RuntimeException failure) {
                    ended = true;
                    throw failure;
                }
                current = (List<LogSource.LeafRow>) next;
                position = 0;
            }
            return true;
        }

        @Override
        public LogSource.LeafRow next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return current.get(position++);
        }

        @Override
        public void close() {
            reader.interrupt();
            try {
                reader.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            source.close();
        }
    }

    /**
     * The tree of the stored leaves, which only decides {@code LEAF_TABLE_ALTERED}. While every stored leaf so far is
     * the recomputed leaf at the same position, the two trees are one: the stored root matches a checkpoint exactly
     * when the recomputed one does, and nothing is folded twice. At the first stored leaf that is not (a different
     * hash, a leaf whose event is gone, the events going on past the stored leaves) the stored tree becomes a copy of
     * the recomputed one and is folded on its own from there, as it always was.
     */
    private static final class StoredTree {
        private final CompactRange recomputed;
        private final java.util.Collection<Target> targets;
        private CompactRange own;
        private Iterator<Target> checks;
        private Target next;
        long leaves;

        StoredTree(CompactRange recomputed, java.util.Collection<Target> targets) {
            this.recomputed = recomputed;
            this.targets = targets;
        }

        /** Whether the stored leaves so far are the recomputed ones (then the recomputed checks decide both). */
        boolean inStep() {
            return own == null;
        }

        /** A stored leaf equal to the recomputed leaf appended at its position next. */
        void stepped() {
            leaves++;
        }

        /** Any other stored leaf. */
        void append(byte[] leafHash) {
            leaves++;
            split();
            own.append(leafHash);
            next = check(own, next, checks, false, null, false);
        }

        void split() {
            if (own == null) {
                own = recomputed.copy();
                checks = targets.iterator();
                next = checks.hasNext() ? checks.next() : null;
                while (next != null && next.size <= own.size()) { // checked while the trees were one
                    next = checks.hasNext() ? checks.next() : null;
                }
            }
        }
    }

    private final LogSource source;
    private final Options options;
    private final Progress progress;
    private final CanonicalHasher hasher = new CanonicalHasher();
    /** Threads that hash the events and their chains ahead of the walk: every core (the walk itself is light). */
    private static final int HASHING_THREADS = Math.max(1, Integer.getInteger("ledger.verify.threads",
            Runtime.getRuntime().availableProcessors()));
    /** Database rows per block handed to the hashing threads. */
    private static final int BATCH = 256;
    private final List<Finding> findings = new ArrayList<>();
    private long findingsTotal;

    private Verifier(LogSource source, Options options, Progress progress) {
        this.source = source;
        this.options = options;
        this.progress = progress;
    }

    public static Report verify(LogSource source, Options options, Progress progress) {
        return new Verifier(source, options, progress).run();
    }

    private void report(Finding finding) {
        findingsTotal++;
        if (findings.size() < options.findingsMax()) {
            findings.add(finding);
        }
    }

    private Report run() {
        long started = System.nanoTime();
        Set<Long> late = source.recordedLateEvents();
        List<String> sourceNotes = source.checkpointNotes();
        TreeMap<Long, Target> targets = new TreeMap<>();
        String origin = openCheckpoints(sourceNotes, options.heldNotes(), targets);
        int signedInSource = (int) targets.values().stream().filter(t -> t.inSource).count();

        Set<String> broken = new HashSet<>();
        long aggregates = 0;
        long storedLeaves = 0;
        long standalone = 0;
        long events = 0;
        long canonicalBytes = 0;
        long lastGlobalIndex = 0;
        CompactRange recomputed = new CompactRange(hasher);
        Iterator<Target> recomputedChecks = targets.values().iterator();
        Target nextRecomputed = recomputedChecks.hasNext() ? recomputedChecks.next() : null;
        StoredTree stored = new StoredTree(recomputed, targets.values());
        nextRecomputed = check(recomputed, nextRecomputed, recomputedChecks, true, 0L, stored.inStep());
        ChainHashing.Producer producer = source instanceof ArchiveLogSource archive ? archive.eventRecords()
                : ChainHashing.of(source.events(), BATCH);
        try (ChainHashing rows = new ChainHashing(producer, HASHING_THREADS);
             StoredLeaves leafRows = new StoredLeaves(source.leaves())) {
            LogSource.LeafRow leaf = leafRows.hasNext() ? leafRows.next() : null;
            while (rows.hasNext()) {
                ChainHashing.Hashed event = rows.next();
                long globalIndex = event.globalIndex;
                events++;
                canonicalBytes += event.canonicalBytes;
                if (globalIndex <= lastGlobalIndex) {
                    report(new Finding(Finding.Kind.REORDERED, globalIndex, event.aggregate, event.sequence, null, null,
                            "the source gives this global index after " + lastGlobalIndex + " (not in ascending order)"));
                }
                lastGlobalIndex = Math.max(lastGlobalIndex, globalIndex);

                // Leaves whose event is gone: the tree signed an event at that index, the log no longer has one.
                while (leaf != null && leaf.globalIndex() < globalIndex) {
                    stored.append(leaf.leafHash());
                    leaf = source.named(leaf);
                    report(new Finding(Finding.Kind.MISSING, leaf.globalIndex(), leaf.chainAggregate(), leaf.chainSequence(), leaf.leafIndex(), null,
                            "leaf " + leaf.leafIndex() + " was this event's, but no event is stored at global index " + leaf.globalIndex()));
                    leaf = leafRows.hasNext() ? leafRows.next() : null;
                }

                // The chain, recomputed from the stored bytes only (ChainHashing walked it: hash, expected sequence).
                Finding eventFinding = null;
                boolean brokenBefore = !event.alone && !broken.isEmpty() && broken.contains(event.aggregate);
                long expected = event.expected;
                if (event.hintNamesOther) {
                    eventFinding = finding(Finding.Kind.REORDERED, event, "this global index was chained as aggregate "
                            + event.row().chainAggregate() + " sequence " + event.row().chainSequence() + "; the event stored here now is another");
                }
                if (event.sequence > expected) {
                    if (eventFinding == null) {
                        eventFinding = finding(Finding.Kind.MISSING, event, "sequence " + (expected == event.sequence - 1 ? expected
                                : expected + ".." + (event.sequence - 1)) + " of this aggregate is missing before this event");
                    }
                } else if (event.sequence < expected) {
                    if (eventFinding == null) {
                        eventFinding = finding(Finding.Kind.REORDERED, event, "sequence " + event.sequence
                                + " comes after sequence " + (expected - 1) + " of its aggregate in global order");
                    }
                }
                byte[] eventHash = event.eventHash;
                if (eventFinding == null && !brokenBefore && event.hintHashDiffers) {
                    eventFinding = finding(Finding.Kind.CHANGED, event, "its stored bytes hash to " + b64(eventHash)
                            + ", the chain recorded " + b64(event.row().chainHash()));
                }
                if (event.alone) {
                    standalone++;
                }

                // Its place in the tree.
                if (leaf != null && leaf.globalIndex() == globalIndex) {
                    byte[] leafHash = event.leafHash;
                    boolean same = Arrays.equals(leafHash, leaf.leafHash());
                    if (same && stored.inStep()) {
                        stored.stepped();
                    } else {
                        stored.append(leaf.leafHash());
                    }
                    if (eventFinding == null && !brokenBefore && !same) {
                        eventFinding = finding(Finding.Kind.CHANGED, event, "its stored bytes give leaf " + b64(leafHash)
                                + ", leaf " + leaf.leafIndex() + " of the tree is " + b64(leaf.leafHash()));
                    }
                    recomputed.append(leafHash);
                    nextRecomputed = check(recomputed, nextRecomputed, recomputedChecks, true, globalIndex, stored.inStep());
                    leaf = leafRows.hasNext() ? leafRows.next() : null;
                } else if (leaf != null) {
                    // Stored at or below the tree's frontier, yet not a leaf: it was not there when its index was passed.
                    boolean recorded = late.contains(globalIndex);
                    report(finding(recorded ? Finding.Kind.LATE_COMMIT : Finding.Kind.INSERTED, event, recorded
                            ? "committed after the tree gave its global index up (the server recorded it): in no checkpoint"
                            : "stored below the tree's frontier (leaf " + leaf.leafIndex() + " is global index " + leaf.globalIndex()
                            + ") but not a leaf, and not recorded as a late commit"));
                } else {
                    stored.split(); // the events go on past the stored leaves
                    recomputed.append(event.leafHash);
                    nextRecomputed = check(recomputed, nextRecomputed, recomputedChecks, true, globalIndex, false);
                }
                if (eventFinding != null) {
                    report(eventFinding);
                    if (!event.alone) {
                        broken.add(event.aggregate);
                    }
                }
                progress.advance(1);
            }
            aggregates = rows.chains();
            long vanished = 0;
            while (leaf != null) {
                stored.append(leaf.leafHash());
                if (vanished++ == 0) {
                    leaf = source.named(leaf);
                    report(new Finding(Finding.Kind.MISSING, leaf.globalIndex(), leaf.chainAggregate(), leaf.chainSequence(), leaf.leafIndex(), null,
                            "leaf " + leaf.leafIndex() + " was this event's, but the log ends at global index " + lastGlobalIndex));
                }
                leaf = leafRows.hasNext() ? leafRows.next() : null;
            }
            if (vanished > 1) {
                findingsTotal += vanished - 1;
            }
            storedLeaves = stored.leaves;
        }
        progress.finish();
        for (Finding damage : source.sourceFindings()) {
            report(damage);
        }
        judgeCheckpoints(targets, recomputed.size(), storedLeaves, lastGlobalIndex);
        findings.sort(LOG_ORDER);
        int verified = (int) targets.values().stream().filter(t -> Boolean.TRUE.equals(t.recomputedMatches)).count();
        int heldVerified = (int) targets.values().stream().filter(t -> t.held && Boolean.TRUE.equals(t.recomputedMatches)).count();
        return new Report(source.description(), origin, events, aggregates + standalone, recomputed.size(), signedInSource,
                verified, heldVerified, findingsTotal, List.copyOf(findings), System.nanoTime() - started, canonicalBytes);
    }

    private Finding finding(Finding.Kind kind, ChainHashing.Hashed event, String message) {
        return new Finding(kind, event.globalIndex, event.aggregate, event.sequence, null, null, message);
    }

    /** Compares the tree with every target of the size it just reached. */
    private static Target check(CompactRange tree, Target next, Iterator<Target> targets, boolean recomputed, Long globalIndex,
                                boolean andStored) {
        while (next != null && next.size <= tree.size()) {
            if (next.size == tree.size()) {
                boolean matches = Arrays.equals(tree.root(), next.root);
                if (recomputed) {
                    next.recomputedMatches = matches;
                    next.lastGlobalIndex = globalIndex;
                    if (andStored) {
                        next.storedMatches = matches;
                    }
                } else {
                    next.storedMatches = matches;
                }
            }
            next = targets.hasNext() ? targets.next() : null;
        }
        return next;
    }

    /** Signature, origin and split-view checks of every note; fills {@code targets}; the origin in force. */
    private String openCheckpoints(List<String> sourceNotes, List<String> heldNotes, TreeMap<Long, Target> targets) {
        String origin = options.origin();
        List<Object[]> opened = new ArrayList<>();
        for (int i = 0; i < sourceNotes.size() + heldNotes.size(); i++) {
            boolean held = i >= sourceNotes.size();
            String note = held ? heldNotes.get(i - sourceNotes.size()) : sourceNotes.get(i);
            try {
                opened.add(new Object[] {options.key().open(note), held});
            } catch (IllegalArgumentException refused) {
                report(new Finding(Finding.Kind.BAD_SIGNATURE, null, null, null, null, sizeOf(note),
                        (held ? "a checkpoint you hold" : "a checkpoint in the " + (source instanceof ArchiveLogSource ? "archive" : "database"))
                                + " is refused: " + refused.getMessage()));
            }
        }
        for (Object[] entry : opened) {
            PinnedKey.SignedCheckpoint checkpoint = (PinnedKey.SignedCheckpoint) entry[0];
            boolean held = (Boolean) entry[1];
            if (origin == null) {
                origin = checkpoint.origin();
            }
            if (!origin.equals(checkpoint.origin())) {
                report(new Finding(Finding.Kind.WRONG_ORIGIN, null, null, null, null, checkpoint.treeSize(),
                        "signed for origin " + checkpoint.origin() + ", expected " + origin));
                continue;
            }
            Target target = targets.get(checkpoint.treeSize());
            if (target == null) {
                target = new Target(checkpoint.treeSize(), checkpoint.rootHash());
                targets.put(target.size, target);
            } else if (!Arrays.equals(target.root, checkpoint.rootHash())) {
                report(new Finding(Finding.Kind.SPLIT_VIEW, null, null, null, null, checkpoint.treeSize(),
                        "two validly signed checkpoints of this size with different roots (" + b64(target.root) + ", "
                                + b64(checkpoint.rootHash()) + "): the log was forked"));
                continue;
            }
            target.held |= held;
            target.inSource |= !held;
        }
        return origin;
    }

    private void judgeCheckpoints(TreeMap<Long, Target> targets, long leaves, long storedLeaves, long lastGlobalIndex) {
        long latestInSource = targets.values().stream().filter(t -> t.inSource).mapToLong(t -> t.size).max().orElse(0);
        long previousGood = 0;
        Long previousGoodGlobal = null;
        boolean explainedEarlier = false;
        for (Target target : targets.values()) {
            if (target.size > leaves) {
                boolean cut = target.inSource;
                report(new Finding(cut ? Finding.Kind.TRUNCATED : Finding.Kind.ROLLED_BACK, null, null, null, leaves, target.size,
                        "signed for " + target.size + " events, the log gives " + leaves + " leaves (last event at global index "
                                + lastGlobalIndex + "); leaves " + leaves + ".." + (target.size - 1) + " are missing"
                                + (cut ? "" : "; the source's latest checkpoint is of size " + latestInSource
                                + ": it was rolled back or truncated since you saw this checkpoint")));
                continue;
            }
            if (Boolean.TRUE.equals(target.recomputedMatches)) {
                if (Boolean.FALSE.equals(target.storedMatches) || target.size > storedLeaves && target.inSource) {
                    report(new Finding(Finding.Kind.LEAF_TABLE_ALTERED, null, null, null, null, target.size,
                            "the events give the signed root, the stored leaves (merkle_leaf) do not: the server's proofs for it fail"));
                }
                previousGood = target.size;
                previousGoodGlobal = target.lastGlobalIndex;
                continue;
            }
            boolean explained = explainedEarlier || findings.stream().anyMatch(f -> f.globalIndex() != null
                    && target.lastGlobalIndex != null && f.globalIndex() <= target.lastGlobalIndex);
            if (!explained) {
                report(new Finding(Finding.Kind.ROOT_MISMATCH, null, null, null, previousGood, target.size,
                        "the events do not give the signed root, and the stored hints were rewritten to match them: the first bad "
                                + "event is among leaves " + previousGood + ".." + (target.size - 1) + " (global indexes "
                                + (previousGoodGlobal == null ? 1 : previousGoodGlobal + 1) + ".." + target.lastGlobalIndex + ")"));
            }
            explainedEarlier = true;
        }
    }

    private static Long sizeOf(String note) {
        String[] lines = note.split("\n", 3);
        try {
            return lines.length > 1 ? Long.parseLong(lines[1]) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String b64(byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }
}
