package org.civicledger.ops.verify;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.civicledger.projections.integrity.CheckpointSigner;
import org.civicledger.projections.integrity.EventHash;
import org.civicledger.projections.integrity.MerkleTree;
import org.civicledger.projections.integrity.StoredEvent;
import org.flywaydb.core.Flyway;

/**
 * Measures the verifier against raw SHA-256 over the same canonical bytes, in one run. It makes a fresh store (an H2
 * file under a new folder, or a new PostgreSQL schema) with the ledger's own migrations, writes N realistic event rows
 * with JDBC — cases of a few events each, JSON payloads and metadata of the demo's sizes — with their chain rows,
 * leaves and a signed checkpoint every {@code checkpointEvery} events, keeping each event's canonical bytes in memory.
 * Then, in each round (round 0 warms the JIT and the database cache and is not counted): SHA-256 of every event's
 * canonical bytes from memory (the floor: what hashing alone costs), the verifier reading the database, raw again, the
 * verifier reading an export archive of it, raw again. Each verifier time is compared with the raw runs around it;
 * the medians over the rounds are reported.
 */
public final class VerifyBench {

    public record Options(int events, int checkpointEvery, int rounds, String jdbcUrl, String user, String password, Path folder) {
    }

    /** {@code readSeconds}, {@code readRatio}: reading the database's rows alone, nothing hashed (the database path's floor). */
    public record Result(String database, long events, long canonicalBytes, double rawSeconds, double databaseSeconds,
                         double archiveSeconds, double databaseRatio, double archiveRatio, Verifier.Report databaseReport,
                         Verifier.Report archiveReport, double readSeconds, double readRatio) {
        double rate(double seconds) {
            return events / seconds;
        }
    }

    private static final String[] PAYLOAD_TYPES = {"ApplicationSubmitted", "CaseAccepted", "ReviewStarted", "SupplementRequested",
            "SupplementProvided", "CaseApproved", "CaseClosed"};

    private final PrintStream out;

    public VerifyBench(PrintStream out) {
        this.out = out;
    }

    public Result run(Options options) throws Exception {
        String url;
        String schema = null;
        if (options.jdbcUrl() == null) {
            Files.createDirectories(options.folder());
            url = "jdbc:h2:file:" + options.folder().toAbsolutePath().resolve("ledger")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        } else {
            schema = "bench_verify_" + Long.toString(System.currentTimeMillis(), 36);
            try (Connection admin = DriverManager.getConnection(options.jdbcUrl(), options.user(), options.password())) {
                admin.createStatement().execute("CREATE SCHEMA " + schema);
            }
            url = options.jdbcUrl() + (options.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }
        try {
            Flyway.configure().dataSource(url, options.user(), options.password()).locations("classpath:db/migration")
                    .schemas(schema == null ? new String[0] : new String[] {schema}).load().migrate();
            CheckpointSigner signer = new CheckpointSigner("bench.example/ledger",
                    KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
            List<byte[]> canonical = new ArrayList<>(options.events());
            String database;
            try (Connection connection = DriverManager.getConnection(url, options.user(), options.password())) {
                database = connection.getMetaData().getDatabaseProductName() + " " + connection.getMetaData().getDatabaseProductVersion();
                out.printf("Writing %,d events into a fresh store (%s)...%n", options.events(), database);
                write(connection, options, signer, canonical);
            }
            long bytes = canonical.stream().mapToLong(b -> b.length).sum();
            PinnedKey key = PinnedKey.parse(signer.verifierKey());
            Path archive = Files.createTempFile("verify-bench", ".zip");
            try (JdbcLogSource source = new JdbcLogSource(DriverManager.getConnection(url, options.user(), options.password()),
                    Long.MAX_VALUE).withLeafHints()) {
                ArchiveWriter.write(source, signer.verifierKey(), options.events(), archive, Progress.silent());
            }
            // Each verifier run is bracketed by raw hashing runs and compared with their mean, so that load from other
            // processes on a shared machine hits both sides of a ratio alike; the median round is reported.
            List<double[]> rounds = new ArrayList<>();
            Verifier.Report databaseReport = null;
            Verifier.Report archiveReport = null;
            for (int round = 0; round <= options.rounds(); round++) {
                double rawBefore = rawHashing(canonical);
                long started = System.nanoTime();
                try (JdbcLogSource source = new JdbcLogSource(DriverManager.getConnection(url, options.user(), options.password()), Long.MAX_VALUE)) {
                    databaseReport = Verifier.verify(source, new Verifier.Options(key), Progress.silent());
                }
                double fromDatabase = (System.nanoTime() - started) / 1e9;
                double readOnly = readRows(url, options);
                double rawBetween = rawHashing(canonical);
                started = System.nanoTime();
                try (ArchiveLogSource source = new ArchiveLogSource(archive)) {
                    archiveReport = Verifier.verify(source, new Verifier.Options(key), Progress.silent());
                }
                double fromArchive = (System.nanoTime() - started) / 1e9;
                double rawAfter = rawHashing(canonical);
                double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                out.printf("round %d%s: raw %.3f s | database %.3f s (rows alone %.3f s) | raw %.3f s | archive %.3f s | raw %.3f s   "
                                + "ratio database %.2f, archive %.2f   (load average %.1f)%n", round, round == 0 ? " (warm-up)" : "",
                        rawBefore, fromDatabase, readOnly, rawBetween, fromArchive, rawAfter, (rawBefore + rawBetween) / 2 / fromDatabase,
                        (rawBetween + rawAfter) / 2 / fromArchive, load);
                if (round > 0) {
                    rounds.add(new double[] {(rawBefore + rawBetween + rawAfter) / 3, fromDatabase, fromArchive,
                            (rawBefore + rawBetween) / 2 / fromDatabase, (rawBetween + rawAfter) / 2 / fromArchive, readOnly,
                            (rawBefore + rawBetween) / 2 / readOnly});
                }
            }
            double raw = median(rounds, 0);
            double fromDatabase = median(rounds, 1);
            double fromArchive = median(rounds, 2);
            double databaseRatio = median(rounds, 3);
            double archiveRatio = median(rounds, 4);
            Files.deleteIfExists(archive);
            if (!databaseReport.clean() || !archiveReport.clean()) {
                throw new IllegalStateException("the bench's own log did not verify: " + databaseReport.first() + " / " + archiveReport.first());
            }
            return new Result(database, options.events(), bytes, raw, fromDatabase, fromArchive, databaseRatio, archiveRatio,
                    databaseReport, archiveReport, median(rounds, 5), median(rounds, 6));
        } finally {
            if (schema != null) {
                try (Connection admin = DriverManager.getConnection(options.jdbcUrl(), options.user(), options.password())) {
                    admin.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }

    /**
     * Seconds to read what the verifier reads from the database (every event row with its chain row, every leaf) through
     * the same source and nothing else: no hash, no check. The verifier on the database cannot be faster.
     */
    private static double readRows(String url, Options options) throws Exception {
        long started = System.nanoTime();
        long bytes = 0;
        try (JdbcLogSource source = new JdbcLogSource(DriverManager.getConnection(url, options.user(), options.password()), Long.MAX_VALUE)) {
            try (LogSource.Cursor<LogSource.EventRow> events = source.events()) {
                while (events.hasNext()) {
                    bytes += events.next().event().payload().length;
                }
            }
            try (LogSource.Cursor<LogSource.LeafRow> leaves = source.leaves()) {
                while (leaves.hasNext()) {
                    bytes += leaves.next().leafHash().length;
                }
            }
        }
        if (bytes == 0) {
            throw new IllegalStateException("the read-alone pass read nothing");
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static double median(List<double[]> rounds, int column) {
        double[] values = rounds.stream().mapToDouble(round -> round[column]).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2] : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    /** One SHA-256 per event over its canonical bytes held in memory: the same hashing work, without reading anything. */
    private static double rawHashing(List<byte[]> canonical) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        long started = System.nanoTime();
        int sink = 0;
        for (byte[] bytes : canonical) {
            sink += sha256.digest(bytes)[0];
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (sink == Integer.MIN_VALUE) {
            System.out.print("");
        }
        return seconds;
    }

    private void write(Connection connection, Options options, CheckpointSigner signer, List<byte[]> canonical) throws SQLException {
        connection.setAutoCommit(false);
        SplittableRandom random = new SplittableRandom(20250101);
        Map<String, byte[]> last = new HashMap<>();
        Map<String, Long> next = new HashMap<>();
        List<String> open = new ArrayList<>();
        List<byte[]> leaves = new ArrayList<>(options.events());
        Instant time = Instant.parse("2026-01-05T01:00:00Z");
        int caseCount = 0;
        try (PreparedStatement events = connection.prepareStatement("INSERT INTO domainevententry (globalindex, aggregateidentifier, "
                + "sequencenumber, type, eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp) VALUES (?,?,?,?,?,?,?,?,?,?)");
             PreparedStatement chain = connection.prepareStatement("INSERT INTO event_chain (global_index, aggregate_identifier, "
                     + "sequence_number, event_hash, previous_hash) VALUES (?,?,?,?,?)");
             PreparedStatement leaf = connection.prepareStatement("INSERT INTO merkle_leaf (leaf_index, global_index, leaf_hash) VALUES (?,?,?)");
             PreparedStatement checkpoint = connection.prepareStatement("INSERT INTO checkpoint (tree_size, root_hash, note_text, signed_at) "
                     + "VALUES (?,?,?,?)")) {
            for (int n = 0; n < options.events(); n++) {
                long globalIndex = n + 1L;
                // Mostly new steps of open cases, sometimes a new case: about six events per case, interleaved as in real traffic.
                String aggregate;
                if (open.size() < 50 || random.nextInt(6) == 0) {
                    aggregate = "case-" + String.format("%08d", ++caseCount);
                    open.add(aggregate);
                } else {
                    aggregate = open.get(random.nextInt(open.size()));
                }
                long sequence = next.getOrDefault(aggregate, 0L);
                if (sequence >= 5 + random.nextInt(4)) {
                    open.remove(aggregate);
                }
                time = time.plusMillis(200 + random.nextInt(4000));
                String payloadType = "org.civicledger.events.cases." + PAYLOAD_TYPES[(int) Math.min(sequence, PAYLOAD_TYPES.length - 1)];
                StoredEvent event = new StoredEvent(globalIndex, "CaseFile", aggregate, sequence,
                        new java.util.UUID(random.nextLong(), random.nextLong()).toString(), time.toString(), payloadType, "1",
                        payload(random, aggregate), metadata(random, aggregate));
                byte[] previous = last.getOrDefault(aggregate, EventHash.ZERO);
                byte[] bytes = EventHash.canonicalBytes(event, previous);
                byte[] hash = EventHash.sha256(bytes);
                canonical.add(bytes);
                last.put(aggregate, hash);
                next.put(aggregate, sequence + 1);
                byte[] leafHash = MerkleTree.leafHash(hash);
                leaves.add(leafHash);

                events.setLong(1, globalIndex);
                events.setString(2, aggregate);
                events.setLong(3, sequence);
                events.setString(4, event.type());
                events.setString(5, event.eventIdentifier());
                events.setBytes(6, event.metadata());
                events.setBytes(7, event.payload());
                events.setString(8, event.payloadRevision());
                events.setString(9, payloadType);
                events.setString(10, event.timestamp());
                events.addBatch();
                chain.setLong(1, globalIndex);
                chain.setString(2, aggregate);
                chain.setLong(3, sequence);
                chain.setBytes(4, hash);
                chain.setBytes(5, previous);
                chain.addBatch();
                leaf.setLong(1, n);
                leaf.setLong(2, globalIndex);
                leaf.setBytes(3, leafHash);
                leaf.addBatch();
                boolean checkpointHere = (n + 1) % options.checkpointEvery() == 0 || n + 1 == options.events();
                if (checkpointHere) {
                    byte[] root = MerkleTree.root(leaves, leaves.size());
                    checkpoint.setLong(1, leaves.size());
                    checkpoint.setBytes(2, root);
                    checkpoint.setString(3, signer.signCheckpoint("bench.example/ledger", leaves.size(), root));
                    checkpoint.setString(4, time.toString());
                    checkpoint.addBatch();
                }
                if ((n + 1) % 1000 == 0 || n + 1 == options.events()) {
                    events.executeBatch();
                    chain.executeBatch();
                    leaf.executeBatch();
                    checkpoint.executeBatch();
                    connection.commit();
                }
            }
        }
        connection.setAutoCommit(true);
    }

    private static byte[] payload(SplittableRandom random, String aggregate) {
        StringBuilder json = new StringBuilder(700);
        json.append("{\"caseId\":\"").append(aggregate).append("\",\"caseTypeCode\":\"TCG-A").append(10 + random.nextInt(90))
                .append("-S").append(String.format("%03d", random.nextInt(1000))).append("\",\"applicant\":{\"citizenSubject\":\"citizen-")
                .append(String.format("%06d", random.nextInt(1_000_000))).append("\",\"sealed\":\"");
        // Personal data is sealed ciphertext in stored events: base64 of a few hundred random bytes.
        byte[] sealed = new byte[180 + random.nextInt(260)];
        for (int i = 0; i < sealed.length; i++) {
            sealed[i] = (byte) random.nextInt(256);
        }
        json.append(java.util.Base64.getEncoder().encodeToString(sealed)).append("\"},\"documents\":[{\"kind\":\"application-form\",")
                .append("\"uri\":\"mydoc://documents/").append(aggregate).append("\"}],\"commandId\":\"").append(aggregate).append("-step\"}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] metadata(SplittableRandom random, String aggregate) {
        String officer = "officer-TCG-A" + (10 + random.nextInt(90)) + "-01";
        return ("{\"actorSubject\":\"" + officer + "\",\"actorRole\":\"OFFICER\",\"actorAgency\":\"TCG-A" + (10 + random.nextInt(90))
                + "\",\"channel\":\"COUNTER\",\"correlationId\":\"" + new java.util.UUID(random.nextLong(), random.nextLong())
                + "\",\"causationId\":\"" + new java.util.UUID(random.nextLong(), random.nextLong()) + "\",\"commandId\":\"" + aggregate
                + "-step\",\"traceId\":\"" + Long.toHexString(random.nextLong()) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    public static void print(Result result, PrintStream out) {
        double mb = result.canonicalBytes() / 1e6;
        out.printf("Verify bench on %s: %,d events, %.1f MB of canonical bytes (%.0f bytes per event)%n", result.database(),
                result.events(), mb, (double) result.canonicalBytes() / result.events());
        out.println("  medians of the measured rounds:");
        out.printf("  raw SHA-256 from memory     %10.3f s %,12.0f events/s %8.1f MB/s%n", result.rawSeconds(),
                result.rate(result.rawSeconds()), mb / result.rawSeconds());
        out.printf("  verifier, database (JDBC)   %10.3f s %,12.0f events/s %8.1f MB/s   ratio %.2f%n", result.databaseSeconds(),
                result.rate(result.databaseSeconds()), mb / result.databaseSeconds(), result.databaseRatio());
        out.printf("  database rows read alone    %10.3f s %,12.0f events/s %8.1f MB/s   ratio %.2f  (nothing hashed: the database path's floor)%n",
                result.readSeconds(), result.rate(result.readSeconds()), mb / result.readSeconds(), result.readRatio());
        out.printf("  verifier, export archive    %10.3f s %,12.0f events/s %8.1f MB/s   ratio %.2f%n", result.archiveSeconds(),
                result.rate(result.archiveSeconds()), mb / result.archiveSeconds(), result.archiveRatio());
        out.printf("  (ratio = verifier rate / rate of the raw hashing runs around it; goal >= 0.5; %d checkpoints verified each run)%n",
                result.databaseReport().checkpointsVerified());
    }
}
