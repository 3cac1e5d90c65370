package org.civicledger.ops.verify;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ledger bench verify}: the verifier's rate against raw SHA-256 over the same bytes ({@link VerifyBench}). */
@Command(name = "verify", description = "Write N realistic events into a fresh store (H2 file, or a new schema of --jdbc-url), "
        + "then measure the verifier (database and export archive) against raw SHA-256 over the same canonical bytes.")
public class VerifyBenchCommand implements Callable<Integer> {

    @Option(names = "--events", defaultValue = "100000", description = "Events to write and verify (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--checkpoint-every", defaultValue = "10000", description = "Events per signed checkpoint (default ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds after one warm-up round (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--jdbc-url", description = "A PostgreSQL database to make a scratch schema in (dropped afterwards); default: a fresh H2 file.")
    String jdbcUrl;

    @Option(names = "--user", description = "Database user (default postgres for --jdbc-url, sa for H2).")
    String user;

    @Option(names = "--password", defaultValue = "", description = "Database password.")
    String password;

    @Option(names = "--folder", description = "Folder of the fresh H2 store (default a new temporary folder, deleted afterwards).")
    Path folder;

    @Override
    public Integer call() throws Exception {
        if (events < 1 || events > 10_000_000 || checkpointEvery < 1 || rounds < 1 || rounds > 100) {
            System.err.println("--events is 1 to 10,000,000, --checkpoint-every at least 1, --rounds 1 to 100");
            return 2;
        }
        Path store = folder != null ? folder : java.nio.file.Files.createTempDirectory("verify-bench");
        try {
            VerifyBench.Result result = new VerifyBench(System.out).run(new VerifyBench.Options(events, checkpointEvery, rounds, jdbcUrl,
                    user != null ? user : jdbcUrl == null ? "sa" : "postgres", password, store));
            VerifyBench.print(result, System.out);
            return 0;
        } finally {
            if (folder == null) {
                try (var files = java.nio.file.Files.walk(store)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
