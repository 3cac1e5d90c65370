package org.civicledger.ops.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.civicledger.events.cases.Applicant;
import org.civicledger.events.cases.CaseCommands.AcceptCase;
import org.civicledger.events.cases.CaseCommands.StartReview;
import org.civicledger.events.cases.CaseCommands.SubmitApplication;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.DocumentReference;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.civicledger.events.reference.ReferenceCommands.RegisterCaseType;
import org.civicledger.events.reference.ReferenceCommands.RenameAgency;
import org.civicledger.ops.LedgerCommandLine;
import org.civicledger.projections.integrity.Checkpoint;
import org.civicledger.projections.integrity.CheckpointSigner;
import org.civicledger.projections.integrity.EventHash;
import org.civicledger.projections.integrity.IntegrityLog;
import org.civicledger.projections.integrity.StoredEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tamper suite: a small real ledger (reference data and cases through the command gateway, checkpoints published,
 * one rolled-back global index the tree skipped), then one kind of tampering per test, done with SQL as someone with
 * write access to the database would, and undone afterwards. Each must be found by the verifier — programmatically,
 * through {@code ledger verify} on the database, and through {@code ledger export} + {@code ledger verify --archive} —
 * with exit code 1 and the exact position named first. After every test the untampered ledger verifies clean again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TamperContract {

    static final String AGENCY = "TA-A";
    static final String CASE_TYPE = "TA-A-PERMIT";
    static final Actor SYSTEM = Actor.system("tamper-suite");
    static final Actor OFFICER = Actor.officer("officer-ta", AGENCY);

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    IntegrityLog integrityLog;
    @Autowired
    MeterRegistry meters;

    @TempDir
    Path folder;

    /** A global index the tree gave up (a rolled-back insert), below the frontier. */
    long gapIndex;
    /** The first checkpoint, before the gap: what a rollback restores to. */
    long firstSize;

    abstract String jdbcUrl();

    abstract String jdbcUser();

    @BeforeAll
    void buildTheLedger() throws Exception {
        commands.sendAndWait(new RegisterAgency(AGENCY, "Tamper office", "ta-agency", SYSTEM));
        commands.sendAndWait(new RegisterCaseType(CASE_TYPE, AGENCY, "Permit", List.of(), Money.twd(0), 10, false, "ta-type", SYSTEM));
        for (int n = 1; n <= 4; n++) {
            submitAndWork("tc-" + n, n);
        }
        firstSize = integrityLog.publish().orElseThrow().treeSize();

        try (Connection held = dataSource.getConnection()) {
            held.setAutoCommit(false);
            try (PreparedStatement insert = held.prepareStatement("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, "
                    + "type, eventidentifier, payload, payloadtype, timestamp) VALUES ('gap-holder', 0, 'Gap', ?, ?, 'Gap', ?)",
                    new String[] {"globalindex"})) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setBytes(2, "{}".getBytes(StandardCharsets.UTF_8));
                insert.setString(3, Instant.now().toString());
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    gapIndex = keys.getLong(1);
                }
            }
            held.rollback();
        }
        for (int n = 5; n <= 8; n++) {
            submitAndWork("tc-" + n, n);
        }
        commands.sendAndWait(new RenameAgency(AGENCY, "Tamper office (renamed)", "reorganisation", "ta-rename-1", SYSTEM));
        commands.sendAndWait(new RenameAgency(AGENCY, "Tamper office (again)", "reorganisation", "ta-rename-2", SYSTEM));
        // The rolled-back index is given up once a later event is older than the gap timeout (1 s in these tests).
        await("every event is a leaf").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> integrityLog.publish().map(Checkpoint::treeSize).orElse(0L),
                        size -> size == count("SELECT COUNT(*) FROM domainevententry"));
        assertThat(count("SELECT COUNT(*) FROM merkle_leaf WHERE global_index > " + gapIndex)).isPositive();
    }

    private void submitAndWork(String caseId, int n) {
        String subject = "ta-citizen-" + n;
        Applicant applicant = new Applicant(subject, NationalId.withCheckDigit(String.format("A1%07d", 4200 + n)), "Lin Tamper",
                subject + "@example.org", "0912345678");
        commands.sendAndWait(new SubmitApplication(caseId, CASE_TYPE, applicant,
                List.of(new DocumentReference("application-form", "mydoc://ta/" + caseId)), caseId + "-submit", Actor.citizen(subject)));
        commands.sendAndWait(new AcceptCase(caseId, caseId + "-accept", OFFICER));
        commands.sendAndWait(new StartReview(caseId, caseId + "-review", OFFICER));
    }

    @AfterEach
    void theUntamperedLedgerVerifiesCleanAgain() {
        Verifier.Report report = verifyProgrammatically(List.of());
        assertThat(report.findings()).as("findings after undoing the tampering").isEmpty();
    }

    // ---------------------------------------------------------------------------------------------- clean

    @Test
    void the_untampered_ledger_verifies_clean_from_the_database_and_from_its_export() throws Exception {
        Verifier.Report report = verifyProgrammatically(List.of(latestNote()));
        assertThat(report.clean()).isTrue();
        long events = count("SELECT COUNT(*) FROM domainevententry");
        assertThat(report.events()).isEqualTo(events);
        assertThat(report.leaves()).isEqualTo(events);
        assertThat(report.checkpoints()).isEqualTo((int) count("SELECT COUNT(*) FROM checkpoint"));
        assertThat(report.checkpointsVerified()).isEqualTo(report.checkpoints());
        assertThat(report.heldVerified()).isOne();

        Cli database = cli("verify", "--jdbc-url", jdbcUrl(), "--user", jdbcUser(), "--password", "", "--key", keyFile().toString(),
                "--checkpoint", heldFile(latestNote()).toString());
        assertThat(database.exit).as(database.out).isZero();
        assertThat(database.out).contains("OK: every chain, leaf and checkpoint verifies.")
                .contains(String.format("Events: %,d", events));

        Path archive = export();
        Cli offline = cli("verify", "--archive", archive.toString(), "--key", key());
        assertThat(offline.exit).as(offline.out + offline.err).isZero();
        assertThat(offline.out).contains("OK:").contains(String.format("Events: %,d", events));
    }

    @Test
    void an_archive_with_a_flipped_byte_fails_and_names_the_event_and_the_entry() throws Exception {
        Path archive = export();
        StoredEvent victim = event("tc-6", 1);
        Path damaged = folder.resolve("damaged.zip");
        rewriteEntry(archive, damaged, Archive.EVENTS, bytes -> {
            int at = indexOf(bytes, victim.payload());
            assertThat(at).as("the payload is in events.bin as stored").isNotNegative();
            bytes[at + victim.payload().length / 2] ^= 0x01;
        });
        Cli offline = cli("verify", "--archive", damaged.toString(), "--key", key());
        assertThat(offline.exit).isEqualTo(1);
        assertThat(offline.out).contains("First bad event:\n  CHANGED at global index " + victim.globalIndex() + ", aggregate tc-6, sequence 1:")
                .contains("ARCHIVE_DAMAGED: entry events.bin: its SHA-256 is");

        Cli usage = cli("verify", "--archive", archive.toString(), "--jdbc-url", jdbcUrl());
        assertThat(usage.exit).isEqualTo(2);
    }

    // ---------------------------------------------------------------------------------------------- tampering

    @Test
    void a_changed_payload_byte_is_named() throws Exception {
        StoredEvent victim = event("tc-2", 1);
        try (Undo undo = save("domainevententry", "globalindex = " + victim.globalIndex())) {
            byte[] payload = victim.payload().clone();
            payload[payload.length / 2] ^= 0x01;
            jdbc.update("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", payload, victim.globalIndex());

            Finding first = expectFirstEverywhere(List.of());
            assertPosition(first, Finding.Kind.CHANGED, victim.globalIndex(), "tc-2", 1);
        }
    }

    @Test
    void a_deleted_event_is_named_by_the_leaf_that_signed_it() throws Exception {
        StoredEvent victim = event("tc-3", 1);
        long leaf = count("SELECT leaf_index FROM merkle_leaf WHERE global_index = " + victim.globalIndex());
        try (Undo undo = save("domainevententry", "globalindex = " + victim.globalIndex())) {
            jdbc.update("DELETE FROM domainevententry WHERE globalindex = ?", victim.globalIndex());

            Finding first = expectFirstEverywhere(List.of());
            assertPosition(first, Finding.Kind.MISSING, victim.globalIndex(), "tc-3", 1);
            assertThat(first.leafIndex()).isEqualTo(leaf);
        }
    }

    @Test
    void two_swapped_events_are_named_at_the_first_of_them() throws Exception {
        StoredEvent early = event("tc-1", 2);
        StoredEvent late = event("tc-5", 0);
        String both = "globalindex IN (" + early.globalIndex() + "," + late.globalIndex() + ")";
        try (Undo undo = save("domainevententry", both)) {
            // Exchange everything but the global index, through a placeholder so the unique keys hold at every step.
            jdbc.update("UPDATE domainevententry SET aggregateidentifier = 'swap', eventidentifier = 'swap' WHERE globalindex = ?",
                    early.globalIndex());
            overwrite(late.globalIndex(), early);
            overwrite(early.globalIndex(), late);

            Finding first = expectFirstEverywhere(List.of());
            assertPosition(first, Finding.Kind.REORDERED, early.globalIndex(), "tc-5", 0);
        }
    }

    @Test
    void an_inserted_forged_event_with_a_consistent_chain_row_is_named() throws Exception {
        StoredEvent forged = new StoredEvent(gapIndex, "CaseFile", "forged-1", 0, UUID.randomUUID().toString(),
                Instant.now().toString(), "org.civicledger.events.cases.ApplicationSubmitted", "1",
                "{\"caseId\":\"forged-1\"}".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        try (Undo events = save("domainevententry", "globalindex = " + gapIndex);
             Undo chain = save("event_chain", "global_index = " + gapIndex)) {
            insert(forged);
            jdbc.update("INSERT INTO event_chain (global_index, aggregate_identifier, sequence_number, event_hash, previous_hash) "
                    + "VALUES (?,?,?,?,?)", gapIndex, "forged-1", 0, EventHash.of(forged, EventHash.ZERO), EventHash.ZERO);

            Finding first = expectFirstEverywhere(List.of());
            assertPosition(first, Finding.Kind.INSERTED, gapIndex, "forged-1", 0);
        }
    }

    @Test
    void a_truncated_tail_is_caught_by_the_checkpoint_signed_for_more_events() throws Exception {
        long latest = latestSize();
        long keep = latest - 3;
        long cut = count("SELECT global_index FROM merkle_leaf WHERE leaf_index = " + keep);
        try (Undo events = save("domainevententry", "globalindex >= " + cut);
             Undo chain = save("event_chain", "global_index >= " + cut);
             Undo leaves = save("merkle_leaf", "leaf_index >= " + keep)) {
            jdbc.update("DELETE FROM domainevententry WHERE globalindex >= ?", cut);
            jdbc.update("DELETE FROM event_chain WHERE global_index >= ?", cut);
            jdbc.update("DELETE FROM merkle_leaf WHERE leaf_index >= ?", keep);

            Finding first = expectFirstEverywhere(List.of());
            assertThat(first.kind()).isEqualTo(Finding.Kind.TRUNCATED);
            assertThat(first.leafIndex()).isEqualTo(keep);
            assertThat(first.treeSize()).isEqualTo(latest);
        }
    }

    @Test
    void a_rollback_to_an_earlier_checkpoint_is_caught_by_the_newer_checkpoint_the_auditor_holds() throws Exception {
        String held = latestNote();
        long latest = latestSize();
        long frontier = count("SELECT global_index FROM merkle_leaf WHERE leaf_index = " + (firstSize - 1));
        try (Undo events = save("domainevententry", "globalindex > " + frontier);
             Undo chain = save("event_chain", "global_index > " + frontier);
             Undo leaves = save("merkle_leaf", "leaf_index >= " + firstSize);
             Undo checkpoints = save("checkpoint", "tree_size > " + firstSize);
             Undo skipped = save("integrity_skipped_range", "first_index > " + frontier)) {
            // The database as it was at the first checkpoint: every table consistent, only older.
            jdbc.update("DELETE FROM domainevententry WHERE globalindex > ?", frontier);
            jdbc.update("DELETE FROM event_chain WHERE global_index > ?", frontier);
            jdbc.update("DELETE FROM merkle_leaf WHERE leaf_index >= ?", firstSize);
            jdbc.update("DELETE FROM checkpoint WHERE tree_size > ?", firstSize);
            jdbc.update("DELETE FROM integrity_skipped_range WHERE first_index > ?", frontier);

            assertThat(verifyProgrammatically(List.of()).clean()).as("alone, an older log is a consistent log").isTrue();
            Finding first = expectFirstEverywhere(List.of(held));
            assertThat(first.kind()).isEqualTo(Finding.Kind.ROLLED_BACK);
            assertThat(first.leafIndex()).isEqualTo(firstSize);
            assertThat(first.treeSize()).isEqualTo(latest);
            assertThat(first.message()).contains("the source's latest checkpoint is of size " + firstSize);
        }
    }

    @Test
    void a_checkpoint_signed_by_another_key_is_refused() throws Exception {
        long latest = latestSize();
        CheckpointSigner impostor = new CheckpointSigner(integrityLog.signer().keyName(),
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        byte[] root = jdbc.queryForObject("SELECT root_hash FROM checkpoint WHERE tree_size = ?", byte[].class, latest);
        try (Undo checkpoints = save("checkpoint", "tree_size = " + latest)) {
            jdbc.update("UPDATE checkpoint SET note_text = ? WHERE tree_size = ?",
                    impostor.signCheckpoint(integrityLog.origin(), latest, root), latest);

            Finding first = expectFirstEverywhere(List.of());
            assertThat(first.kind()).isEqualTo(Finding.Kind.BAD_SIGNATURE);
            assertThat(first.treeSize()).isEqualTo(latest);
            assertThat(first.message()).contains("signed by another key");
        }
    }

    @Test
    void an_event_committed_after_its_index_was_given_up_is_recorded_by_the_server_and_reported() throws Exception {
        StoredEvent late = new StoredEvent(gapIndex, "CaseFile", "late-1", 0, UUID.randomUUID().toString(),
                Instant.now().toString(), "org.civicledger.events.cases.ApplicationSubmitted", "1",
                "{\"caseId\":\"late-1\"}".getBytes(StandardCharsets.UTF_8), null);
        try (Undo events = save("domainevententry", "globalindex = " + gapIndex);
             Undo recorded = save("integrity_late_event", "global_index = " + gapIndex)) {
            insert(late);
            integrityLog.publish();
            assertThat(count("SELECT COUNT(*) FROM integrity_late_event WHERE global_index = " + gapIndex)).isOne();
            assertThat(meters.get("ledger.integrity.late_events").gauge().value()).isEqualTo(1.0);
            assertThat(count("SELECT COUNT(*) FROM merkle_leaf WHERE global_index = " + gapIndex)).isZero();

            Finding first = expectFirstEverywhere(List.of());
            assertPosition(first, Finding.Kind.LATE_COMMIT, gapIndex, "late-1", 0);
        }
        integrityLog.publish();
        assertThat(meters.get("ledger.integrity.late_events").gauge().value()).isZero();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /**
     * Runs the verifier three ways — programmatically, {@code ledger verify} on the database, and {@code ledger export}
     * then {@code ledger verify --archive} — and checks that each fails naming the same first finding.
     */
    Finding expectFirstEverywhere(List<String> held) throws Exception {
        Verifier.Report report = verifyProgrammatically(held);
        assertThat(report.clean()).as("tampering went unnoticed").isFalse();
        Finding first = report.first();
        String firstLine = "First bad event:\n  " + first.describe().split(": ", 2)[0] + ":";

        List<String> args = new ArrayList<>(List.of("verify", "--jdbc-url", jdbcUrl(), "--user", jdbcUser(), "--password", "", "--key", key()));
        List<String> heldArgs = new ArrayList<>();
        for (String note : held) {
            heldArgs.add("--checkpoint");
            heldArgs.add(heldFile(note).toString());
        }
        args.addAll(heldArgs);
        Cli database = cli(args.toArray(String[]::new));
        assertThat(database.exit).as(database.out + database.err).isEqualTo(1);
        assertThat(database.out).contains(firstLine);

        Path archive = export();
        List<String> offlineArgs = new ArrayList<>(List.of("verify", "--archive", archive.toString(), "--key", key()));
        offlineArgs.addAll(heldArgs);
        Cli offline = cli(offlineArgs.toArray(String[]::new));
        assertThat(offline.exit).as(offline.out + offline.err).isEqualTo(1);
        assertThat(offline.out).contains(firstLine);
        return first;
    }

    static void assertPosition(Finding finding, Finding.Kind kind, long globalIndex, String aggregate, long sequence) {
        assertThat(finding.kind()).as(finding.describe()).isEqualTo(kind);
        assertThat(finding.globalIndex()).as(finding.describe()).isEqualTo(globalIndex);
        assertThat(finding.aggregateIdentifier()).as(finding.describe()).isEqualTo(aggregate);
        assertThat(finding.sequenceNumber()).as(finding.describe()).isEqualTo(sequence);
    }

    Verifier.Report verifyProgrammatically(List<String> held) {
        try (JdbcLogSource source = new JdbcLogSource(dataSource.getConnection(), Long.MAX_VALUE)) {
            return Verifier.verify(source, new Verifier.Options(PinnedKey.parse(key()), null, held, 1000), Progress.silent());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Path export() {
        Path archive = folder.resolve("export-" + UUID.randomUUID() + ".zip");
        Cli export = cli("export", "--jdbc-url", jdbcUrl(), "--user", jdbcUser(), "--password", "", "--key", key(),
                "--output", archive.toString());
        assertThat(export.exit).as(export.out + export.err).isZero();
        return archive;
    }

    record Cli(int exit, String out, String err) {
    }

    static synchronized Cli cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int exit = LedgerCommandLine.run(args);
            return new Cli(exit, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    String key() {
        return integrityLog.signer().verifierKey();
    }

    Path keyFile() throws IOException {
        return Files.writeString(folder.resolve("pinned-key.txt"), key() + "\n");
    }

    Path heldFile(String note) throws IOException {
        return Files.writeString(folder.resolve("held-" + UUID.randomUUID() + ".note"), note);
    }

    long latestSize() {
        return count("SELECT MAX(tree_size) FROM checkpoint");
    }

    String latestNote() {
        return jdbc.queryForObject("SELECT note_text FROM checkpoint ORDER BY tree_size DESC LIMIT 1", String.class);
    }

    long count(String sql) {
        Long value = jdbc.queryForObject(sql, Long.class);
        return value == null ? 0 : value;
    }

    StoredEvent event(String aggregate, long sequence) {
        return jdbc.queryForObject("SELECT globalindex, type, aggregateidentifier, sequencenumber, eventidentifier, timestamp, "
                        + "payloadtype, payloadrevision, payload, metadata FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = ?",
                (rows, n) -> new StoredEvent(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getLong(4), rows.getString(5),
                        rows.getString(6), rows.getString(7), rows.getString(8), rows.getBytes(9), rows.getBytes(10)),
                aggregate, sequence);
    }

    void insert(StoredEvent event) {
        jdbc.update("INSERT INTO domainevententry (globalindex, type, aggregateidentifier, sequencenumber, eventidentifier, timestamp, "
                        + "payloadtype, payloadrevision, payload, metadata) VALUES (?,?,?,?,?,?,?,?,?,?)", event.globalIndex(), event.type(),
                event.aggregateIdentifier(), event.sequenceNumber(), event.eventIdentifier(), event.timestamp(), event.payloadType(),
                event.payloadRevision(), event.payload(), event.metadata());
    }

    void overwrite(long globalIndex, StoredEvent with) {
        jdbc.update("UPDATE domainevententry SET type = ?, aggregateidentifier = ?, sequencenumber = ?, eventidentifier = ?, "
                        + "timestamp = ?, payloadtype = ?, payloadrevision = ?, payload = ?, metadata = ? WHERE globalindex = ?",
                with.type(), with.aggregateIdentifier(), with.sequenceNumber(), with.eventIdentifier(), with.timestamp(),
                with.payloadType(), with.payloadRevision(), with.payload(), with.metadata(), globalIndex);
    }

    /** The rows of a table matching a condition, put back exactly as they were on close. */
    Undo save(String table, String condition) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM " + table + " WHERE " + condition);
        return () -> {
            jdbc.update("DELETE FROM " + table + " WHERE " + condition);
            for (Map<String, Object> row : rows) {
                List<String> columns = new ArrayList<>(row.keySet());
                jdbc.update("INSERT INTO " + table + " (" + String.join(",", columns) + ") VALUES ("
                        + String.join(",", columns.stream().map(c -> "?").toList()) + ")", columns.stream().map(row::get).toArray());
            }
        };
    }

    interface Undo extends AutoCloseable {
        @Override
        void close();
    }

    interface Edit {
        void apply(byte[] bytes);
    }

    static void rewriteEntry(Path from, Path to, String name, Edit edit) throws IOException {
        try (ZipFile zip = new ZipFile(from.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                if (entry.getName().equals(name)) {
                    edit.apply(bytes);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
