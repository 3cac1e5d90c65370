package org.civicledger.events.documents;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.civicledger.events.common.Role;

/**
 * What happened to a document: registered by its content's SHA-256, delivered, accessed, signed through a
 * sign-off chain, executed, revoked. Names and JSON are forever once stored: see the approval tests.
 *
 * <p>The content itself is never in an event, only its hash and size; titles and reasons must hold no
 * personal data (parties are named by account subject only).
 */
public sealed interface DocumentEvent {

    String documentId();

    /** {@code sha256} is lower-case hex of the content's SHA-256; {@code expiresOn} is null when it does not expire. */
    @Revision("1")
    record DocumentRegistered(
            String documentId,
            String sha256,
            long sizeBytes,
            DocumentKind kind,
            String title,
            String issuingAgencyCode,
            List<Party> recipients,
            LocalDate expiresOn,
            Instant registeredAt) implements DocumentEvent {

        public DocumentRegistered {
            recipients = recipients == null ? List.of() : List.copyOf(recipients);
        }
    }

    @Revision("1")
    record DocumentDelivered(String documentId, Party recipient, Instant deliveredAt) implements DocumentEvent {
    }

    /** Someone looked at the document's details or downloaded its content. */
    @Revision("1")
    record DocumentAccessed(String documentId, String accessorSubject, Role accessorRole, AccessKind access, Instant accessedAt)
            implements DocumentEvent {
    }

    @Revision("1")
    record DocumentRevoked(String documentId, String reason, Instant revokedAt) implements DocumentEvent {
    }

    /** Signatures are asked for in the order of {@code steps}; within a step in any order. */
    @Revision("1")
    record SignOffRequested(String documentId, List<SignOffStep> steps, Instant requestedAt) implements DocumentEvent {

        public SignOffRequested {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }

    /**
     * A signature the ledger verified before recording it: {@code signature} (base64) by key {@code keyId} of
     * {@code signer} over the 32 bytes of the document's SHA-256. {@code step} counts from 1.
     */
    @Revision("1")
    record DocumentSigned(
            String documentId,
            int step,
            Party signer,
            String keyId,
            SignatureAlgorithm algorithm,
            String signature,
            Instant signedAt) implements DocumentEvent {
    }

    /** A signer refused to sign; the chain ends here and the document is never executed. */
    @Revision("1")
    record SignOffDeclined(String documentId, int step, Party signer, String reason, Instant declinedAt) implements DocumentEvent {
    }

    /** Every step of the sign-off chain is signed. */
    @Revision("1")
    record DocumentExecuted(String documentId, Instant executedAt) implements DocumentEvent {
    }
}
