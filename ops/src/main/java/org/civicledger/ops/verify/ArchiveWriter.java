package org.civicledger.ops.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an export archive ({@link Archive}) from a log source: the event rows as stored, the server's chain and leaf
 * rows as hints, every checkpoint note of the range, the late events the server recorded, the verifier key string,
 * a manifest with the SHA-256 of every entry, and a README for the auditor. Streams: memory does not grow with the log.
 */
public final class ArchiveWriter {

    /** What was written. */
    public record Summary(Path file, long events, long leaves, int checkpoints, long treeSize, String origin) {
    }

    private ArchiveWriter() {
    }

    public static Summary write(LogSource source, String verifierKey, long treeSize, Path file, Progress progress) throws IOException {
        Map<String, String> digests = new LinkedHashMap<>();
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        long events = 0;
        long leaves = 0;
        List<String> notes = source.checkpointNotes();
        String origin = notes.isEmpty() ? null : notes.get(notes.size() - 1).split("\n", 2)[0];
        List<Long> late = new ArrayList<>(source.recordedLateEvents());
        late.sort(null);
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16))) {
            zip.setComment(Archive.FORMAT);
            long[] counts = new long[2];
            digests.put(Archive.EVENTS, storedEntry(zip, Archive.EVENTS, data -> {
                data.write(Archive.EVENTS_HEADER);
                try (LogSource.Cursor<LogSource.EventRow> rows = source.events()) {
                    while (rows.hasNext()) {
                        Archive.writeEvent(data, rows.next());
                        counts[0]++;
                        progress.advance(1);
                    }
                }
                data.writeByte(0);
            }));
            digests.put(Archive.LEAVES, storedEntry(zip, Archive.LEAVES, data -> {
                data.write(Archive.LEAVES_HEADER);
                try (LogSource.Cursor<LogSource.LeafRow> rows = source.leaves()) {
                    while (rows.hasNext()) {
                        Archive.writeLeaf(data, rows.next());
                        counts[1]++;
                    }
                }
                data.writeByte(0);
            }));
            events = counts[0];
            leaves = counts[1];

            for (String note : notes) {
                String name = Archive.CHECKPOINTS + note.split("\n", 3)[1] + ".note";
                digests.put(name, text(zip, name, note));
            }
            StringBuilder lateText = new StringBuilder();
            late.forEach(index -> lateText.append(index).append('\n'));
            digests.put(Archive.LATE_EVENTS, text(zip, Archive.LATE_EVENTS, lateText.toString()));
            digests.put(Archive.VERIFIER_KEY, text(zip, Archive.VERIFIER_KEY, verifierKey + "\n"));
            digests.put(Archive.README, text(zip, Archive.README, readme(verifierKey, treeSize, events)));

            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("format", Archive.FORMAT);
            manifest.put("origin", origin);
            manifest.put("createdAt", Instant.now().toString());
            manifest.put("source", source.description());
            manifest.put("treeSize", treeSize);
            manifest.put("events", events);
            manifest.put("leaves", leaves);
            manifest.put("checkpoints", notes.size());
            manifest.put("lateEvents", late.size());
            manifest.put("verifierKey", verifierKey);
            manifest.put("sha256", digests);
            zip.putNextEntry(new ZipEntry(Archive.MANIFEST));
            zip.write(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(manifest));
            zip.closeEntry();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Summary(file, events, leaves, notes.size(), treeSize, origin);
    }

    private interface Content {
        void write(DataOutputStream data) throws IOException;
    }

    /**
     * A large entry, written uncompressed (STORED): the stored bytes are mostly sealed ciphertext and base64, which
     * deflate hardly shrinks, and reading them back without inflating keeps verification near the hashing rate. A zip
     * entry stored so needs its size and CRC up front, hence the temporary file. Returns the hex SHA-256.
     */
    private static String storedEntry(ZipOutputStream zip, String name, Content content) throws IOException {
        Path scratch = Files.createTempFile("ledger-export-", ".bin");
        try {
            MessageDigest sha256 = sha256();
            CRC32 crc = new CRC32();
            try (OutputStream file = Files.newOutputStream(scratch);
                 DataOutputStream data = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(
                         new DigestOutputStream(file, sha256), crc), 1 << 16))) {
                content.write(data);
            }
            ZipEntry entry = new ZipEntry(name);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(Files.size(scratch));
            entry.setCompressedSize(Files.size(scratch));
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            Files.copy(scratch, zip);
            zip.closeEntry();
            return HexFormat.of().formatHex(sha256.digest());
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    private static String text(ZipOutputStream zip, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static String readme(String verifierKey, long treeSize, long events) {
        return """
                Civic Ledger export archive (%s)

                It holds %d stored events of the ledger up to the checkpoint of tree size %d, every signed checkpoint
                of that range, the server's own chain and leaf rows (hints only: the verifier recomputes everything),
                the events the server recorded as late commits, and the key string the checkpoints verify with.

                The key in verifier-key.txt is what the server said:
                  %s
                Compare it with the key the ledger published somewhere the server cannot rewrite, and pin that one.

                Verify, with no database and no network:
                  ledger verify --archive THIS_FILE.zip --key '<pinned verifier key string or a file holding it>'
                Add --checkpoint FILE for every checkpoint note you kept from earlier (a witness's copy, an older
                export): each must verify and be consistent with this log, so a log rolled back or rewritten since
                you saw it fails.
                Exit code 0: every chain, leaf, root and signature checks. 1: the first bad event is printed first
                (global index, aggregate, sequence). The format is docs/integrity.md, "Export archive".
                """.formatted(Archive.FORMAT, events, treeSize, verifierKey);
    }
}
