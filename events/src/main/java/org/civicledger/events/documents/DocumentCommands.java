package org.civicledger.events.documents;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.LedgerCommand;

/** Commands on documents and on signers' keys. */
public final class DocumentCommands {

    private DocumentCommands() {
    }

    /**
     * Registers a document by its content: the ledger hashes and stores {@code content} itself. By an officer of
     * the issuing agency, or the ledger (certificates). With {@code signOff} steps the chain is requested at once and
     * the document is delivered when executed; without, it is delivered at once.
     */
    public record RegisterDocument(
            @TargetAggregateIdentifier String documentId,
            byte[] content,
            DocumentKind kind,
            String title,
            String issuingAgencyCode,
            List<Party> recipients,
            LocalDate expiresOn,
            List<SignOffStep> signOff,
            String commandId,
            Actor actor) implements LedgerCommand {
    }

    /** Delivers the document to each recipient it has not been delivered to yet. */
    public record DeliverDocument(@TargetAggregateIdentifier String documentId, String commandId, Actor actor) implements LedgerCommand {
    }

    public record RecordDocumentAccess(@TargetAggregateIdentifier String documentId, AccessKind access, String commandId, Actor actor)
            implements LedgerCommand {
    }

    public record RevokeDocument(@TargetAggregateIdentifier String documentId, String reason, String commandId, Actor actor)
            implements LedgerCommand {
    }

    public record RequestSignOff(@TargetAggregateIdentifier String documentId, List<SignOffStep> steps, String commandId, Actor actor)
            implements LedgerCommand {
    }

    /** The actor signs with key {@code keyId}; {@code signature} is base64 over the 32 bytes of the document's SHA-256. */
    public record SignDocument(@TargetAggregateIdentifier String documentId, String keyId, String signature, String commandId,
                               Actor actor) implements LedgerCommand {
    }

    public record DeclineSignOff(@TargetAggregateIdentifier String documentId, String reason, String commandId, Actor actor)
            implements LedgerCommand {
    }

    /**
     * Registers a public key for {@code signer}: by the signer (a citizen or an officer for themselves) or by an
     * operator (vendor representatives, agencies). {@code publicKey}: X.509 SubjectPublicKeyInfo DER, base64.
     */
    public record RegisterSigningKey(
            @TargetAggregateIdentifier String keyringId, Party signer, String publicKey, String commandId, Actor actor)
            implements LedgerCommand {
    }

    /** Registers {@code publicKey} and retires {@code retiredKeyId} in one step. */
    public record RotateSigningKey(
            @TargetAggregateIdentifier String keyringId, String retiredKeyId, String publicKey, String commandId, Actor actor)
            implements LedgerCommand {
    }

    public record RevokeSigningKey(@TargetAggregateIdentifier String keyringId, String keyId, String reason, String commandId, Actor actor)
            implements LedgerCommand {
    }

    /**
     * Registers on the agency's keyring the current version of its signing key, derived from the master key, when the
     * keyring does not hold it yet, and answers it (a repeat is answered as one): the key the ledger signs the agency's
     * certificates with. Sent by the ledger itself.
     */
    public record RegisterAgencySigningKey(@TargetAggregateIdentifier String keyringId, String agencyCode, String commandId, Actor actor)
            implements LedgerCommand {

        public static RegisterAgencySigningKey of(String agencyCode, String commandId, Actor actor) {
            return new RegisterAgencySigningKey(keyringOf(agencySignerOf(agencyCode)), agencyCode, commandId, actor);
        }
    }

    /**
     * Moves the agency to the next version of its derived signing key: registers it and retires the current one, which
     * signs no more from then (what it signed stays valid). By an operator.
     */
    public record RotateAgencySigningKey(@TargetAggregateIdentifier String keyringId, String agencyCode, String commandId, Actor actor)
            implements LedgerCommand {

        public static RotateAgencySigningKey of(String agencyCode, String commandId, Actor actor) {
            return new RotateAgencySigningKey(keyringOf(agencySignerOf(agencyCode)), agencyCode, commandId, actor);
        }
    }

    /** The keyring of a signer: one per account subject, prefixed so it never collides with another aggregate's id. */
    public static String keyringOf(String signerSubject) {
        return "signing-keys:" + signerSubject;
    }

    /** The subject an agency signs as, {@code agency-<code>}: its own keyring is {@code keyringOf} it. */
    public static String agencySignerOf(String agencyCode) {
        return "agency-" + agencyCode;
    }
}
