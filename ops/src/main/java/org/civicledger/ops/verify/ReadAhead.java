package org.civicledger.ops.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A cursor drained by a second thread in batches, so that reading and decoding rows (JDBC or the archive's framing)
 * overlaps with hashing and checking them. Bounded: at most {@link #BATCHES_AHEAD} batches of {@link #BATCH} rows
 * wait. A failure of the reading thread is rethrown to the consumer at the row where it happened.
 */
final class ReadAhead<T> implements LogSource.Cursor<T> {

    private static final int BATCH = 512;
    private static final int BATCHES_AHEAD = 8;

    private final LogSource.Cursor<T> source;
    private final BlockingQueue<Object> batches = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final Thread reader;
    private List<T> current = List.of();
    private int position;
    private boolean ended;

    private static final Object END = new Object();

    ReadAhead(LogSource.Cursor<T> source, String name) {
        this.source = source;
        reader = new Thread(() -> {
            Object last = END;
            try {
                List<T> batch = new ArrayList<>(BATCH);
                while (source.hasNext()) {
                    batch.add(source.next());
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
        }, "read-ahead " + name);
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
            current = (List<T>) next;
            position = 0;
        }
        return true;
    }

    @Override
    public T next() {
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
        source.close();
    }
}
