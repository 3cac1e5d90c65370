package org.civicledger.ops.verify;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ledger export}: writes a self-contained archive of the log up to a checkpoint (default the latest) for
 * {@code ledger verify --archive}. Reads the database directly; the embedded H2 file can only be read while the
 * server is stopped (H2 locks it).
 */
@Command(name = "export", description = "Write a self-contained archive (events as stored, checkpoints, verifier key, "
        + "manifest, README) up to a checkpoint, for offline verification. Reads the database directly.")
public class ExportCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source = new SourceOptions();

    @Option(names = {"--output", "-o"}, required = true, description = "The archive to write (a zip).")
    Path output;

    @Option(names = "--tree-size", description = "Export up to the checkpoint of this size (default the latest).")
    Long treeSize;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() {
        try {
            Connection connection = source.connect();
            long size;
            try {
                size = checkpointSize(connection);
            } catch (SourceOptions.UsageProblem | SQLException e) {
                connection.close();
                throw e instanceof SQLException ? new SourceOptions.UsageProblem("Cannot read checkpoints: " + e.getMessage())
                        : (SourceOptions.UsageProblem) e;
            }
            try (JdbcLogSource log = new JdbcLogSource(connection, size).withLeafHints()) {
                PinnedKey key = source.pinnedKey(log.checkpointNotes(), err);
                ArchiveWriter.Summary summary = ArchiveWriter.write(log, key.asString(), size, output,
                        new Progress(err, System.console() != null, "export", log.eventCount()));
                out.printf("Wrote %s: %,d events (global indexes up to %d), %,d leaves, %d checkpoints up to tree size %d, origin %s%n",
                        summary.file(), summary.events(), log.globalIndexMax(), summary.leaves(), summary.checkpoints(),
                        summary.treeSize(), summary.origin());
                out.printf("Verify it offline: ledger verify --archive %s --key '%s'%n", summary.file(), key.asString());
                return 0;
            }
        } catch (SourceOptions.UsageProblem problem) {
            err.println(problem.getMessage());
            return 2;
        } catch (SQLException | IOException | IllegalStateException e) {
            err.println("Export failed: " + e.getMessage());
            return 2;
        }
    }

    private long checkpointSize(Connection connection) throws SQLException, SourceOptions.UsageProblem {
        String sql = treeSize == null ? "SELECT MAX(tree_size) FROM checkpoint" : "SELECT tree_size FROM checkpoint WHERE tree_size = ?";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            if (treeSize != null) {
                query.setLong(1, treeSize);
            }
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next() || rows.getObject(1) == null) {
                    throw new SourceOptions.UsageProblem(treeSize == null ? "No checkpoint published yet: nothing an auditor could verify."
                            : "--tree-size " + treeSize + " is not a published checkpoint.");
                }
                return rows.getLong(1);
            }
        }
    }
}
