package org.civicledger.command.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger's master key: 32 secret bytes from configuration, never stored in the database. It is
 * the root of the key hierarchy; nothing uses it directly, only keys derived from it by label
 * (HMAC-SHA256 of the label): the lookup key of {@link SubjectHasher} and the key that wraps each
 * citizen's data key in {@link PersonalDataVault}.
 *
 * <p>{@link #toString()} never shows the bytes.
 */
public final class MasterKey {

    public static final int LENGTH_BYTES = 32;
    /** Labels of the derived keys; a new label (v2) is a new key, so these never change. */
    static final String LOOKUP_LABEL = "civic-ledger lookup v1";
    static final String WRAP_LABEL = "civic-ledger data-key wrap v1";
    static final String REQUEST_FINGERPRINT_LABEL = "civic-ledger idempotency request v1";

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

    private final byte[] bytes;

    private MasterKey(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH_BYTES) {
            throw new IllegalArgumentException("the master key must be exactly " + LENGTH_BYTES + " bytes");
        }
        this.bytes = bytes.clone();
    }

    public static MasterKey of(byte[] bytes) {
        return new MasterKey(bytes);
    }

    /** From base64 text (standard or URL alphabet, surrounding white space ignored). */
    public static MasterKey fromBase64(String text) {
        String trimmed = text == null ? "" : text.strip();
        byte[] decoded;
        try {
            decoded = trimmed.contains("-") || trimmed.contains("_")
                    ? Base64.getUrlDecoder().decode(trimmed)
                    : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            // Never echo the text: it is (almost) a key.
            throw new IllegalArgumentException("the master key is not valid base64");
        }
        try {
            return new MasterKey(decoded);
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
    }

    /** Reads a key file: base64 text of 32 bytes, or the 32 raw bytes themselves. */
    public static MasterKey fromFile(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the master key file " + file + ": " + e.getMessage(), e);
        }
        try {
            return content.length == LENGTH_BYTES
                    ? new MasterKey(content)
                    : fromBase64(new String(content, StandardCharsets.US_ASCII));
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /**
     * The key file of the embedded default: read if it exists, else generated (32 bytes from
     * {@link SecureRandom}, base64, owner-only permissions where the file system has them). Losing
     * this file makes every sealed value unreadable, which is why a production profile never
     * generates one.
     */
    public static MasterKey fromFileOrGenerate(Path file) {
        if (Files.exists(file)) {
            return fromFile(file);
        }
        byte[] fresh = new byte[LENGTH_BYTES];
        new SecureRandom().nextBytes(fresh);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.TRUNCATE_EXISTING);
            log.warn("Generated a new master key for personal data in {} (owner-only). Back it up: without it no "
                    + "sealed personal data can be read. Production supplies one (ledger.privacy.master-key or "
                    + "ledger.privacy.master-key-file) instead.", file.toAbsolutePath());
            return new MasterKey(fresh);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a new master key file " + file + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(fresh, (byte) 0);
        }
    }

    /**
     * The key under which the HTTP API fingerprints write requests for idempotency: request bodies may hold a
     * national ID, and a plain hash of one could be reversed by trying the few valid IDs.
     */
    public byte[] requestFingerprintKey() {
        return derive(REQUEST_FINGERPRINT_LABEL);
    }

    /**
     * The 32-byte Ed25519 seed of version {@code version} (1, 2, ...) of an agency's document signing key:
     * HMAC-SHA256(master key, {@code "civic-ledger agency signing key v<version>\n" + agencyCode}). Derived, never
     * stored: every node holds the same key. A rotation moves the agency to the next version (docs/documents.md).
     */
    public byte[] agencySigningSeed(String agencyCode, int version) {
        if (version < 1) {
            throw new IllegalArgumentException("agency key versions start at 1: " + version);
        }
        return derive("civic-ledger agency signing key v" + version + "\n" + agencyCode);
    }

    /** The key derived for one purpose: HMAC-SHA256(master key, label). */
    byte[] derive(String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(bytes, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[redacted]";
    }
}
