package org.civicledger.projections.integrity;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The canonical form of a stored event and its chain hash, version 1 (docs/integrity.md, "Canonical form").
 *
 * <pre>
 * event_hash = SHA-256( field("civic-ledger event v1")
 *                    || field(type) || field(aggregateIdentifier) || uint64be(sequenceNumber)
 *                    || field(eventIdentifier) || field(timestamp) || field(payloadType)
 *                    || field(payloadRevision) || field(payload) || field(metadata)
 *                    || previous_hash (32 bytes; 32 zero bytes for the first event of a chain) )
 * field(x)   = uint32be(length of x in bytes) || x      (strings as UTF-8)
 * field(null)= 0xFFFFFFFF                               (no bytes follow; distinct from the empty string)
 * </pre>
 *
 * Pure JDK, no state: an independent verifier can be written from this comment and the document alone.
 */
public final class EventHash {

    public static final String DOMAIN = "civic-ledger event v1";
    public static final int LENGTH = 32;
    public static final byte[] ZERO = new byte[LENGTH];

    private EventHash() {
    }

    /** The bytes that are hashed, for a verifier to compare and for test vectors. */
    public static byte[] canonicalBytes(StoredEvent event, byte[] previousHash) {
        if (previousHash == null || previousHash.length != LENGTH) {
            throw new IllegalArgumentException("previous hash must be 32 bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + length(event.payload()) + length(event.metadata()));
        field(out, utf8(DOMAIN));
        field(out, utf8(event.type()));
        field(out, utf8(event.aggregateIdentifier()));
        out.writeBytes(ByteBuffer.allocate(8).putLong(event.sequenceNumber()).array());
        field(out, utf8(event.eventIdentifier()));
        field(out, utf8(event.timestamp()));
        field(out, utf8(event.payloadType()));
        field(out, utf8(event.payloadRevision()));
        field(out, event.payload());
        field(out, event.metadata());
        out.writeBytes(previousHash);
        return out.toByteArray();
    }

    public static byte[] of(StoredEvent event, byte[] previousHash) {
        return sha256(canonicalBytes(event, previousHash));
    }

    public static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static void field(ByteArrayOutputStream out, byte[] value) {
        if (value == null) {
            out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
            return;
        }
        out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
        out.writeBytes(value);
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
