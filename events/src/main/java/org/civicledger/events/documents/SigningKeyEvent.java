package org.civicledger.events.documents;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * What happened to a signer's keys (one keyring per signer). A key signs from its registration until it is
 * rotated out or revoked; signatures recorded before that stay valid, the ledger refuses any after.
 */
public sealed interface SigningKeyEvent {

    String keyringId();

    /**
     * {@code publicKey} is the X.509 SubjectPublicKeyInfo DER, base64; {@code keyId} the first 32 hex digits of
     * its SHA-256.
     */
    @Revision("1")
    record SigningKeyRegistered(
            String keyringId,
            Party signer,
            String keyId,
            SignatureAlgorithm algorithm,
            String publicKey,
            Instant registeredAt) implements SigningKeyEvent {
    }

    /** {@code retiredKeyId} signs no more from {@code rotatedAt}; {@code newKeyId}, registered just before, takes over. */
    @Revision("1")
    record SigningKeyRotated(String keyringId, String retiredKeyId, String newKeyId, Instant rotatedAt) implements SigningKeyEvent {
    }

    @Revision("1")
    record SigningKeyRevoked(String keyringId, String keyId, String reason, Instant revokedAt) implements SigningKeyEvent {
    }
}
