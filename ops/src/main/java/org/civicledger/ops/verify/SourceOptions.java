package org.civicledger.ops.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where {@code ledger verify} and {@code ledger export} read the database and the key: plain JDBC, no Spring, no
 * Flyway. Default: {@code LEDGER_DB_URL} (with {@code LEDGER_DB_USER}, {@code LEDGER_DB_PASSWORD}) when set, else the
 * embedded H2 file under the data folder, opened read-only.
 */
public class SourceOptions {

    /** H2's "database may be already in use" (the running ledger holds the file lock). */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    /** H2's "database not found" under IFEXISTS=TRUE. */
    private static final int H2_DATABASE_NOT_FOUND = 90146;

    @Option(names = "--jdbc-url", description = "JDBC URL of the ledger's database (default LEDGER_DB_URL, else the embedded H2 file under --data-dir).")
    String jdbcUrl;

    @Option(names = "--user", description = "Database user (default LEDGER_DB_USER, else sa for H2 and postgres otherwise).")
    String user;

    @Option(names = "--password", description = "Database password (default LEDGER_DB_PASSWORD, else empty).")
    String password;

    @Option(names = "--data-dir", description = "Folder of the embedded store (default ./data, or LEDGER_DATA_DIR).")
    String dataDir;

    @Option(names = "--key", description = "The pinned verifier key string <name>+<key id>+<base64 key>, or a file holding it.")
    String key;

    /** Thrown for what the user must change: printed without a stack trace, exit code 2. */
    public static final class UsageProblem extends Exception {
        public UsageProblem(String message) {
            super(message);
        }
    }

    boolean embedded() {
        return jdbcUrl == null && System.getenv("LEDGER_DB_URL") == null;
    }

    Path dataFolder() {
        return Path.of(dataDir != null ? dataDir : System.getenv().getOrDefault("LEDGER_DATA_DIR", "./data")).toAbsolutePath().normalize();
    }

    String url() {
        if (jdbcUrl != null) {
            return jdbcUrl;
        }
        if (System.getenv("LEDGER_DB_URL") != null) {
            return System.getenv("LEDGER_DB_URL");
        }
        return "jdbc:h2:file:" + dataFolder().resolve("ledger")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;ACCESS_MODE_DATA=r;IFEXISTS=TRUE";
    }

    Connection connect() throws UsageProblem {
        String url = url();
        String who = user != null ? user : System.getenv().getOrDefault("LEDGER_DB_USER", url.startsWith("jdbc:h2:") ? "sa" : "postgres");
        String secret = password != null ? password : System.getenv().getOrDefault("LEDGER_DB_PASSWORD", "");
        try {
            return DriverManager.getConnection(url, who, secret);
        } catch (SQLException e) {
            if (e.getErrorCode() == H2_DATABASE_ALREADY_OPEN || String.valueOf(e.getMessage()).contains("already in use")) {
                throw new UsageProblem("The embedded store " + url + " is locked by a running ledger (H2 allows one process). "
                        + "Stop the server (the export and verification then read the file), or verify a copy: stop, copy the "
                        + "data folder, restart, and point --data-dir at the copy.");
            }
            if (e.getErrorCode() == H2_DATABASE_NOT_FOUND) {
                throw new UsageProblem("No ledger store at " + dataFolder() + " (ledger.mv.db): give --data-dir, --jdbc-url or --archive.");
            }
            throw new UsageProblem("Cannot open " + url + " as " + who + ": " + e.getMessage());
        }
    }

    /**
     * The pinned key from {@code --key}; else, for the embedded store only, the public half of the signing key file under
     * the data folder (named as the checkpoints name their signer), with a loud warning on {@code err}.
     */
    PinnedKey pinnedKey(List<String> notes, java.io.PrintStream err) throws UsageProblem {
        if (key != null) {
            return parseKey(key);
        }
        if (!embedded()) {
            throw new UsageProblem("--key is required: the verifier key string an auditor pins (GET /api/v1/integrity/public-key "
                    + "gives verifierKey; keep a copy the server cannot rewrite).");
        }
        Path file = dataFolder().resolve("keys").resolve("checkpoint-ed25519.key");
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            byte[] x509 = Base64.getDecoder().decode(lines.get(1).trim());
            byte[] publicKey = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
            String name = notes.stream().map(SourceOptions::signerName).filter(n -> n != null).findFirst().orElse(null);
            if (name == null) {
                throw new UsageProblem("No checkpoint to take the key name from: give --key.");
            }
            String verifierKey = PinnedKey.verifierKeyString(name, publicKey);
            err.println("WARNING: no --key given: using the key file " + file + " of the store being checked.");
            err.println("WARNING: whoever can change the store can change that file. An auditor pins the published key: --key '"
                    + verifierKey + "' (compare it with the one you hold).");
            return PinnedKey.parse(verifierKey);
        } catch (IOException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new UsageProblem("--key is required (no readable key file at " + file + ": " + e.getMessage() + ")");
        }
    }

    static PinnedKey parseKey(String keyOrFile) throws UsageProblem {
        String text = keyOrFile;
        Path path = Path.of(keyOrFile.contains("+") && !Files.exists(Path.of(keyOrFile)) ? "." : keyOrFile);
        if (!keyOrFile.contains("+") || Files.isRegularFile(path)) {
            try {
                text = Files.readAllLines(Path.of(keyOrFile), StandardCharsets.UTF_8).stream()
                        .filter(line -> !line.isBlank()).findFirst().orElse("");
            } catch (IOException | java.nio.file.InvalidPathException e) {
                throw new UsageProblem("--key is neither a verifier key string nor a readable file: " + keyOrFile);
            }
        }
        try {
            return PinnedKey.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageProblem("--key: " + e.getMessage());
        }
    }

    /** The key name of a note's first signature line, or null. */
    static String signerName(String note) {
        int split = note.indexOf("\n\n\u2014 ");
        if (split < 0) {
            return null;
        }
        String line = note.substring(split + 4);
        int space = line.indexOf(' ');
        return space < 0 ? null : line.substring(0, space);
    }
}
