package org.civicledger.ops.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.civicledger.command.settlements.SettlementFile;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.Role;
import org.civicledger.events.reference.FeeKind;
import org.civicledger.events.reference.PaymentReferenceCommands.RegisterFeeClass;
import org.civicledger.events.reference.PaymentReferenceCommands.RegisterPaymentProvider;
import org.civicledger.events.reference.ProviderKind;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.civicledger.events.settlements.SettlementCommands;
import org.civicledger.events.settlements.SettlementCommands.ImportSettlementFile;
import org.civicledger.events.settlements.SettlementFileLine;
import org.civicledger.events.settlements.SettlementLineType;
import org.civicledger.projections.slots.ReadModelSlots;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Measures the settlement import rate (lines/s) against a raw JDBC batch insert of the same rows on the same
 * database, in the same run.
 *
 * <p>Set-up (not measured): a bench agency, fee class and provider registered through the command gateway; the
 * provider's {@code lines} succeeded payments of one day written straight into {@code cmd_provider_transaction},
 * the table reconciliation reads (making them through bills, payments and callbacks would take minutes and
 * measure payments, not settlement); the provider's file of those payments written as CSV. Import (measured): the
 * {@code ImportSettlementFile} command end to end, the file read with Commons CSV, every line looked up and
 * reconciled, the settlement's event and its journal entries appended through Axon with the integrity hash chain,
 * committed; then (measured separately) until the settlement-report read model holds every line. Raw (measured):
 * the report's rows of that settlement, read back (not measured), inserted into a scratch copy of
 * {@code settlement_item} in JDBC batches of {@code rawBatch}, a commit per batch. A smaller file is imported and
 * inserted first, unmeasured, so both sides run warm.
 */
public final class SettleBench {

    private static final Actor LOADER = Actor.system("bench-loader");
    private static final Actor OPERATOR = new Actor("bench-operator", Role.OPERATOR, null);

    public record Options(int lines, int warmupLines, int rawBatch, Duration timeout) {
        public Options {
            if (lines < 1 || lines > 200_000 || warmupLines < 1 || warmupLines > 200_000 || rawBatch < 1 || rawBatch > 100_000) {
                throw new IllegalArgumentException("lines and warm-up lines 1..200,000, raw batch 1..100,000");
            }
        }
    }

    public record Result(String database, int lines, long fileBytes, Duration importTime, Duration reportTime, Duration rawTime) {

        public double importLinesPerSecond() {
            return lines * 1e9 / Math.max(1, importTime.toNanos());
        }

        public double reportLinesPerSecond() {
            return lines * 1e9 / Math.max(1, reportTime.toNanos());
        }

        public double rawRowsPerSecond() {
            return lines * 1e9 / Math.max(1, rawTime.toNanos());
        }
    }

    private final CommandGateway gateway;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    /** Reads the read models' active slots (a blue/green rebuild may have switched one to its _b tables). */
    private final JdbcTemplate readModels;
    private final ZoneId zone;
    private final PrintStream out;

    public SettleBench(CommandGateway gateway, JdbcTemplate jdbc, DataSource dataSource, ReadModelSlots slots, ZoneId zone,
                       PrintStream out) {
        this.gateway = gateway;
        this.jdbc = jdbc;
        this.readModels = slots.reader();
        this.dataSource = dataSource;
        this.zone = zone;
        this.out = out;
    }

    public Result run(Options options) throws Exception {
        String database;
        try (Connection connection = dataSource.getConnection()) {
            database = connection.getMetaData().getDatabaseProductName() + " " + connection.getMetaData().getDatabaseProductVersion();
        }
        String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        String agency = "BENCH-STL-" + run;
        gateway.sendAndWait(new RegisterAgency(agency, "Settlement bench office", "bench-stl-ra-" + run, LOADER));
        gateway.sendAndWait(new RegisterFeeClass("BENCH-FEE-" + run, "Bench fee", FeeKind.GOVERNMENT_FEE, agency, null,
                "revenue:" + agency + ":BENCH-FEE-" + run, "bench-stl-rf-" + run, LOADER));
        LocalDate day = LocalDate.now(zone).minusDays(1);

        out.printf("Warm-up: %d lines, imported and inserted raw (not measured)...%n", options.warmupLines());
        Measured warmup = importFile("BENCH-WARM-" + run, options.warmupLines(), day, options.timeout());
        rawInsert(warmup.settlementId(), options.rawBatch(), "bench_raw_warm_settlement_item");

        out.printf("Measured: %d lines...%n", options.lines());
        Measured measured = importFile("BENCH-PAY-" + run, options.lines(), day, options.timeout());
        Duration raw = rawInsert(measured.settlementId(), options.rawBatch(), "bench_raw_settlement_item");
        return new Result(database, options.lines(), measured.fileBytes(), measured.importTime(), measured.reportTime(), raw);
    }

    private record Measured(String settlementId, long fileBytes, Duration importTime, Duration reportTime) {
    }

    private Measured importFile(String provider, int lines, LocalDate day, Duration timeout) throws InterruptedException {
        gateway.sendAndWait(new RegisterPaymentProvider(provider, "Settlement bench pay", ProviderKind.E_PAYMENT, List.of("app"),
                "provider-secret/" + provider, "bench-stl-rp-" + provider, LOADER));
        Instant noon = day.atTime(12, 0).atZone(zone).toInstant();
        List<Object[]> ledgerRows = new ArrayList<>(lines);
        List<SettlementFileLine> fileLines = new ArrayList<>(lines);
        for (int n = 0; n < lines; n++) {
            String paymentId = provider.toLowerCase() + "-p" + n;
            long amount = 100 + (n * 37L) % 9_900;
            Instant at = noon.plusMillis(n);
            ledgerRows.add(new Object[] {"PAYMENT", paymentId, paymentId, provider, "SUCCEEDED", amount, "TWD", Timestamp.from(at), day});
            fileLines.add(new SettlementFileLine(n + 2, provider + "-" + n, SettlementLineType.PAYMENT, paymentId, paymentId,
                    Money.twd(amount), Money.twd(Math.max(1, amount * 150 / 10_000)), at));
        }
        jdbc.batchUpdate("INSERT INTO cmd_provider_transaction (kind, payment_id, reference, provider_code, status, amount_minor, currency, "
                + "occurred_at, business_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", ledgerRows);
        String text = SettlementFile.write(provider, day, fileLines);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String settlementId = SettlementCommands.settlementId(provider, bytes);

        long start = System.nanoTime();
        gateway.sendAndWait(new ImportSettlementFile(settlementId, provider, text, "bench-import-" + settlementId, OPERATOR));
        long imported = System.nanoTime();
        long deadline = imported + timeout.toNanos();
        while (true) {
            Integer held = readModels.queryForObject("SELECT COUNT(*) FROM settlement_item WHERE settlement_id = ?", Integer.class, settlementId);
            if (held != null && held >= lines) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the settlement report did not hold the " + lines + " lines within " + timeout);
            }
            Thread.sleep(5);
        }
        long reported = System.nanoTime();
        return new Measured(settlementId, bytes.length, Duration.ofNanos(imported - start), Duration.ofNanos(reported - start));
    }

    /** The raw baseline: the report's rows of the settlement into a scratch copy of settlement_item, JDBC batches. */
    private Duration rawInsert(String settlementId, int rawBatch, String copy) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        int columns;
        // Through the slot-aware data source: settlement_item is the active slot's table, the copy is no read model's.
        try (Connection connection = readModels.getDataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + copy);
            statement.execute("CREATE TABLE " + copy + " AS SELECT * FROM settlement_item WHERE 1 = 0");
            statement.execute("ALTER TABLE " + copy + " ALTER COLUMN settlement_id SET NOT NULL");
            statement.execute("ALTER TABLE " + copy + " ALTER COLUMN item_key SET NOT NULL");
            statement.execute("ALTER TABLE " + copy + " ADD PRIMARY KEY (settlement_id, item_key)");
            try (PreparedStatement select = connection.prepareStatement("SELECT * FROM settlement_item WHERE settlement_id = ?")) {
                select.setString(1, settlementId);
                try (ResultSet result = select.executeQuery()) {
                    columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        Object[] row = new Object[columns];
                        for (int i = 0; i < columns; i++) {
                            row[i] = result.getObject(i + 1);
                        }
                        rows.add(row);
                    }
                }
            }
        }
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            RawInserts.batchInsert(connection, copy, rows, rawBatch);
            connection.setAutoCommit(true);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    public static void print(Result result, PrintStream out) {
        out.printf("%nSettlement import on %s: %,d lines (%,d bytes of CSV)%n", result.database(), result.lines(), result.fileBytes());
        out.printf("  import (command: read, reconcile, append, commit)  %8.2f s  %,10.0f lines/s%n", result.importTime().toMillis() / 1e3,
                result.importLinesPerSecond());
        out.printf("  import until the report holds every line         %8.2f s  %,10.0f lines/s%n", result.reportTime().toMillis() / 1e3,
                result.reportLinesPerSecond());
        out.printf("  raw JDBC batch insert of the same rows            %8.2f s  %,10.0f rows/s%n", result.rawTime().toMillis() / 1e3,
                result.rawRowsPerSecond());
        out.printf("  ratio import/raw %.2f (goal >= 0.5); report-visible/raw %.2f%n",
                result.importLinesPerSecond() / result.rawRowsPerSecond(), result.reportLinesPerSecond() / result.rawRowsPerSecond());
    }
}
