package org.civicledger.ops.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A log read from an export archive ({@link Archive}), offline. Every entry's SHA-256 is checked against the manifest
 * (the two large entries while they stream); a mismatch or an unreadable record becomes an
 * {@link Finding.Kind#ARCHIVE_DAMAGED} finding naming the entry, and verification of what is readable goes on.
 */
public final class ArchiveLogSource implements LogSource {

    private final Path file;
    private final ZipFile zip;
    private final JsonNode manifest;
    private final List<Finding> damage = Collections.synchronizedList(new ArrayList<>());

    public ArchiveLogSource(Path file) throws IOException {
        this.file = file;
        this.zip = new ZipFile(file.toFile());
        ZipEntry entry = zip.getEntry(Archive.MANIFEST);
        if (entry == null) {
            zip.close();
            throw new IOException(file + " is not a Civic Ledger export: no " + Archive.MANIFEST);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            this.manifest = new ObjectMapper().readTree(in);
        }
        if (!Archive.FORMAT.equals(manifest.path("format").asText())) {
            zip.close();
            throw new IOException(file + ": unknown export format " + manifest.path("format").asText());
        }
    }

    /** The verifier key string the archive carries (what the server said; an auditor pins their own). */
    public String embeddedVerifierKey() throws IOException {
        return new String(entryBytes(Archive.VERIFIER_KEY), StandardCharsets.UTF_8).trim();
    }

    @Override
    public String description() {
        return "export archive " + file + " (" + manifest.path("source").asText() + ", tree size "
                + manifest.path("treeSize").asLong() + ", created " + manifest.path("createdAt").asText() + ")";
    }

    @Override
    public long eventCount() {
        return manifest.path("events").asLong();
    }

    @Override
    public Cursor<EventRow> events() {
        return stream(Archive.EVENTS, Archive.EVENTS_HEADER, Archive::readEvent);
    }

    /** Bytes of {@code events.bin} per block handed to the hashing threads (whole records; a longer one gets its own). */
    private static final int BLOCK_BYTES = 1 << 19;

    /**
     * The events as blocks of raw records for {@link ChainHashing}, which hashes their canonical bytes where they lie
     * instead of decoding them: read, digested for the manifest and cut at record boundaries on the producer's thread.
     * The framing is checked record by record as {@link #events()} checks it, and a damaged entry is reported the same
     * way, with the same words, after the records before the damage.
     */
    ChainHashing.Producer eventRecords() {
        String name = Archive.EVENTS;
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            damaged(name, "missing");
            return nothing();
        }
        InputStream in = null;
        MessageDigest sha256 = ArchiveWriter.sha256();
        try {
            in = zip.getInputStream(entry);
            byte[] header = in.readNBytes(Archive.EVENTS_HEADER.length);
            sha256.update(header);
            Archive.header(new DataInputStream(new ByteArrayInputStream(header)), Archive.EVENTS_HEADER);
        } catch (IOException e) {
            damaged(name, "unreadable: " + e.getMessage());
            closeQuietly(in);
            return nothing();
        }
        InputStream stream = in;
        return new ChainHashing.Producer() {
            @Override
            public void produce(ChainHashing.Sink sink) throws InterruptedException {
                byte[] data = new byte[BLOCK_BYTES];
                int[] starts = new int[1024];
                int count = 0;
                int filled = 0;
                int at = 0;
                try {
                    while (true) {
                        int end;
                        try {
                            end = Archive.recordEnd(data, at, filled, Archive.EVENT_LAYOUT);
                        } catch (IOException e) {
                            emit(sink, data, starts, count, at);
                            damaged(name, "unreadable record: " + e);
                            return;
                        }
                        if (end >= 0) {
                            if (count + 1 >= starts.length) {
                                starts = Arrays.copyOf(starts, starts.length * 2);
                            }
                            starts[count++] = at;
                            at = end;
                            continue;
                        }
                        if (end == Archive.END_RECORD) {
                            emit(sink, data, starts, count, at);
                            byte[] rest = new byte[1 << 16];
                            for (int n; (n = stream.read(rest)) > 0; ) {
                                // Trailing bytes still count towards the entry's digest.
                                sha256.update(rest, 0, n);
                            }
                            check(name, HexFormat.of().formatHex(sha256.digest()));
                            return;
                        }
                        // The record at 'at' is not whole: hand over the whole ones, keep its beginning, read on.
                        byte[] next = data;
                        if (count > 0) {
                            emit(sink, data, starts, count, at);
                            count = 0;
                            next = new byte[Math.max(BLOCK_BYTES, 2 * (filled - at))];
                        } else if (filled == data.length) {
                            next = new byte[data.length * 2];
                        }
                        if (next != data || at > 0) {
                            System.arraycopy(data, at, next, 0, filled - at);
                            filled -= at;
                            at = 0;
                            data = next;
                        }
                        int read = readSome(stream, data, filled);
                        if (read == 0) {
                            damaged(name, "unreadable record: " + (at == filled
                                    ? new EOFException("entry ends without its end record") : new EOFException()));
                            return;
                        }
                        sha256.update(data, filled, read);
                        filled += read;
                    }
                } catch (IOException e) {
                    damaged(name, "unreadable record: " + e);
                }
            }

            private void emit(ChainHashing.Sink sink, byte[] data, int[] starts, int count, int end) throws InterruptedException {
                if (count > 0) {
                    int[] bounds = Arrays.copyOf(starts, count + 1);
                    bounds[count] = end;
                    sink.accept(new ChainHashing.Records(data, bounds, count));
                }
            }

            @Override
            public void close() {
                closeQuietly(stream);
            }
        };
    }

    private static ChainHashing.Producer nothing() {
        return new ChainHashing.Producer() {
            @Override
            public void produce(ChainHashing.Sink sink) {
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Fills {@code data} from {@code filled} on, to its end or the end of the stream (then 0 bytes), in reads of
     * {@link #READ_BYTES}: a zip entry's stream reads through {@code RandomAccessFile}, whose native read allocates a
     * buffer of the length asked for on every call beyond 8 KB (a fresh mapping, page faults, for half a megabyte).
     */
    private static int readSome(InputStream in, byte[] data, int filled) throws IOException {
        int total = 0;
        while (filled + total < data.length) {
            int read = in.read(data, filled + total, Math.min(READ_BYTES, data.length - filled - total));
            if (read < 0) {
                break;
            }
            total += read;
        }
        return total;
    }

    private static final int READ_BYTES = 1 << 16;

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // Read-only.
            }
        }
    }

    @Override
    public Cursor<LeafRow> leaves() {
        String name = Archive.LEAVES;
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            damaged(name, "missing");
            return empty();
        }
        InputStream in = null;
        MessageDigest sha256 = ArchiveWriter.sha256();
        try {
            in = zip.getInputStream(entry);
            byte[] header = in.readNBytes(Archive.LEAVES_HEADER.length);
            sha256.update(header);
            Archive.header(new DataInputStream(new ByteArrayInputStream(header)), Archive.LEAVES_HEADER);
        } catch (IOException e) {
            damaged(name, "unreadable: " + e.getMessage());
            closeQuietly(in);
            return empty();
        }
        InputStream stream = in;
        // Read in large pieces, digested here, each leaf taken from where it lies (no stream call per field).
        return new Cursor<>() {
            private byte[] data = new byte[1 << 16];
            private int filled;
            private int at;
            private LeafRow ahead;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (ahead == null && !done) {
                    try {
                        ahead = read();
                        if (ahead == null) {
                            done = true;
                            byte[] rest = new byte[1 << 16];
                            for (int n; (n = stream.read(rest)) > 0; ) {
                                // Trailing bytes still count towards the entry's digest.
                                sha256.update(rest, 0, n);
                            }
                            check(name, HexFormat.of().formatHex(sha256.digest()));
                        }
                    } catch (IOException | RuntimeException e) {
                        done = true;
                        damaged(name, "unreadable record: " + e);
                    }
                }
                return ahead != null;
            }

            private LeafRow read() throws IOException {
                while (true) {
                    int end = Archive.recordEnd(data, at, filled, Archive.LEAF_LAYOUT);
                    if (end >= 0) {
                        LeafRow leaf = Archive.leafAt(data, at);
                        at = end;
                        return leaf;
                    }
                    if (end == Archive.END_RECORD) {
                        return null;
                    }
                    if (at > 0) {
                        System.arraycopy(data, at, data, 0, filled - at);
                        filled -= at;
                        at = 0;
                    }
                    if (filled == data.length) {
                        data = Arrays.copyOf(data, data.length * 2);
                    }
                    int read = readSome(stream, data, filled);
                    if (read == 0) {
                        throw filled == 0 ? new EOFException("entry ends without its end record") : new EOFException();
                    }
                    sha256.update(data, filled, read);
                    filled += read;
                }
            }

            @Override
            public LeafRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                LeafRow next = ahead;
                ahead = null;
                return next;
            }

            @Override
            public void close() {
                closeQuietly(stream);
            }
        };
    }

    @Override
    public List<String> checkpointNotes() {
        List<String> notes = new ArrayList<>();
        zip.stream().filter(entry -> entry.getName().startsWith(Archive.CHECKPOINTS)).forEach(entry -> {
            try {
                notes.add(new String(entryBytes(entry.getName()), StandardCharsets.UTF_8));
            } catch (IOException e) {
                damaged(entry.getName(), e.getMessage());
            }
        });
        return notes;
    }

    @Override
    public Set<Long> recordedLateEvents() {
        Set<Long> late = new HashSet<>();
        try {
            for (String line : new String(entryBytes(Archive.LATE_EVENTS), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    late.add(Long.parseLong(line.trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            damaged(Archive.LATE_EVENTS, e.getMessage());
        }
        return late;
    }

    @Override
    public List<Finding> sourceFindings() {
        manifest.path("sha256").fieldNames().forEachRemaining(name -> {
            if (zip.getEntry(name) == null) {
                damaged(name, "listed in the manifest but missing from the archive");
            }
        });
        return List.copyOf(damage);
    }

    /** Reads a small entry whole and checks it against the manifest. */
    private byte[] entryBytes(String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new IOException("entry " + name + " is missing");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readAllBytes();
            check(name, HexFormat.of().formatHex(ArchiveWriter.sha256().digest(bytes)));
            return bytes;
        }
    }

    private void check(String name, String actual) {
        JsonNode expected = manifest.path("sha256").path(name);
        if (expected.isMissingNode()) {
            damaged(name, "the manifest lists no SHA-256 for it");
        } else if (!expected.asText().equals(actual)) {
            damaged(name, "its SHA-256 is " + actual + ", the manifest says " + expected.asText());
        }
    }

    private void damaged(String entry, String why) {
        damage.add(new Finding(Finding.Kind.ARCHIVE_DAMAGED, null, null, null, null, null, "entry " + entry + ": " + why));
    }

    private interface RecordReader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private <T> Cursor<T> stream(String name, byte[] header, RecordReader<T> reader) {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            damaged(name, "missing");
            return empty();
        }
        try {
            DigestingReadAhead digest = new DigestingReadAhead(zip.getInputStream(entry), name);
            DataInputStream in = new DataInputStream(new BufferedInputStream(digest, 1 << 16));
            Archive.header(in, header);
            return new Cursor<>() {
                private T ahead;
                private boolean done;

                @Override
                public boolean hasNext() {
                    if (ahead == null && !done) {
                        try {
                            ahead = reader.read(in);
                            if (ahead == null) {
                                done = true;
                                while (in.read() >= 0) {
                                    // Trailing bytes still count towards the entry's digest.
                                }
                                check(name, digest.hexDigest());
                            }
                        } catch (IOException | RuntimeException e) {
                            done = true;
                            damaged(name, "unreadable record: " + e);
                        }
                    }
                    return ahead != null;
                }

                @Override
                public T next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    T next = ahead;
                    ahead = null;
                    return next;
                }

                @Override
                public void close() {
                    try {
                        in.close();
                    } catch (IOException ignored) {
                        // Read-only.
                    }
                }
            };
        } catch (IOException e) {
            damaged(name, "unreadable: " + e.getMessage());
            return empty();
        }
    }

    private static <T> Cursor<T> empty() {
        Iterator<T> none = Collections.emptyIterator();
        return new Cursor<>() {
            @Override
            public boolean hasNext() {
                return none.hasNext();
            }

            @Override
            public T next() {
                return none.next();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException ignored) {
            // Read-only.
        }
    }
}
