package org.civicledger.ops.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ledger document-verify}: checks a document's signatures offline, without a server (docs/documents.md).
 * Exit 0 valid, 1 not valid, 2 unreadable input or wrong options.
 */
@Command(name = "document-verify", description = "Check a document's signatures offline: --document F with --bundle B "
        + "(GET /api/v1/documents/{id}/bundle), or with --signatures S --keys K. Exit 0 valid, 1 not valid, 2 bad input.")
public class DocumentVerifyCommand implements Callable<Integer> {

    /** The largest document read: far above the ledger's upload limit, and still a bound. */
    static final long DOCUMENT_BYTES_MAX = 256L * 1024 * 1024;

    @Option(names = "--document", required = true, description = "The document's bytes, as received.")
    Path document;

    @Option(names = "--bundle", description = "The bundle: sha256, signatures and keys in one JSON file.")
    Path bundle;

    @Option(names = "--signatures", description = "JSON with \"signatures\" (and optionally \"sha256\").")
    Path signatures;

    @Option(names = "--keys", description = "JSON with \"keys\": keyId, algorithm, publicKey, and revokedAt/retiredAt if any.")
    Path keys;

    @Override
    public Integer call() {
        if ((bundle == null) == (signatures == null || keys == null)) {
            System.err.println("give --bundle, or both --signatures and --keys");
            return 2;
        }
        ObjectMapper json = new ObjectMapper();
        OfflineDocumentCheck.Result result;
        try {
            if (Files.size(document) > DOCUMENT_BYTES_MAX) {
                System.err.println("the document is larger than " + DOCUMENT_BYTES_MAX + " bytes");
                return 2;
            }
            byte[] bytes = Files.readAllBytes(document);
            JsonNode signed = json.readTree((bundle != null ? bundle : signatures).toFile());
            JsonNode keyFile = bundle != null ? signed : json.readTree(keys.toFile());
            result = OfflineDocumentCheck.check(bytes, signed, keyFile);
        } catch (IOException unreadable) {
            System.err.println("cannot read the input: " + unreadable.getMessage());
            return 2;
        }
        result.lines().forEach(System.out::println);
        return result.valid() ? 0 : 1;
    }
}
