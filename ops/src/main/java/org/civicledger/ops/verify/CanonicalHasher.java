package org.civicledger.ops.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.civicledger.projections.integrity.StoredEvent;

/**
 * Event hash, leaf hash and node hash of docs/integrity.md sections 1 and 2, written again from the text alone
 * and fed straight into one reused {@link MessageDigest}: no canonical byte array is built, so hashing an event
 * costs what hashing its bytes costs. Not thread-safe: one per thread.
 */
final class CanonicalHasher {

    static final byte[] DOMAIN = "civic-ledger event v1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NULL_FIELD = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};

    private final MessageDigest tree = newSha256();
    /** Where {@link #field} writes: the tree digest, or the event digest {@link #feed} is filling. */
    private MessageDigest sha256 = tree;
    private final byte[] number = new byte[8];
    private long canonicalBytes;

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** SHA-256 of the canonical form of {@code event} followed by {@code previous} (32 bytes). */
    byte[] eventHash(StoredEvent event, byte[] previous) {
        MessageDigest digest = newSha256();
        long bytes = feed(event, digest);
        digest.update(previous);
        canonicalBytes += bytes + previous.length;
        return digest.digest();
    }

    /**
     * Feeds an event's canonical form up to, not including, the previous event's hash (which comes last) into
     * {@code digest}, and returns how many bytes that was: the part of the event hash that needs nothing of the chain,
     * so that it can be computed on another thread ({@link ChainHashing}).
     */
    long feed(StoredEvent event, MessageDigest digest) {
        long before = canonicalBytes;
        MessageDigest own = sha256;
        sha256 = digest;
        try {
            field(DOMAIN);
            field(utf8(event.type()));
            field(utf8(event.aggregateIdentifier()));
            longBigEndian(event.sequenceNumber());
            sha256.update(number, 0, 8);
            canonicalBytes += 8;
            field(utf8(event.eventIdentifier()));
            field(utf8(event.timestamp()));
            field(utf8(event.payloadType()));
            field(utf8(event.payloadRevision()));
            field(event.payload());
            field(event.metadata());
        } finally {
            sha256 = own;
        }
        long bytes = canonicalBytes - before;
        canonicalBytes = before;
        return bytes;
    }

    // The tree digest is left reset by each digest() (never fed elsewhere): no reset() before use.
    byte[] leafHash(byte[] eventHash) {
        tree.update((byte) 0x00);
        tree.update(eventHash);
        return tree.digest();
    }

    byte[] nodeHash(byte[] left, byte[] right) {
        tree.update((byte) 0x01);
        tree.update(left);
        tree.update(right);
        return tree.digest();
    }

    byte[] emptyTreeHash() {
        return tree.digest();
    }

    /** Canonical bytes hashed so far (the figure MB/s is reported over). */
    long canonicalBytes() {
        return canonicalBytes;
    }

    private void field(byte[] value) {
        if (value == null) {
            sha256.update(NULL_FIELD);
            canonicalBytes += 4;
            return;
        }
        int length = value.length;
        number[0] = (byte) (length >>> 24);
        number[1] = (byte) (length >>> 16);
        number[2] = (byte) (length >>> 8);
        number[3] = (byte) length;
        sha256.update(number, 0, 4);
        sha256.update(value);
        canonicalBytes += 4L + length;
    }

    private void longBigEndian(long value) {
        for (int i = 7; i >= 0; i--) {
            number[i] = (byte) value;
            value >>>= 8;
        }
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }
}
