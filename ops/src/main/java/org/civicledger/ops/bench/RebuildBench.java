package org.civicledger.ops.bench;

import static org.civicledger.events.common.Envelope.ACTOR_AGENCY;
import static org.civicledger.events.common.Envelope.ACTOR_ROLE;
import static org.civicledger.events.common.Envelope.ACTOR_SUBJECT;
import static org.civicledger.events.common.Envelope.CAUSATION_ID;
import static org.civicledger.events.common.Envelope.CHANNEL;
import static org.civicledger.events.common.Envelope.COMMAND_ID;
import static org.civicledger.events.common.Envelope.CORRELATION_ID;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.civicledger.events.cases.Applicant;
import org.civicledger.events.cases.CaseEvent;
import org.civicledger.events.cases.CasePasswordHash;
import org.civicledger.events.common.DocumentReference;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.common.Actor;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.civicledger.events.reference.ReferenceCommands.RegisterCaseType;
import org.civicledger.ops.rebuild.ProjectionRebuild;
import org.civicledger.ops.rebuild.SinglePassRebuild;
import org.civicledger.projections.ProjectionsModule;
import org.civicledger.projections.rebuild.ProjectionChecksum.Checksum;
import org.civicledger.projections.rebuild.ReadModelTable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Measures how fast every read model is rebuilt from the event store, against a raw JDBC batch insert of the same
 * rows on the same database.
 *
 * <p>Load (not measured): with the read models' processors stopped, {@code events} case events are appended through
 * the ledger's own storage engine (Axon's JDBC engine with the integrity hash chain), serialized by Axon's serializer
 * with personal data sealed, in transactions of {@code loadBatch} events: cases of a bench agency in realistic
 * lifecycles (submitted, accepted, in review, then approved and closed, a supplement round and approval, rejected,
 * or withdrawn), the steps of a few hundred cases interleaved as concurrent work would store them, and the envelope
 * metadata (actor, role, agency, channel, command, correlation, causation) every event carries.
 * Rebuild (measured): {@link SinglePassRebuild}, the way to rebuild everything offline (`ledger rebuild all
 * --single-pass`): every read model reset and rebuilt in one read of the events. With {@code processorsReplay}, first
 * {@link ProjectionRebuild} too (the processors' own replay, as `ledger rebuild all` does while serving), and both must
 * leave the same checksums. Floor (measured): one read of the events, each payload and metadata deserialized and
 * nothing handled, which no rebuild can beat. Raw (measured): the rows the rebuild wrote are read (not measured) and
 * inserted into scratch copies of their tables (same columns and primary keys, no secondary indexes), one thread per
 * read model, JDBC batches of {@code rawBatch} rows, a commit per batch. On PostgreSQL also COPY (measured): the same
 * rows, taken out with {@code COPY ... TO STDOUT (FORMAT binary)} (not measured) and copied into such scratch tables,
 * one thread per read model, one COPY and commit per table. The ratio is rebuild rate over raw rate for the same rows.
 */
public final class RebuildBench {

    public static final String AGENCY = "BENCH-R01";
    public static final String CASE_TYPE = "BENCH-R001";
    private static final Actor BENCH = Actor.system("bench-rebuild");
    private static final int CITIZENS = 2_000;
    private static final int CASES_INTERLEAVED = 200;

    public record Options(int events, int loadBatch, int rawBatch, Duration timeout, boolean processorsReplay) {
        public Options {
            if (events < 1 || events > 20_000_000 || loadBatch < 1 || loadBatch > 100_000 || rawBatch < 1 || rawBatch > 100_000) {
                throw new IllegalArgumentException("events 1 to 20,000,000, batches 1 to 100,000");
            }
        }
    }

    /**
     * What a run measured; {@code replayTime} null without the processors' replay, {@code copyTime} null off
     * PostgreSQL; {@code replayChecksumsEqual} whether the processors' replay left the single pass's checksums.
     */
    public record Result(String database, long eventsLoaded, Duration loadTime, long head, Duration rebuildTime,
                         long rowsWritten, Duration rawTime, List<Checksum> checksums, Duration replayTime,
                         boolean replayChecksumsEqual, Duration readTime, Duration copyTime) {

        public double rebuildEventsPerSecond() {
            return head * 1e9 / Math.max(1, rebuildTime.toNanos());
        }

        public double rebuildRowsPerSecond() {
            return rowsWritten * 1e9 / Math.max(1, rebuildTime.toNanos());
        }

        public double rawRowsPerSecond() {
            return rowsWritten * 1e9 / Math.max(1, rawTime.toNanos());
        }

        public double readEventsPerSecond() {
            return head * 1e9 / Math.max(1, readTime.toNanos());
        }

        /** How fast the rebuild wrote the rows compared to the raw batch insert of the same rows. */
        public double ratio() {
            return rebuildRowsPerSecond() / rawRowsPerSecond();
        }

        /** The same against the COPY of the same rows (PostgreSQL only). */
        public double copyRatio() {
            return (double) copyTime.toNanos() / Math.max(1, rebuildTime.toNanos());
        }
    }

    private final CommandGateway gateway;
    private final EventStorageEngine storage;
    private final TransactionTemplate transactions;
    private final EventProcessingConfiguration processing;
    private final ProjectionRebuild rebuild;
    private final SinglePassRebuild singlePass;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final PrintStream out;
    private final String runId = "rb-" + Long.toString(System.currentTimeMillis(), 36);

    public RebuildBench(CommandGateway gateway, EventStorageEngine storage, TransactionTemplate transactions,
                        EventProcessingConfiguration processing, ProjectionRebuild rebuild, SinglePassRebuild singlePass,
                        JdbcTemplate jdbc, DataSource dataSource, PrintStream out) {
        this.gateway = gateway;
        this.storage = storage;
        this.transactions = transactions;
        this.processing = processing;
        this.rebuild = rebuild;
        this.singlePass = singlePass;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.out = out;
    }

    public Result run(Options options, java.util.function.Consumer<ProjectionRebuild.Progress> progress)
            throws InterruptedException, SQLException {
        String database;
        try (Connection connection = dataSource.getConnection()) {
            database = connection.getMetaData().getDatabaseProductName() + " " + connection.getMetaData().getDatabaseProductVersion();
        }
        ensureCaseType();
        // The read models are rebuilt below anyway; stopping them first keeps the load from competing with them.
        for (String group : ProjectionsModule.PROCESSING_GROUPS) {
            processing.eventProcessor(group, StreamingEventProcessor.class).ifPresent(StreamingEventProcessor::shutDown);
        }
        out.printf("Rebuild bench %s on %s: loading %,d case events...%n", runId, database, options.events());
        long loadStart = System.nanoTime();
        long loaded = load(options);
        Duration loadTime = Duration.ofNanos(System.nanoTime() - loadStart);
        out.printf("  loaded %,d events in %.1f s (%,.0f events/s, not measured as a result)%n", loaded, loadTime.toMillis() / 1000.0,
                loaded * 1e9 / loadTime.toNanos());

        ProjectionRebuild.Result replayed = null;
        if (options.processorsReplay()) {
            replayed = rebuild.rebuild(ProjectionsModule.PROCESSING_GROUPS, options.timeout(), progress);
            out.printf("  processors' replay: %,d events in %.2f s%n", replayed.head(), replayed.elapsed().toMillis() / 1000.0);
        }
        ProjectionRebuild.Result rebuilt = singlePass.rebuild(ProjectionsModule.PROCESSING_GROUPS, options.timeout(), progress);
        long rows = rebuilt.checksums().stream().mapToLong(Checksum::rows).sum();
        out.printf("  rebuilt all read models in one pass: %,d events, %,d rows in %.2f s%n", rebuilt.head(), rows,
                rebuilt.elapsed().toMillis() / 1000.0);

        Duration read = readAndDeserialize(rebuilt.head());
        Duration raw = rawInserts(options.rawBatch());
        Duration copy = copies();
        return new Result(database, loaded, loadTime, rebuilt.head(), rebuilt.elapsed(), rows, raw, rebuilt.checksums(),
                replayed == null ? null : replayed.elapsed(), replayed == null || replayed.checksums().equals(rebuilt.checksums()),
                read, copy);
    }

    /** One read of the events up to {@code head}, each payload and metadata deserialized, nothing handled. */
    private Duration readAndDeserialize(long head) {
        long start = System.nanoTime();
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                if (event.trackingToken().position().orElse(Long.MAX_VALUE) > head) {
                    break;
                }
                event.getPayload();
                event.getMetaData();
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private void ensureCaseType() {
        Integer agencies = jdbc.queryForObject("SELECT COUNT(*) FROM cmd_agency WHERE agency_code = ?", Integer.class, AGENCY);
        if (agencies == null || agencies == 0) {
            gateway.sendAndWait(new RegisterAgency(AGENCY, "Rebuild bench agency", runId + "-agency", BENCH));
        }
        Integer types = jdbc.queryForObject("SELECT COUNT(*) FROM cmd_case_type WHERE case_type_code = ?", Integer.class, CASE_TYPE);
        if (types == null || types == 0) {
            gateway.sendAndWait(new RegisterCaseType(CASE_TYPE, AGENCY, "Rebuild bench permit", List.of("plan"), Money.twd(300), 10,
                    false, runId + "-case-type", BENCH));
        }
    }

    /** Appends at least {@code events} events (whole cases); answers how many. */
    private long load(Options options) {
        // One password hash for every bench case: PBKDF2 per case would make loading take minutes and measures nothing here.
        String passwordHash = CasePasswordHash.hash("bench-password", new byte[16]);
        List<EventMessage<?>> pending = new ArrayList<>();
        long appended = 0;
        int caseNo = 0;
        while (appended + pending.size() < options.events()) {
            // A wave of cases whose steps interleave, as concurrent officers' work is stored.
            List<List<EventMessage<?>>> wave = new ArrayList<>();
            for (int i = 0; i < CASES_INTERLEAVED && appended + pending.size() + countOf(wave) < options.events(); i++) {
                wave.add(lifecycle(caseNo++, passwordHash));
            }
            for (int step = 0; ; step++) {
                boolean any = false;
                for (List<EventMessage<?>> lifecycle : wave) {
                    if (step < lifecycle.size()) {
                        pending.add(lifecycle.get(step));
                        any = true;
                    }
                }
                if (!any) {
                    break;
                }
            }
            while (pending.size() >= options.loadBatch()) {
                List<EventMessage<?>> batch = new ArrayList<>(pending.subList(0, options.loadBatch()));
                pending.subList(0, options.loadBatch()).clear();
                append(batch);
                appended += batch.size();
            }
        }
        if (!pending.isEmpty()) {
            append(pending);
            appended += pending.size();
        }
        return appended;
    }

    private static int countOf(List<List<EventMessage<?>>> wave) {
        return wave.stream().mapToInt(List::size).sum();
    }

    private void append(List<EventMessage<?>> batch) {
        // In a transaction: sealing personal data creates each citizen's data key in it, as a command would.
        transactions.executeWithoutResult(status -> storage.appendEvents(batch));
    }

    /** One case's events, in one of four realistic lifecycles. */
    private List<EventMessage<?>> lifecycle(int n, String passwordHash) {
        String caseId = runId + "-case-" + n;
        String citizen = "bench-citizen-" + (n % CITIZENS);
        Applicant applicant = new Applicant(citizen, NationalId.withCheckDigit(String.format("C%d%07d", 1 + (n % CITIZENS) % 2,
                n % CITIZENS)), "測試申請人", citizen + "@example.org", "0912345678");
        LocalDate day = LocalDate.of(2026, 1, 5).plusDays(n % 300);
        List<DocumentReference> documents = List.of(new DocumentReference("plan", "mydoc://bench/" + caseId));
        String officer = "officer-" + AGENCY + "-" + (n % 7);
        Steps steps = new Steps(caseId, citizen, officer);
        steps.add(new CaseEvent.ApplicationSubmitted(caseId, CASE_TYPE, AGENCY, applicant, documents, 10, Money.twd(300),
                day.atStartOfDay(java.time.ZoneOffset.ofHours(8)).toInstant()), true);
        LocalDate deadline = day.plusDays(15);
        steps.add(new CaseEvent.CaseAccepted(caseId, "BR-" + runId + "-" + n, passwordHash, day.plusDays(1), 10, deadline), false);
        steps.add(new CaseEvent.CaseReviewStarted(caseId, officer), false);
        switch (n % 4) {
            case 0 -> {
                steps.add(new CaseEvent.CaseApproved(caseId, "complete", day.plusDays(8), 6, true, day.plusDays(38)), false);
                steps.add(new CaseEvent.CaseClosed(caseId, "appeal window ended", day.plusDays(39)), false);
            }
            case 1 -> {
                steps.add(new CaseEvent.SupplementRequested(caseId, "plan unreadable", List.of("plan"), day.plusDays(3), 2), false);
                steps.add(new CaseEvent.SupplementProvided(caseId, documents, day.plusDays(6), deadline.plusDays(3)), true);
                steps.add(new CaseEvent.CaseApproved(caseId, "complete", day.plusDays(12), 9, true, day.plusDays(42)), false);
            }
            case 2 -> steps.add(new CaseEvent.CaseRejected(caseId, "not permitted", day.plusDays(9), 7, true, day.plusDays(39)), false);
            default -> steps.add(new CaseEvent.ApplicationWithdrawn(caseId, "no longer needed", day.plusDays(4)), true);
        }
        return steps.events;
    }

    /** Events of one case with the envelope a command through the API would give them. */
    private static final class Steps {
        private final String caseId;
        private final String citizen;
        private final String officer;
        private final List<EventMessage<?>> events = new ArrayList<>();

        Steps(String caseId, String citizen, String officer) {
            this.caseId = caseId;
            this.citizen = citizen;
            this.officer = officer;
        }

        void add(CaseEvent event, boolean byCitizen) {
            String commandId = caseId + "-cmd-" + events.size();
            Map<String, Object> envelope = new HashMap<>();
            envelope.put(ACTOR_SUBJECT, byCitizen ? citizen : officer);
            envelope.put(ACTOR_ROLE, byCitizen ? "CITIZEN" : "OFFICER");
            if (!byCitizen) {
                envelope.put(ACTOR_AGENCY, AGENCY);
            }
            envelope.put(CHANNEL, byCitizen ? "web" : "counter");
            envelope.put(COMMAND_ID, commandId);
            envelope.put(CORRELATION_ID, commandId);
            envelope.put(CAUSATION_ID, commandId);
            events.add(new GenericDomainEventMessage<>("CaseFile", caseId, events.size(), event, MetaData.from(envelope)));
        }
    }

    /** The raw baseline: the read models' rows into scratch copies, JDBC batches, a thread per read model. */
    private Duration rawInserts(int rawBatch) throws InterruptedException, SQLException {
        Map<ReadModelTable, List<Object[]>> rows = new LinkedHashMap<>();
        Map<String, List<ReadModelTable>> byGroup = ProjectionsModule.TABLES;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (List<ReadModelTable> tables : byGroup.values()) {
                for (ReadModelTable table : tables) {
                    scratchCopy(statement, "bench_raw_", table);
                    List<Object[]> read = new ArrayList<>();
                    try (ResultSet result = statement.executeQuery("SELECT * FROM " + table.name())) {
                        int columns = result.getMetaData().getColumnCount();
                        while (result.next()) {
                            Object[] row = new Object[columns];
                            for (int i = 0; i < columns; i++) {
                                row[i] = result.getObject(i + 1);
                            }
                            read.add(row);
                        }
                    }
                    rows.put(table, read);
                }
            }
        }
        return perReadModel("the raw insert", "bench_raw_", (connection, tables) -> {
            for (ReadModelTable table : tables) {
                RawInserts.batchInsert(connection, "bench_raw_" + table.name(), rows.get(table), rawBatch);
            }
        });
    }

    /**
     * The COPY baseline (PostgreSQL only; null elsewhere): each read-model table's rows taken out in PostgreSQL's binary
     * COPY format (not measured), then copied into a scratch copy with its primary key, a thread per read model.
     */
    private Duration copies() throws InterruptedException, SQLException {
        Map<ReadModelTable, byte[]> copies = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (!connection.isWrapperFor(PGConnection.class)) {
                return null;
            }
            CopyManager copier = connection.unwrap(PGConnection.class).getCopyAPI();
            for (List<ReadModelTable> group : ProjectionsModule.TABLES.values()) {
                for (ReadModelTable table : group) {
                    scratchCopy(statement, "bench_copy_", table);
                    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                    copier.copyOut("COPY " + table.name() + " TO STDOUT (FORMAT binary)", bytes);
                    copies.put(table, bytes.toByteArray());
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("taking the rows out for the COPY baseline failed: " + e.getMessage(), e);
        }
        return perReadModel("the COPY baseline", "bench_copy_", (connection, tables) -> {
            CopyManager copier = connection.unwrap(PGConnection.class).getCopyAPI();
            for (ReadModelTable table : tables) {
                copier.copyIn("COPY bench_copy_" + table.name() + " FROM STDIN (FORMAT binary)",
                        new java.io.ByteArrayInputStream(copies.get(table)));
                connection.commit();
            }
        });
    }

    /** An empty copy of {@code table} named {@code prefix} and its name: same columns and primary key, no other index. */
    private static void scratchCopy(Statement statement, String prefix, ReadModelTable table) throws SQLException {
        String copy = prefix + table.name();
        statement.execute("DROP TABLE IF EXISTS " + copy);
        statement.execute("CREATE TABLE " + copy + " AS SELECT * FROM " + table.name() + " WHERE 1 = 0");
        for (String column : table.primaryKey()) {
            statement.execute("ALTER TABLE " + copy + " ALTER COLUMN " + column + " SET NOT NULL");
        }
        statement.execute("ALTER TABLE " + copy + " ADD PRIMARY KEY (" + String.join(", ", table.primaryKey()) + ")");
    }

    /** What one baseline thread does with its connection (auto-commit off) and its read model's tables. */
    private interface TableWork {
        void run(Connection connection, List<ReadModelTable> tables) throws Exception;
    }

    /**
     * Runs {@code work} on a thread of its own per read model, each with a connection of its own, and answers how long
     * they took together; then drops the scratch tables ({@code prefix} and the table's name).
     */
    private Duration perReadModel(String what, String prefix, TableWork work) throws InterruptedException, SQLException {
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (List<ReadModelTable> tables : ProjectionsModule.TABLES.values()) {
            Thread thread = new Thread(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    connection.setAutoCommit(false);
                    work.run(connection, tables);
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, prefix + tables.get(0).name());
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (List<ReadModelTable> tables : ProjectionsModule.TABLES.values()) {
                for (ReadModelTable table : tables) {
                    statement.execute("DROP TABLE IF EXISTS " + prefix + table.name());
                }
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException(what + " failed: " + failure.get().getMessage(), failure.get());
        }
        return elapsed;
    }

    public static void print(Result result, PrintStream out) {
        out.println();
        out.printf("Database: %s; JVM %s; %d cores%n", result.database(), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        out.printf("Events in the store: %,d (%,d loaded by this run); rows in the read models: %,d%n", result.head(),
                result.eventsLoaded(), result.rowsWritten());
        out.printf("%-60s %10s %12s %14s%n", "phase", "seconds", "events/s", "rows/s");
        if (result.replayTime() != null) {
            row(out, "processors' replay (reset + replay, ledger rebuild all)", result.replayTime(), result.head(), result.rowsWritten());
        }
        row(out, "REBUILD all read models in one pass (--single-pass)", result.rebuildTime(), result.head(), result.rowsWritten());
        row(out, "floor: read + deserialize the events, nothing handled", result.readTime(), result.head(), 0);
        row(out, "raw JDBC batch insert of the same rows", result.rawTime(), result.head(), result.rowsWritten());
        if (result.copyTime() != null) {
            row(out, "COPY (binary) of the same rows", result.copyTime(), result.head(), result.rowsWritten());
        }
        out.printf("ratio rebuild/raw insert: %.3f%n", result.ratio());
        if (result.copyTime() != null) {
            out.printf("ratio rebuild/COPY: %.3f%n", result.copyRatio());
        }
        out.printf("rows per event: %.2f%n", (double) result.rowsWritten() / Math.max(1, result.head()));
        if (result.replayTime() != null) {
            out.printf("processors' replay checksums: %s%n", result.replayChecksumsEqual() ? "equal to the single pass's" : "DIFFER");
        }
        out.printf("goal: rebuild all at >= 50,000 events/s: %s (%.0f events/s; the floor above: %.0f events/s)%n",
                result.rebuildEventsPerSecond() >= 50_000 ? "met" : "NOT met", result.rebuildEventsPerSecond(), result.readEventsPerSecond());
        for (Checksum checksum : result.checksums()) {
            out.println(checksum.describe());
        }
    }

    private static void row(PrintStream out, String phase, Duration time, long events, long rows) {
        double seconds = Math.max(1, time.toNanos()) / 1e9;
        out.printf("%-60s %10.2f %12.0f %14s%n", phase, seconds, events / seconds, rows == 0 ? "-" : String.format("%.0f", rows / seconds));
    }
}
