package org.civicledger.ops.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.civicledger.projections.integrity.CheckpointSigner;
import org.civicledger.projections.integrity.EventHash;
import org.civicledger.projections.integrity.MerkleTree;
import org.civicledger.projections.integrity.StoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verifier hashes an archive's events where they lie in {@code events.bin} ({@link ChainHashing.Records}) instead
 * of decoding them. This checks that it reports exactly what decoding every record ({@link ArchiveLogSource#events()},
 * as every version before did) reports — same findings with the same words, same counts, same canonical bytes — on a
 * clean archive with non-ASCII text, NULL fields and events without an aggregate, and on archives damaged or tampered
 * with in every way the framing allows.
 */
class ArchiveRecordsTest {

    @TempDir
    Path folder;

    private final CheckpointSigner signer = signer();
    private final List<LogSource.EventRow> rows = new ArrayList<>();
    private final List<LogSource.LeafRow> leaves = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    ArchiveRecordsTest() {
        build(600, n -> n % 17 == 0 ? null : (n % 11 == 0 ? "dossier-ü-" : "case-") + (n % 13));
    }

    /** {@code events} events; {@code aggregateOf} null: an event without an aggregate (its own identifier). */
    private void build(int events, java.util.function.IntFunction<String> aggregateOf) {
        rows.clear();
        leaves.clear();
        notes.clear();
        Map<String, byte[]> last = new HashMap<>();
        Map<String, Long> next = new HashMap<>();
        List<byte[]> leafHashes = new ArrayList<>();
        for (int n = 0; n < events; n++) {
            long globalIndex = n + 1;
            String identifier = "00000000-0000-4000-8000-" + String.format("%012d", n);
            String named = aggregateOf.apply(n);
            boolean alone = named == null;
            String aggregate = alone ? identifier : named;
            long sequence = alone ? 0 : next.getOrDefault(aggregate, 0L);
            StoredEvent event = new StoredEvent(globalIndex, n % 29 == 0 ? "Zuständigkeit" : "CaseFile", aggregate, sequence, identifier,
                    "2026-11-26T06:00:" + String.format("%02d", n % 60) + "Z", n % 23 == 0 ? "org.example.Größe" : "org.example.Step",
                    n % 3 == 0 ? null : "1", ("{\"n\":" + n + ",\"x\":\"" + "é".repeat(n % 5) + "\"}").getBytes(StandardCharsets.UTF_8),
                    n % 5 == 0 ? null : new byte[n % 300]);
            byte[] previous = alone ? EventHash.ZERO : last.getOrDefault(aggregate, EventHash.ZERO);
            byte[] hash = EventHash.sha256(EventHash.canonicalBytes(event, previous));
            if (!alone) {
                last.put(aggregate, hash);
                next.put(aggregate, sequence + 1);
            }
            boolean chained = n < events - 10; // the tail is not chained yet: NULL hints
            rows.add(new LogSource.EventRow(event, chained ? aggregate : null, chained ? sequence : null, chained ? hash : null));
            if (n < events - 20) {
                byte[] leaf = MerkleTree.leafHash(hash);
                leafHashes.add(leaf);
                leaves.add(new LogSource.LeafRow(n, globalIndex, leaf, aggregate, sequence));
                if ((n + 1) % 200 == 0) {
                    notes.add(signer.signCheckpoint("test.example/ledger", leafHashes.size(), MerkleTree.root(leafHashes, leafHashes.size())));
                }
            }
        }
    }

    @Test
    void a_clean_archive_verifies_alike() throws Exception {
        Verifier.Report report = same(archive());
        assertThat(report.clean()).as(String.valueOf(report.first())).isTrue();
        assertThat(report.events()).isEqualTo(600);
        assertThat(report.checkpointsVerified()).isEqualTo(2);
    }

    @Test
    void thousands_of_aggregates_found_by_their_bytes_and_by_their_decoded_identifiers_verify_alike() throws Exception {
        // Every 29th event has a non-ASCII type, so its record is decoded: its chain is found by the identifier as a
        // String, the others' by the identifier's bytes; both must be the same chain, across the table's growth.
        build(12_000, n -> n % 41 == 0 ? null : "case-" + (n * 7919L % 5000));
        Verifier.Report report = same(archive());
        assertThat(report.clean()).as(String.valueOf(report.first())).isTrue();
        assertThat(report.aggregates()).isEqualTo(5000 + 12_000 / 41 + 1);
    }

    @Test
    void tampered_rows_give_the_same_findings() throws Exception {
        LogSource.EventRow victim = rows.get(100);
        StoredEvent e = victim.event();
        byte[] payload = e.payload().clone();
        payload[2] ^= 1;
        rows.set(100, new LogSource.EventRow(new StoredEvent(e.globalIndex(), e.type(), e.aggregateIdentifier(), e.sequenceNumber(),
                e.eventIdentifier(), e.timestamp(), e.payloadType(), e.payloadRevision(), payload, e.metadata()), victim.chainAggregate(),
                victim.chainSequence(), victim.chainHash()));
        LogSource.EventRow hinted = rows.get(201);
        rows.set(201, new LogSource.EventRow(hinted.event(), "case-x", hinted.chainSequence(), hinted.chainHash()));
        LogSource.EventRow sequenced = rows.get(302);
        rows.set(302, new LogSource.EventRow(sequenced.event(), sequenced.chainAggregate(), sequenced.chainSequence() + 1, sequenced.chainHash()));
        rows.remove(400);
        LogSource.EventRow rehashed = rows.get(500);
        rows.set(500, new LogSource.EventRow(rehashed.event(), rehashed.chainAggregate(), rehashed.chainSequence(), new byte[31]));
        Verifier.Report report = same(archive());
        assertThat(report.findings()).extracting(Finding::kind).contains(Finding.Kind.CHANGED, Finding.Kind.REORDERED, Finding.Kind.MISSING);
    }

    @Test
    void a_rewritten_leaf_is_named_and_the_leaf_table_reported_for_the_checkpoints_after_it() throws Exception {
        LogSource.LeafRow leaf = leaves.get(250);
        byte[] forged = leaf.leafHash().clone();
        forged[0] ^= 1;
        leaves.set(250, new LogSource.LeafRow(leaf.leafIndex(), leaf.globalIndex(), forged, leaf.chainAggregate(), leaf.chainSequence()));
        Verifier.Report report = same(archive());
        assertThat(report.first().kind()).isEqualTo(Finding.Kind.CHANGED);
        assertThat(report.first().globalIndex()).isEqualTo(251);
        assertThat(report.findings()).filteredOn(f -> f.kind() == Finding.Kind.LEAF_TABLE_ALTERED).extracting(Finding::treeSize)
                .containsExactly(400L);
        assertThat(report.checkpointsVerified()).isEqualTo(2);
    }

    @Test
    void a_leaf_table_cut_short_is_reported_for_the_checkpoints_it_no_longer_reaches() throws Exception {
        leaves.subList(300, leaves.size()).clear();
        Verifier.Report report = same(archive());
        assertThat(report.findings()).extracting(Finding::kind).containsExactly(Finding.Kind.LEAF_TABLE_ALTERED);
        assertThat(report.first().treeSize()).isEqualTo(400);
        assertThat(report.checkpointsVerified()).isEqualTo(2);
    }

    @Test
    void a_rewritten_leaf_after_the_last_checkpoint_is_named_and_no_checkpoint_blamed() throws Exception {
        LogSource.LeafRow leaf = leaves.get(450);
        byte[] forged = leaf.leafHash().clone();
        forged[5] ^= 1;
        leaves.set(450, new LogSource.LeafRow(leaf.leafIndex(), leaf.globalIndex(), forged, leaf.chainAggregate(), leaf.chainSequence()));
        Verifier.Report report = same(archive());
        assertThat(report.findings()).extracting(Finding::kind).containsExactly(Finding.Kind.CHANGED);
        assertThat(report.first().globalIndex()).isEqualTo(451);
    }

    @Test
    void a_flipped_byte_in_a_payload_and_text_that_is_not_utf8_give_the_same_findings() throws Exception {
        Path archive = archive();
        same(rewrite(archive, bytes -> bytes[indexOf(bytes, rows.get(50).event().payload()) + 3] ^= 0x01));
        // "Zuständigkeit": its ä becomes a byte that starts no UTF-8 character.
        same(rewrite(archive, bytes -> bytes[indexOf(bytes, "Zust".getBytes(StandardCharsets.UTF_8)) + 4] = (byte) 0xFF));
        same(rewrite(archive, bytes -> bytes[indexOf(bytes, "case-4".getBytes(StandardCharsets.UTF_8)) + 1] = (byte) 0xC3));
        same(rewrite(archive, bytes -> bytes[indexOf(bytes, rows.get(77).event().eventIdentifier().getBytes(StandardCharsets.UTF_8))] = (byte) 0x80));
    }

    @Test
    void a_damaged_framing_is_reported_alike_after_the_records_before_it() throws Exception {
        Path archive = archive();
        int record = recordStart(archive, 321);
        same(rewrite(archive, bytes -> bytes[record] = 7)); // bad record marker
        same(rewrite(archive, bytes -> bytes[record + 9] = 0x7F)); // type length out of range
        same(truncate(archive, record + 40)); // ends inside a record
        same(truncate(archive, record)); // ends without its end record
        same(rewrite(archive, bytes -> {
            int at = recordStart(bytes, 322) - 32 - 4 - 8 - 4; // the chain sequence's length field of record 321
            bytes[at + 3] = 4;
        }));
        same(append(archive, new byte[] {1, 2, 3})); // trailing bytes after the end record
    }

    @Test
    void a_damaged_leaf_entry_is_named_with_the_words_of_the_stream_reader() throws Exception {
        Path archive = archive();
        assertThat(damage(copy(archive, Archive.LEAVES, bytes -> java.util.Arrays.copyOf(bytes, bytes.length - 5))))
                .containsExactly("entry leaves.bin: unreadable record: java.io.EOFException");
        assertThat(damage(copy(archive, Archive.LEAVES, bytes -> java.util.Arrays.copyOf(bytes, bytes.length - 1))))
                .containsExactly("entry leaves.bin: unreadable record: java.io.EOFException: entry ends without its end record");
        assertThat(damage(copy(archive, Archive.LEAVES, bytes -> {
            byte[] changed = bytes.clone();
            changed[indexOf(changed, leaves.get(300).leafHash()) - 17 - 4] = 7;
            return changed;
        }))).containsExactly("entry leaves.bin: unreadable record: java.io.IOException: bad record marker 7");
        assertThat(damage(copy(archive, Archive.LEAVES, bytes -> java.util.Arrays.copyOf(bytes, bytes.length + 2)))).singleElement().asString().startsWith("entry leaves.bin: its SHA-256 is ");
        assertThat(damage(copy(archive, Archive.LEAVES, bytes -> new byte[] {1, 2}))).containsExactly("entry leaves.bin: unreadable: null");
    }

    private List<String> damage(Path archive) throws IOException {
        return same(archive).findings().stream().filter(f -> f.kind() == Finding.Kind.ARCHIVE_DAMAGED).map(Finding::message).toList();
    }

    /** Verifies both ways, asserts the reports agree, returns the raw-record one. */
    private Verifier.Report same(Path archive) throws IOException {
        PinnedKey key = PinnedKey.parse(signer.verifierKey());
        Verifier.Report records;
        Verifier.Report decoded;
        try (ArchiveLogSource source = new ArchiveLogSource(archive)) {
            records = Verifier.verify(source, new Verifier.Options(key), Progress.silent());
        }
        try (ArchiveLogSource source = new ArchiveLogSource(archive)) {
            decoded = Verifier.verify(new Decoding(source), new Verifier.Options(key), Progress.silent());
        }
        assertThat(records.findings()).extracting(Finding::describe).isEqualTo(decoded.findings().stream().map(Finding::describe).toList());
        assertThat(List.of(records.events(), records.aggregates(), records.leaves(), records.findingsTotal(), records.canonicalBytes(),
                (long) records.checkpointsVerified())).isEqualTo(List.of(decoded.events(), decoded.aggregates(), decoded.leaves(),
                decoded.findingsTotal(), decoded.canonicalBytes(), (long) decoded.checkpointsVerified()));
        return records;
    }

    /** The archive read as any source: every record decoded ({@link ArchiveLogSource#events()}). */
    private record Decoding(ArchiveLogSource archive) implements LogSource {
        public String description() {
            return archive.description();
        }

        public long eventCount() {
            return archive.eventCount();
        }

        public Cursor<EventRow> events() {
            return archive.events();
        }

        public Cursor<LeafRow> leaves() {
            return archive.leaves();
        }

        public List<String> checkpointNotes() {
            return archive.checkpointNotes();
        }

        public Set<Long> recordedLateEvents() {
            return archive.recordedLateEvents();
        }

        public List<Finding> sourceFindings() {
            return archive.sourceFindings();
        }

        public void close() {
            archive.close();
        }
    }

    private Path archive() throws IOException {
        Path file = folder.resolve("export-" + System.nanoTime() + ".zip");
        ArchiveWriter.write(new LogSource() {
            public String description() {
                return "test rows";
            }

            public long eventCount() {
                return rows.size();
            }

            public Cursor<EventRow> events() {
                return cursor(rows);
            }

            public Cursor<LeafRow> leaves() {
                return cursor(leaves);
            }

            public List<String> checkpointNotes() {
                return notes;
            }

            public Set<Long> recordedLateEvents() {
                return Set.of();
            }

            public void close() {
            }
        }, signer.verifierKey(), leaves.size(), file, Progress.silent());
        return file;
    }

    private static <T> LogSource.Cursor<T> cursor(List<T> list) {
        var iterator = list.iterator();
        return new LogSource.Cursor<>() {
            public boolean hasNext() {
                return iterator.hasNext();
            }

            public T next() {
                return iterator.next();
            }

            public void close() {
            }
        };
    }

    private Path rewrite(Path archive, Consumer<byte[]> change) throws IOException {
        return copy(archive, bytes -> {
            byte[] changed = bytes.clone();
            change.accept(changed);
            return changed;
        });
    }

    private Path truncate(Path archive, int length) throws IOException {
        return copy(archive, bytes -> java.util.Arrays.copyOf(bytes, length));
    }

    private Path append(Path archive, byte[] tail) throws IOException {
        return copy(archive, bytes -> {
            byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + tail.length);
            System.arraycopy(tail, 0, longer, bytes.length, tail.length);
            return longer;
        });
    }

    private Path copy(Path archive, java.util.function.UnaryOperator<byte[]> events) throws IOException {
        return copy(archive, Archive.EVENTS, events);
    }

    /** A copy of the archive with one entry replaced (stored, as the writer stores it); the manifest is kept. */
    private Path copy(Path archive, String name, java.util.function.UnaryOperator<byte[]> change) throws IOException {
        Path file = folder.resolve("changed-" + System.nanoTime() + ".zip");
        try (ZipFile in = new ZipFile(archive.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes;
                try (InputStream stream = in.getInputStream(entry)) {
                    bytes = stream.readAllBytes();
                }
                if (entry.getName().equals(name)) {
                    bytes = change.apply(bytes);
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setMethod(ZipEntry.STORED);
                copy.setSize(bytes.length);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                copy.setCrc(crc.getValue());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        }
        return file;
    }

    private static int recordStart(Path archive, int record) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile()); InputStream in = zip.getInputStream(zip.getEntry(Archive.EVENTS))) {
            return recordStart(in.readAllBytes(), record);
        }
    }

    private static int recordStart(byte[] bytes, int record) {
        int at = Archive.EVENTS_HEADER.length;
        try {
            for (int i = 0; i < record; i++) {
                at = Archive.recordEnd(bytes, at, bytes.length, Archive.EVENT_LAYOUT);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return at;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("not found");
    }

    private static CheckpointSigner signer() {
        try {
            return new CheckpointSigner("test.example/ledger", KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
