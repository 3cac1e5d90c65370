package org.civicledger.ops.verify;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ledger verify}: checks a whole log, from the database or from an export archive, against a pinned key and the
 * checkpoints the auditor holds. Exit 0 when everything verifies, 1 on any finding (the first bad event printed first),
 * 2 when it cannot run (usage, unreadable source).
 */
@Command(name = "verify", description = "Verify every hash chain, leaf and signed checkpoint of the log, from the database "
        + "(read-only) or an export archive; names the first bad event. Exit 0 clean, 1 findings, 2 cannot run.")
public class VerifyCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source = new SourceOptions();

    @Option(names = "--archive", description = "Verify this export archive (offline) instead of the database.")
    Path archive;

    @Option(names = "--checkpoint", description = "A checkpoint note you kept (a witness's, an earlier export's); repeatable. "
            + "Each must verify and be consistent with the log.")
    List<Path> heldCheckpoints = new ArrayList<>();

    @Option(names = "--inclusion", paramLabel = "PROOF", description = "Check only this inclusion proof (the JSON of GET "
            + "/api/v1/integrity/inclusion), offline: its checkpoint (or the one given with --checkpoint) must be signed by the "
            + "pinned key and its audit path must lead to that root. Reads no database or archive.")
    Path inclusion;

    @Option(names = "--origin", description = "The expected origin (default: that of the first valid checkpoint).")
    String origin;

    @Option(names = "--show", defaultValue = "20", description = "Findings printed after the first (default ${DEFAULT-VALUE}).")
    int show;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() {
        try {
            if (inclusion != null) {
                return checkInclusion();
            }
            if (archive != null && (source.jdbcUrl != null || source.dataDir != null)) {
                throw new SourceOptions.UsageProblem("--archive reads no database: leave out --jdbc-url and --data-dir");
            }
            List<String> held = new ArrayList<>();
            for (Path file : heldCheckpoints) {
                try {
                    held.add(Files.readString(file, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new SourceOptions.UsageProblem("--checkpoint " + file + " cannot be read: " + e.getMessage());
                }
            }
            try (LogSource log = open()) {
                PinnedKey key = key(log);
                Verifier.Report report = Verifier.verify(log, new Verifier.Options(key, origin, held, Math.max(1000, show + 1)),
                        new Progress(err, System.console() != null, "verify", log.eventCount()));
                print(report, out, show);
                return report.clean() ? 0 : 1;
            }
        } catch (SourceOptions.UsageProblem problem) {
            err.println(problem.getMessage());
            return 2;
        } catch (IllegalStateException unreadable) {
            err.println("Cannot read the log: " + unreadable.getMessage());
            return 2;
        }
    }

    private int checkInclusion() throws SourceOptions.UsageProblem {
        if (archive != null || source.jdbcUrl != null || heldCheckpoints.size() > 1) {
            throw new SourceOptions.UsageProblem("--inclusion checks one proof against the pinned key and at most one --checkpoint; "
                    + "it reads no --archive or --jdbc-url");
        }
        String proof = read(inclusion, "--inclusion");
        String held = heldCheckpoints.isEmpty() ? null : read(heldCheckpoints.get(0), "--checkpoint");
        try {
            com.fasterxml.jackson.databind.JsonNode read = InclusionCheck.parse(proof);
            String note = held != null ? held : InclusionCheck.carriedNote(read);
            PinnedKey key = source.pinnedKey(note == null ? List.of() : List.of(note), err);
            InclusionCheck.Result result = InclusionCheck.check(read, key, held);
            out.println(result.describe());
            return result.verified() ? 0 : 1;
        } catch (IllegalArgumentException unreadable) {
            throw new SourceOptions.UsageProblem("--inclusion " + inclusion + ": " + unreadable.getMessage());
        }
    }

    private static String read(Path file, String option) throws SourceOptions.UsageProblem {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SourceOptions.UsageProblem(option + " " + file + " cannot be read: " + e.getMessage());
        }
    }

    private LogSource open() throws SourceOptions.UsageProblem {
        if (archive != null) {
            try {
                return new ArchiveLogSource(archive);
            } catch (IOException e) {
                throw new SourceOptions.UsageProblem("Cannot open the archive " + archive + ": " + e.getMessage());
            }
        }
        try {
            return new JdbcLogSource(source.connect(), Long.MAX_VALUE);
        } catch (java.sql.SQLException e) {
            throw new SourceOptions.UsageProblem("Cannot read the database: " + e.getMessage());
        }
    }

    private PinnedKey key(LogSource log) throws SourceOptions.UsageProblem {
        if (source.key != null || !(log instanceof ArchiveLogSource archived)) {
            return source.pinnedKey(log.checkpointNotes(), err);
        }
        try {
            String carried = archived.embeddedVerifierKey();
            err.println("WARNING: no --key given: using the key the archive carries (" + carried + ").");
            err.println("WARNING: whoever made the archive chose that key. An auditor compares it with the published one and passes --key.");
            return SourceOptions.parseKey(carried);
        } catch (IOException e) {
            throw new SourceOptions.UsageProblem("--key is required (the archive's key cannot be read: " + e.getMessage() + ")");
        }
    }

    /** The result on stdout: the first bad event first, then a summary. */
    public static void print(Verifier.Report report, PrintStream out, int show) {
        if (report.clean()) {
            out.println("OK: every chain, leaf and checkpoint verifies.");
        } else {
            out.println("FAILED: " + report.findingsTotal() + " finding(s). First bad event:");
            out.println("  " + report.first().describe());
            report.findings().stream().skip(1).limit(show).forEach(finding -> out.println("  " + finding.describe()));
            if (report.findingsTotal() > show + 1) {
                out.println("  ... and " + (report.findingsTotal() - show - 1) + " more");
            }
        }
        double seconds = report.elapsedNanos() / 1e9;
        out.printf("Source: %s%n", report.source());
        out.printf("Origin: %s%n", report.origin());
        out.printf("Events: %,d in %,d aggregates; leaves: %,d%n", report.events(), report.aggregates(), report.leaves());
        out.printf("Checkpoints: %d in the source, %d verified (%d of them held by you)%n", report.checkpoints(),
                report.checkpointsVerified(), report.heldVerified());
        out.printf("Elapsed: %.2f s, %,.0f events/s, %.1f MB/s of canonical bytes%n", seconds, report.eventsPerSecond(),
                seconds == 0 ? 0 : report.canonicalBytes() / 1e6 / seconds);
    }
}
