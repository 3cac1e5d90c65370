package org.civicledger.projections.documents;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A document as the documents read model holds it, with its recipients and signers. */
public record DocumentView(
        String documentId,
        String sha256,
        long sizeBytes,
        String kind,
        String title,
        String agencyCode,
        LocalDate expiresOn,
        String status,
        Instant registeredAt,
        Instant executedAt,
        Instant revokedAt,
        String revokeReason,
        List<Recipient> recipients,
        List<Signer> signers) {

    public record Recipient(String subject, String role, String agencyCode, Instant deliveredAt) {
    }

    /** A signer of the chain; {@code signature} (base64) and {@code signedAt} are null until they sign. */
    public record Signer(int step, String subject, String role, String agencyCode, String keyId, String algorithm, String signature,
                         Instant signedAt, Instant declinedAt, String declineReason) {
    }

    /** A signer's public key (X.509 SubjectPublicKeyInfo DER, base64) and when it stopped signing, if it did. */
    public record Key(String signerSubject, String keyId, String role, String agencyCode, String algorithm, String publicKey,
                      Instant registeredAt, Instant retiredAt, Instant revokedAt) {
    }
}
