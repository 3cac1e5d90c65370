package org.civicledger.ops.verify;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.civicledger.projections.integrity.StoredEvent;

/**
 * Computes every event hash of the log, chains included, on {@code threads} threads, and gives the events back in
 * global order with their hashes. The chain is sequential per aggregate only: each thread owns the aggregates whose
 * identifier's {@link String#hashCode} falls to it, keeps their next sequence number and last hash, and hashes their
 * events in order (one reused digest; §1 of docs/integrity.md). A producer thread reads the source into blocks; every
 * hashing thread takes every block in order and does its own events of it; the verifier takes the blocks back in order
 * once all threads are through. It only compares and folds the tree: every hash it needs is ready.
 *
 * <p>The events of an export archive arrive as blocks of raw {@code events.bin} records ({@link Records}): the canonical
 * form (§1) of an event is the record's bytes from its type to its metadata as they lie in the block, after the domain
 * field, because the archive frames the fields exactly as the canonical form does. Nothing is decoded but the aggregate
 * identifier (the chain's key). A record with a non-ASCII character in one of its text fields is decoded and encoded
 * again, as a row from the database would be, so that the hash is the same as it always was for any input.
 *
 * <p>Bounded: at most {@link #BLOCKS_AHEAD} blocks are read ahead. A failure of the producer or of a hashing thread is
 * rethrown to the consumer at its block.
 */
final class ChainHashing implements LogSource.Cursor<ChainHashing.Hashed> {

    /** One event with everything the verifier's walk needs; the stored row itself is decoded only for a finding. */
    static final class Hashed {
        long globalIndex;
        String aggregate;
        long sequence;
        /** Stored by Axon with its own identifier as aggregate and sequence 0: a chain of one, keeping no state. */
        boolean alone;
        /** The sequence number the aggregate's chain expected (0 for the first event or one alone). */
        long expected;
        byte[] eventHash;
        byte[] leafHash;
        /** The chain row at this global index names another aggregate or sequence. */
        boolean hintNamesOther;
        /** The chain row at this global index has a hash, and it is not the recomputed one. */
        boolean hintHashDiffers;
        /** Canonical bytes hashed for this event (previous hash included). */
        long canonicalBytes;
        private LogSource.EventRow row;
        private byte[] record;
        private int start;
        private int end;

        /** The stored row and its hints, as the source gives them (decoded here for an archive record). */
        LogSource.EventRow row() {
            if (row == null) {
                try {
                    row = Archive.readEvent(new DataInputStream(new ByteArrayInputStream(record, start, end - start)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return row;
        }
    }

    /** Hands blocks to the hashing threads and the consumer, in order. */
    interface Sink {
        void accept(Block block) throws InterruptedException;
    }

    /** Reads a source into blocks; runs on its own thread. */
    interface Producer {
        void produce(Sink sink) throws InterruptedException;

        void close();
    }

    /** Some events of the log, in order; each hashing thread does the ones whose aggregate is its own. */
    abstract static class Block {
        final Hashed[] out;
        private CountDownLatch done;
        private volatile RuntimeException failure;

        Block(int size) {
            out = new Hashed[size];
        }

        abstract void hash(Worker worker);
    }

    /** Rows as a cursor gives them (the database). */
    static final class Rows extends Block {
        private final LogSource.EventRow[] rows;

        Rows(LogSource.EventRow[] rows) {
            super(rows.length);
            this.rows = rows;
        }

        @Override
        void hash(Worker worker) {
            for (int i = 0; i < rows.length; i++) {
                LogSource.EventRow row = rows[i];
                if (worker.owns(hashOf(row.event().aggregateIdentifier()))) {
                    out[i] = worker.hash(row);
                }
            }
        }
    }

    /**
     * Whole {@code events.bin} records (see {@link Archive}), already checked to be well framed: record {@code i} is
     * {@code data[starts[i] .. starts[i + 1])}, from its 0x01 marker.
     */
    static final class Records extends Block {
        private final byte[] data;
        private final int[] starts;

        Records(byte[] data, int[] starts, int count) {
            super(count);
            this.data = data;
            this.starts = starts;
        }

        @Override
        void hash(Worker worker) {
            for (int i = 0; i < out.length; i++) {
                int aggregateAt = skip(data, starts[i] + 9);
                int hash = hashOf(data, aggregateAt);
                if (worker.owns(hash)) {
                    out[i] = worker.hash(data, starts[i], starts[i + 1], aggregateAt, hash);
                }
            }
        }
    }

    /** The chain state of the aggregates one thread owns, and its digests. */
    static final class Worker {
        private static final byte[] DOMAIN_FIELD = domainField();
        private static final byte[] ZERO = new byte[32];

        private final int index;
        private final int count;
        private final MessageDigest sha256 = CanonicalHasher.newSha256();
        private final MessageDigest leaf = CanonicalHasher.newSha256();
        private final CanonicalHasher canonical = new CanonicalHasher();
        private final ChainTable chains = new ChainTable();

        Worker(int index, int count) {
            this.index = index;
            this.count = count;
        }

        boolean owns(int hash) {
            return Math.floorMod(hash, count) == index;
        }

        Hashed hash(LogSource.EventRow row) {
            StoredEvent event = row.event();
            Hashed hashed = new Hashed();
            hashed.row = row;
            hashed.globalIndex = event.globalIndex();
            hashed.aggregate = event.aggregateIdentifier();
            hashed.sequence = event.sequenceNumber();
            hashed.alone = hashed.sequence == 0 && hashed.aggregate.equals(event.eventIdentifier());
            walk(hashed, canonical.feed(event, sha256), hashed.alone ? null : chains.get(hashed.aggregate));
            hashed.hintNamesOther = row.chainAggregate() != null
                    && (!row.chainAggregate().equals(hashed.aggregate) || !row.chainSequence().equals(hashed.sequence));
            hashed.hintHashDiffers = row.chainHash() != null && !Arrays.equals(hashed.eventHash, row.chainHash());
            return hashed;
        }

        /** An archive record: the canonical bytes are hashed where they lie (see the class comment). */
        Hashed hash(byte[] data, int start, int end, int aggregateAt, int aggregateHash) {
            int typeAt = start + 9;
            int sequenceAt = skip(data, aggregateAt);
            int at = sequenceAt + 8;
            boolean ascii = ascii(data, typeAt) && ascii(data, aggregateAt);
            for (int field = 0; field < 4; field++) { // event identifier, timestamp, payload type, payload revision
                ascii &= ascii(data, at);
                at = skip(data, at);
            }
            if (!ascii) {
                Hashed hashed = hash(readEvent(data, start, end));
                hashed.record = data;
                hashed.start = start;
                hashed.end = end;
                return hashed;
            }
            int canonicalEnd = skip(data, skip(data, at)); // payload, metadata
            Hashed hashed = new Hashed();
            hashed.record = data;
            hashed.start = start;
            hashed.end = end;
            hashed.globalIndex = longAt(data, start + 1);
            hashed.sequence = longAt(data, sequenceAt);
            // The chain found by the identifier's bytes (all ASCII here): decoded only for a new aggregate.
            int aggregateLength = length(data, aggregateAt);
            Chain chain = aggregateLength == -1 ? chains.get(null) : chains.get(data, aggregateAt + 4, aggregateLength, aggregateHash);
            hashed.aggregate = chain != null ? chain.key : text(data, aggregateAt);
            if (hashed.sequence == 0) {
                hashed.alone = hashed.aggregate.equals(text(data, sequenceAt + 8));
            }
            sha256.update(DOMAIN_FIELD);
            sha256.update(data, typeAt, canonicalEnd - typeAt);
            walk(hashed, DOMAIN_FIELD.length + canonicalEnd - typeAt, hashed.alone ? null : chain);

            // The hints: chain aggregate, chain sequence, chain hash (as Archive.readEvent reads them).
            int chainAggregateAt = canonicalEnd;
            int chainSequenceAt = skip(data, chainAggregateAt);
            int chainHashAt = skip(data, chainSequenceAt);
            if (length(data, chainAggregateAt) != -1) {
                boolean sameAggregate = hashed.aggregate != null && Arrays.equals(data, chainAggregateAt + 4, chainSequenceAt,
                        data, aggregateAt + 4, sequenceAt) || text(data, chainAggregateAt).equals(hashed.aggregate);
                Long chainSequence = length(data, chainSequenceAt) == -1 ? null : longAt(data, chainSequenceAt + 4);
                hashed.hintNamesOther = !sameAggregate || !chainSequence.equals(hashed.sequence);
            }
            int hashLength = length(data, chainHashAt);
            hashed.hintHashDiffers = hashLength != -1
                    && !Arrays.equals(hashed.eventHash, 0, 32, data, chainHashAt + 4, chainHashAt + 4 + hashLength);
            return hashed;
        }

        /**
         * Finishes the event hash with the previous one of its chain (the digest holds the rest of the canonical form)
         * and moves the chain on: exactly the verifier's rule of docs/integrity.md §7 step 2.
         */
        private void walk(Hashed hashed, long prefixBytes, Chain chain) {
            long expected = chain == null ? 0 : chain.next;
            byte[] previous = chain == null ? ZERO : chain.last;
            if (hashed.sequence < expected) {
                previous = ZERO;
            }
            sha256.update(previous);
            byte[] eventHash = sha256.digest();
            hashed.expected = expected;
            hashed.eventHash = eventHash;
            hashed.canonicalBytes = prefixBytes + previous.length;
            leaf.update((byte) 0x00);
            leaf.update(eventHash);
            hashed.leafHash = leaf.digest();
            if (!hashed.alone) {
                if (chain == null) {
                    chain = chains.add(hashed.aggregate);
                }
                if (hashed.sequence >= expected) {
                    chain.next = hashed.sequence + 1;
                    chain.last = eventHash;
                }
            }
        }

        private static byte[] domainField() {
            byte[] field = new byte[4 + CanonicalHasher.DOMAIN.length];
            field[3] = (byte) CanonicalHasher.DOMAIN.length;
            System.arraycopy(CanonicalHasher.DOMAIN, 0, field, 4, CanonicalHasher.DOMAIN.length);
            return field;
        }
    }

    /** One aggregate's chain: its identifier, the next sequence number and the last hash. */
    private static final class Chain {
        final String key;
        final int hash;
        /** The identifier's bytes when it is ASCII (then they are its UTF-8 form), else null. */
        final byte[] ascii;
        long next;
        byte[] last;

        Chain(String key) {
            this.key = key;
            this.hash = key == null ? 0 : key.hashCode();
            this.ascii = key != null && key.chars().allMatch(c -> c < 0x80) ? key.getBytes(StandardCharsets.US_ASCII) : null;
        }
    }

    /**
     * The chains of the aggregates one thread owns, by identifier, as a {@code HashMap<String, Chain>} would find them
     * (null included) — and also by an ASCII identifier's bytes in a record, without decoding them ({@link String#hashCode}
     * of ASCII text is the same sum over its bytes). Open addressing, at most half full.
     */
    private static final class ChainTable {
        private Chain[] slots = new Chain[1 << 12];
        private Chain ofNull;
        int size;

        Chain get(String key) {
            if (key == null) {
                return ofNull;
            }
            int hash = key.hashCode();
            for (int i = slot(hash, slots.length); ; i = (i + 1) & (slots.length - 1)) {
                Chain chain = slots[i];
                if (chain == null || chain.hash == hash && chain.key.equals(key)) {
                    return chain;
                }
            }
        }

        /** By the bytes {@code data[from .. from + length)}, all ASCII, whose {@link String#hashCode} is {@code hash}. */
        Chain get(byte[] data, int from, int length, int hash) {
            for (int i = slot(hash, slots.length); ; i = (i + 1) & (slots.length - 1)) {
                Chain chain = slots[i];
                if (chain == null || chain.hash == hash && chain.ascii != null && chain.ascii.length == length
                        && Arrays.equals(chain.ascii, 0, length, data, from, from + length)) {
                    return chain;
                }
            }
        }

        Chain add(String key) {
            Chain chain = new Chain(key);
            size++;
            if (key == null) {
                ofNull = chain;
                return chain;
            }
            if (2 * size > slots.length) {
                Chain[] old = slots;
                slots = new Chain[old.length * 2];
                for (Chain moved : old) {
                    if (moved != null) {
                        put(moved);
                    }
                }
            }
            put(chain);
            return chain;
        }

        private void put(Chain chain) {
            int i = slot(chain.hash, slots.length);
            while (slots[i] != null) {
                i = (i + 1) & (slots.length - 1);
            }
            slots[i] = chain;
        }

        private static int slot(int hash, int length) {
            return (hash * 0x9E3779B9) >>> (32 - Integer.numberOfTrailingZeros(length));
        }
    }

    private static final int BLOCKS_AHEAD = 16;
    private static final Object END = new Object();

    private final Producer producer;
    private final Worker[] workers;
    private final ExecutorService[] threads;
    private final BlockingQueue<Object> blocks = new ArrayBlockingQueue<>(BLOCKS_AHEAD);
    private final Thread reader;
    private Hashed[] current = new Hashed[0];
    private int position;
    private boolean ended;

    ChainHashing(Producer producer, int threadCount) {
        this.producer = producer;
        this.workers = new Worker[threadCount];
        this.threads = new ExecutorService[threadCount];
        for (int i = 0; i < threadCount; i++) {
            workers[i] = new Worker(i, threadCount);
            threads[i] = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "chain hashing");
                thread.setDaemon(true);
                return thread;
            });
        }
        reader = new Thread(() -> {
            Object last = END;
            try {
                producer.produce(this::dispatch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                blocks.put(last);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "chain hashing reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Events of a cursor (the database): read on a thread of their own, in blocks of {@code batch}. */
    static Producer of(LogSource.Cursor<LogSource.EventRow> source, int batch) {
        return new Producer() {
            @Override
            public void produce(Sink sink) throws InterruptedException {
                LogSource.EventRow[] rows = new LogSource.EventRow[batch];
                int count = 0;
                while (source.hasNext()) {
                    rows[count++] = source.next();
                    if (count == batch) {
                        sink.accept(new Rows(rows));
                        rows = new LogSource.EventRow[batch];
                        count = 0;
                    }
                }
                if (count > 0) {
                    sink.accept(new Rows(Arrays.copyOf(rows, count)));
                }
            }

            @Override
            public void close() {
                source.close();
            }
        };
    }

    private void dispatch(Block block) throws InterruptedException {
        block.done = new CountDownLatch(workers.length);
        for (int i = 0; i < workers.length; i++) {
            Worker worker = workers[i];
            threads[i].execute(() -> {
                try {
                    block.hash(worker);
                } catch (RuntimeException e) {
                    block.failure = e;
                } finally {
                    block.done.countDown();
                }
            });
        }
        blocks.put(block);
    }

    /** Aggregates with a chain (the threads' together; each aggregate is one thread's). */
    long chains() {
        long chains = 0;
        for (Worker worker : workers) {
            chains += worker.chains.size;
        }
        return chains;
    }

    @Override
    public boolean hasNext() {
        while (position >= current.length) {
            if (ended) {
                return false;
            }
            Object next;
            try {
                next = blocks.take();
                if (next instanceof Block block) {
                    block.done.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while hashing ahead", e);
            }
            if (next == END) {
                ended = true;
                return false;
            }
            if (next instanceof RuntimeException failure) {
                ended = true;
                throw failure;
            }
            Block block = (Block) next;
            if (block.failure != null) {
                ended = true;
                throw block.failure;
            }
            current = block.out;
            position = 0;
        }
        return true;
    }

    @Override
    public Hashed next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Hashed next = current[position];
        current[position++] = null;
        return next;
    }

    @Override
    public void close() {
        reader.interrupt();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ExecutorService thread : threads) {
            thread.shutdownNow();
        }
        producer.close();
    }

    // ------------------------------------------------------------------------------------------------- framing

    /** The aggregate's {@link String#hashCode} (0 for null): which thread owns its chain. */
    private static int hashOf(String aggregate) {
        return aggregate == null ? 0 : aggregate.hashCode();
    }

    /** The same for an aggregate field in a record: over the bytes while they are ASCII (where the two agree). */
    private static int hashOf(byte[] data, int fieldAt) {
        int length = length(data, fieldAt);
        if (length == -1) {
            return 0;
        }
        int hash = 0;
        for (int i = fieldAt + 4, end = fieldAt + 4 + length; i < end; i++) {
            if (data[i] < 0) {
                return text(data, fieldAt).hashCode();
            }
            hash = 31 * hash + data[i];
        }
        return hash;
    }

    private static int length(byte[] data, int at) {
        return Archive.lengthAt(data, at);
    }

    private static int skip(byte[] data, int at) {
        return Archive.skip(data, at);
    }

    private static boolean ascii(byte[] data, int at) {
        int length = length(data, at);
        for (int i = at + 4, end = at + 4 + (length == -1 ? 0 : length); i < end; i++) {
            if (data[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] data, int at) {
        return Archive.textAt(data, at);
    }

    private static long longAt(byte[] data, int at) {
        return Archive.longAt(data, at);
    }

    private static LogSource.EventRow readEvent(byte[] data, int start, int end) {
        try {
            return Archive.readEvent(new DataInputStream(new ByteArrayInputStream(data, start, end - start)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
