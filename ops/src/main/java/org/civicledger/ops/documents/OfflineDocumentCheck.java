package org.civicledger.ops.documents;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicledger.command.documents.Signatures;

/**
 * Checks a document's signatures with nothing but the bytes, the signatures and the public keys (the bundle of
 * {@code GET /api/v1/documents/{id}/bundle}, docs/documents.md): the same verification code the ledger ran before
 * accepting each signature, and no server.
 *
 * <p>The document is valid when its SHA-256 is the one the signatures name (if the bundle names one), it carries at
 * least one signature, and every signature verifies by its key over the 32 bytes of that SHA-256 and was made
 * before the key was rotated out or revoked.
 */
public final class OfflineDocumentCheck {

    private OfflineDocumentCheck() {
    }

    /** The outcome: valid or not, with one line per finding for a person to read. */
    public record Result(boolean valid, String sha256, List<String> lines) {
    }

    public static Result check(byte[] document, JsonNode signaturesFile, JsonNode keysFile) {
        List<String> lines = new ArrayList<>();
        String sha256 = Signatures.sha256Hex(document);
        byte[] hash = Signatures.sha256(document);
        boolean valid = true;
        lines.add("document SHA-256 " + sha256 + " (" + document.length + " bytes)");
        String named = signaturesFile.path("sha256").asText(null);
        if (named != null && !named.equalsIgnoreCase(sha256)) {
            lines.add("NOT VALID: the signatures are for SHA-256 " + named + ", not for these bytes");
            return new Result(false, sha256, lines);
        }
        Map<String, JsonNode> keys = new HashMap<>();
        for (JsonNode key : keysFile.path("keys")) {
            keys.put(key.path("keyId").asText(), key);
        }
        JsonNode signatures = signaturesFile.path("signatures");
        if (!signatures.isArray() || signatures.isEmpty()) {
            lines.add("NOT VALID: no signatures");
            return new Result(false, sha256, lines);
        }
        for (JsonNode signature : signatures) {
            String who = "step " + signature.path("step").asInt() + " " + signature.path("role").asText("?")
                    + (signature.hasNonNull("agencyCode") ? " of " + signature.path("agencyCode").asText() : "");
            String keyId = signature.path("keyId").asText();
            JsonNode key = keys.get(keyId);
            if (key == null) {
                lines.add("BAD  " + who + ": key " + keyId + " is not among the keys");
                valid = false;
                continue;
            }
            Optional<Signatures.ParsedKey> parsed = Signatures.parsePublicKey(key.path("publicKey").asText(null));
            if (parsed.isEmpty() || !parsed.get().keyId().equals(keyId)) {
                lines.add("BAD  " + who + ": key " + keyId + " is not an Ed25519 or P-256 key with that id");
                valid = false;
                continue;
            }
            Optional<byte[]> bytes = Signatures.base64(signature.path("signature").asText(null));
            if (bytes.isEmpty() || !Signatures.verify(parsed.get(), hash, bytes.get())) {
                lines.add("BAD  " + who + ": the signature does not verify with key " + keyId);
                valid = false;
                continue;
            }
            Instant signedAt = instant(signature, "signedAt");
            Instant revokedAt = instant(key, "revokedAt");
            Instant retiredAt = instant(key, "retiredAt");
            if (signedAt == null || (revokedAt != null && !signedAt.isBefore(revokedAt)) || (retiredAt != null && !signedAt.isBefore(retiredAt))) {
                lines.add("BAD  " + who + ": signed at " + signedAt + ", when key " + keyId + " no longer signed");
                valid = false;
                continue;
            }
            lines.add("OK   " + who + ": " + parsed.get().algorithm() + " key " + keyId + ", signed " + signedAt
                    + (revokedAt != null ? " (key revoked later, at " + revokedAt + ")" : ""));
        }
        lines.add(valid ? "VALID: every signature verifies over these bytes" : "NOT VALID");
        return new Result(valid, sha256, lines);
    }

    private static Instant instant(JsonNode node, String field) {
        if (!node.hasNonNull(field)) {
            return null;
        }
        try {
            return Instant.parse(node.path(field).asText());
        } catch (DateTimeParseException notATime) {
            return null;
        }
    }

}
