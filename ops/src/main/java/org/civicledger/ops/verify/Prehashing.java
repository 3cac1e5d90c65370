package org.civicledger.ops.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.civicledger.ops.verify.CanonicalHasher.Prefix;

/**
 * Event rows with the hashing that needs no chain already done. An event's hash covers its canonical bytes and
 * then the previous event's hash of its aggregate, so all but the last 32 bytes can be digested by any thread in any
 * order: a reader thread cuts the rows into batches, a pool of {@code threads} digests each batch's prefixes
 * ({@link CanonicalHasher#prefix}), and the verifier takes the batches back in their order and finishes each hash
 * with the previous one (32 bytes). The bulk of the hashing so runs on every core, not on the verifier's thread.
 * Bounded: at most {@link #BATCHES_AHEAD} batches are read ahead. A failure of the reader or of a digest is rethrown
 * to the consumer at its batch.
 */
final class Prehashing implements LogSource.Cursor<Prehashing.Row> {

    /** An event row and the digest of its canonical bytes up to the previous hash. */
    record Row(LogSource.EventRow row, Prefix prefix) {
    }

    private static final int BATCH = 256;
    private static final int BATCHES_AHEAD = 16;
    private static final Object END = new Object();

    private final LogSource.Cursor<LogSource.EventRow> source;
    private final ExecutorService pool;
    private final BlockingQueue<Object> batches = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final ThreadLocal<CanonicalHasher> hashers = ThreadLocal.withInitial(CanonicalHasher::new);
    private final Thread reader;
    private List<Row> current = List.of();
    private int position;
    private boolean ended;

    Prehashing(LogSource.Cursor<LogSource.EventRow> source, int threads) {
        this.source = source;
        this.pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "prehash");
            thread.setDaemon(true);
            return thread;
        });
        reader = new Thread(() -> {
            Object last = END;
            try {
                List<LogSource.EventRow> batch = new ArrayList<>(BATCH);
                while (source.hasNext()) {
                    batch.add(source.next());
                    if (batch.size() == BATCH) {
                        batches.put(digest(batch));
                        batch = new ArrayList<>(BATCH);
                    }
                }
                if (!batch.isEmpty()) {
                    batches.put(digest(batch));
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
        }, "prehash reader");
        reader.setDaemon(true);
        reader.start();
    }

    private CompletableFuture<List<Row>> digest(List<LogSource.EventRow> batch) {
        return CompletableFuture.supplyAsync(() -> {
            CanonicalHasher hasher = hashers.get();
            List<Row> rows = new ArrayList<>(batch.size());
            for (LogSource.EventRow row : batch) {
                rows.add(new Row(row, hasher.prefix(row.event())));
            }
            return rows;
        }, pool);
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
                throw new IllegalStateException("interrupted while reading ahead", e);
            }
            if (next == END) {
                ended = true;
                return false;
            }
            if (next instanceof RuntimeException failure) {
                ended = true;
                throw failure;
            }
            try {
                current = ((CompletableFuture<List<Row>>) next).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while hashing ahead", e);
            } catch (ExecutionException e) {
                ended = true;
                throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            }
            position = 0;
        }
        return true;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
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
        pool.shutdownNow();
        source.close();
    }
}
