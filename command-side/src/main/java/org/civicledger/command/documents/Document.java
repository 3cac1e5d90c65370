package org.civicledger.command.documents;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.civicledger.command.rules.Require;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Role;
import org.civicledger.events.common.RuleViolation;
import org.civicledger.events.documents.DocumentCommands.DeclineSignOff;
import org.civicledger.events.documents.DocumentCommands.DeliverDocument;
import org.civicledger.events.documents.DocumentCommands.RecordDocumentAccess;
import org.civicledger.events.documents.DocumentCommands.RegisterDocument;
import org.civicledger.events.documents.DocumentCommands.RequestSignOff;
import org.civicledger.events.documents.DocumentCommands.RevokeDocument;
import org.civicledger.events.documents.DocumentCommands.SignDocument;
import org.civicledger.events.documents.DocumentEvent.DocumentAccessed;
import org.civicledger.events.documents.DocumentEvent.DocumentDelivered;
import org.civicledger.events.documents.DocumentEvent.DocumentExecuted;
import org.civicledger.events.documents.DocumentEvent.DocumentRegistered;
import org.civicledger.events.documents.DocumentEvent.DocumentRevoked;
import org.civicledger.events.documents.DocumentEvent.DocumentSigned;
import org.civicledger.events.documents.DocumentEvent.SignOffDeclined;
import org.civicledger.events.documents.DocumentEvent.SignOffRequested;
import org.civicledger.events.documents.DocumentKind;
import org.civicledger.events.documents.Party;
import org.civicledger.events.documents.SignOffStep;

/**
 * A document the ledger holds by its content's SHA-256: who issued it, to whom it goes, who must sign it in
 * which order, and whether it was executed or revoked.
 *
 * <p>Rules: an officer of the issuing agency (or the ledger itself) registers, delivers, asks for signatures and
 * revokes; an expiry date only for kinds that run out; one sign-off chain per document, its steps in order and
 * the signers of one step in any order; a signature is accepted only when it verifies, by a key of the signer's
 * that may still sign, over the document's hash; a decline ends the chain; the last signature executes the
 * document; a revoked document takes no more signatures or deliveries. Only its parties, its agency's officers
 * and auditors see it, and each look is recorded.
 */
public class Document {

    public static final int TITLE_LENGTH_MAX = 200;
    public static final int REASON_LENGTH_MAX = 500;
    public static final int RECIPIENTS_MAX = 100;
    public static final int STEPS_MAX = 10;
    public static final int SIGNERS_PER_STEP_MAX = 10;

    @AggregateIdentifier
    private String documentId;
    private String sha256;
    private DocumentKind kind;
    private String issuingAgencyCode;
    private final List<Party> recipients = new ArrayList<>();
    private final Set<String> delivered = new HashSet<>();
    private boolean revoked;
    private List<SignOffStep> steps = List.of();
    /** Index (from 0) of the step whose signatures are awaited; equals the number of steps once executed. */
    private int currentStep;
    private final Set<String> signedInStep = new HashSet<>();
    private boolean declined;

    protected Document() {
        // For Axon's event sourcing.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public DocumentResult handle(RegisterDocument command, DocumentContents contents, Clock clock) {
        Require.code("documentId", command.documentId());
        Require.code("issuingAgencyCode", command.issuingAgencyCode());
        requireIssuer(command.actor(), command.issuingAgencyCode());
        if (command.content() == null || command.content().length == 0) {
            throw RuleViolation.invalid("ContentIsGiven", "content", "a document is registered with its content");
        }
        if (command.kind() == null) {
            throw RuleViolation.invalid("KindIsGiven", "kind", "the document's kind is required");
        }
        Require.text("title", command.title(), TITLE_LENGTH_MAX);
        List<Party> parties = command.recipients() == null ? List.of() : List.copyOf(command.recipients());
        if (parties.size() > RECIPIENTS_MAX) {
            throw RuleViolation.invalid("RecipientsWithinLimit", "recipients", "a document goes to at most " + RECIPIENTS_MAX + " recipients");
        }
        if (new HashSet<>(parties.stream().map(Party::subject).toList()).size() != parties.size()) {
            throw RuleViolation.invalid("RecipientsAreListedOnce", "recipients", "each recipient is listed once");
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), clock.getZone());
        if (command.expiresOn() != null) {
            if (!command.kind().mayExpire()) {
                throw RuleViolation.invalid("ExpiryWhereTheKindHasOne", "expiresOn",
                        "a " + command.kind().name().toLowerCase().replace('_', ' ') + " does not expire; only contracts and certificates do");
            }
            if (!command.expiresOn().isAfter(today)) {
                throw RuleViolation.invalid("ExpiryIsAhead", "expiresOn", "the expiry date must be after today (" + today + ")");
            }
        }
        List<SignOffStep> chain = command.signOff() == null ? List.of() : List.copyOf(command.signOff());
        if (!chain.isEmpty()) {
            requireValidChain(chain);
        }
        String hash = Signatures.sha256Hex(command.content());
        Instant now = clock.instant();
        contents.store(hash, command.content(), now);
        apply(new DocumentRegistered(command.documentId(), hash, command.content().length, command.kind(), command.title(),
                command.issuingAgencyCode(), parties, command.expiresOn(), now));
        if (chain.isEmpty()) {
            // Nothing to sign: the document goes to its recipients now; a signed one goes once executed.
            deliverAll(now);
        } else {
            apply(new SignOffRequested(command.documentId(), chain, now));
        }
        return result(false);
    }

    @CommandHandler
    public DocumentResult handle(DeliverDocument command, Clock clock) {
        requireIssuer(command.actor(), issuingAgencyCode);
        requireNotRevoked("RevokedDocumentsAreNotDelivered");
        return result(!deliverAll(clock.instant()));
    }

    /** Delivers to each recipient not delivered to yet; whether there was any. */
    private boolean deliverAll(Instant now) {
        boolean any = false;
        for (Party recipient : List.copyOf(recipients)) {
            if (!delivered.contains(recipient.subject())) {
                apply(new DocumentDelivered(documentId, recipient, now));
                any = true;
            }
        }
        return any;
    }

    @CommandHandler
    public DocumentResult handle(RecordDocumentAccess command, Clock clock) {
        if (command.access() == null) {
            throw RuleViolation.invalid("AccessIsNamed", "access", "an access is a view or a download");
        }
        Actor actor = command.actor();
        boolean party = recipients.stream().anyMatch(recipient -> recipient.subject().equals(actor.subject()))
                || steps.stream().flatMap(step -> step.signers().stream()).anyMatch(signer -> signer.subject().equals(actor.subject()));
        if (!party && !actor.isOfficerOf(issuingAgencyCode) && actor.role() != Role.AUDITOR && actor.role() != Role.SYSTEM) {
            throw RuleViolation.forbidden("OnlyPartiesSeeADocument",
                    "a document is seen by its recipients, its signers, officers of its agency and auditors");
        }
        apply(new DocumentAccessed(documentId, actor.subject(), actor.role(), command.access(), clock.instant()));
        return result(false);
    }

    @CommandHandler
    public DocumentResult handle(RevokeDocument command, Clock clock) {
        requireIssuer(command.actor(), issuingAgencyCode);
        Require.text("reason", command.reason(), REASON_LENGTH_MAX);
        if (revoked) {
            return result(true);
        }
        apply(new DocumentRevoked(documentId, command.reason(), clock.instant()));
        return result(false);
    }

    @CommandHandler
    public DocumentResult handle(RequestSignOff command, Clock clock) {
        requireIssuer(command.actor(), issuingAgencyCode);
        requireNotRevoked("RevokedDocumentsAreNotSigned");
        if (!steps.isEmpty()) {
            throw RuleViolation.conflict("OneSignOffChainPerDocument", "signatures were asked for this document already");
        }
        List<SignOffStep> asked = command.steps() == null ? List.of() : List.copyOf(command.steps());
        requireValidChain(asked);
        apply(new SignOffRequested(documentId, asked, clock.instant()));
        return result(false);
    }

    private static void requireValidChain(List<SignOffStep> asked) {
        if (asked.isEmpty() || asked.size() > STEPS_MAX) {
            throw RuleViolation.invalid("ChainHasSteps", "steps", "a sign-off chain has 1 to " + STEPS_MAX + " steps");
        }
        Set<String> seen = new HashSet<>();
        for (SignOffStep step : asked) {
            if (step == null || step.signers().isEmpty() || step.signers().size() > SIGNERS_PER_STEP_MAX) {
                throw RuleViolation.invalid("StepHasSigners", "steps", "each step has 1 to " + SIGNERS_PER_STEP_MAX + " signers");
            }
            for (Party signer : step.signers()) {
                if (!seen.add(signer.subject())) {
                    throw RuleViolation.invalid("SignersAreListedOnce", "steps", signer.subject() + " is listed twice in the chain");
                }
            }
        }
    }

    @CommandHandler
    public DocumentResult handle(SignDocument command, SigningKeyBook keyBook, Clock clock) {
        Party signer = requireSignerNow(command.actor());
        if (signedInStep.contains(signer.subject())) {
            return result(true);
        }
        Instant now = clock.instant();
        SigningKeyFacts key = keyBook.key(signer.subject(), command.keyId())
                .filter(found -> found.signer().subject().equals(signer.subject()))
                .orElseThrow(() -> RuleViolation.invalid("SigningKeyIsRegistered", "keyId",
                        "key " + command.keyId() + " is not a registered key of the signer"));
        if (key.revokedAt() != null && !now.isBefore(key.revokedAt())) {
            throw RuleViolation.invalid("RevokedKeysDoNotSign", "keyId", "key " + command.keyId() + " was revoked at " + key.revokedAt());
        }
        if (key.retiredAt() != null && !now.isBefore(key.retiredAt())) {
            throw RuleViolation.invalid("RotatedKeysDoNotSign", "keyId", "key " + command.keyId() + " was rotated out at " + key.retiredAt());
        }
        byte[] signature = Signatures.base64(command.signature()).orElseThrow(() -> RuleViolation.invalid("SignatureIsBase64", "signature",
                "the signature is base64, at most " + Signatures.SIGNATURE_BYTES_MAX + " bytes"));
        byte[] hash = Signatures.hashBytes(sha256).orElseThrow();
        if (!Signatures.verify(key.key(), hash, signature)) {
            throw RuleViolation.invalid("SignatureMatchesTheDocument", "signature",
                    "the signature does not verify with key " + command.keyId() + " over this document's SHA-256");
        }
        int step = currentStep;
        apply(new DocumentSigned(documentId, step + 1, signer, key.keyId(), key.key().algorithm(),
                java.util.Base64.getEncoder().encodeToString(signature), now));
        if (currentStep == steps.size()) {
            apply(new DocumentExecuted(documentId, now));
            deliverAll(now);
        }
        return result(false);
    }

    @CommandHandler
    public DocumentResult handle(DeclineSignOff command, Clock clock) {
        Party signer = requireSignerNow(command.actor());
        Require.text("reason", command.reason(), REASON_LENGTH_MAX);
        if (signedInStep.contains(signer.subject())) {
            throw RuleViolation.conflict("SignedIsSigned", "the signer has signed this step already; a signature is not taken back");
        }
        apply(new SignOffDeclined(documentId, currentStep + 1, signer, command.reason(), clock.instant()));
        return result(false);
    }

    /** The party the actor signs as in the step now open, after the chain's state and order are checked. */
    private Party requireSignerNow(Actor actor) {
        requireNotRevoked("RevokedDocumentsAreNotSigned");
        if (steps.isEmpty()) {
            throw RuleViolation.conflict("SignOffIsRequested", "no signatures were asked for this document");
        }
        if (declined) {
            throw RuleViolation.conflict("DeclineEndsTheChain", "a signer declined; this sign-off chain is over");
        }
        if (currentStep >= steps.size()) {
            throw RuleViolation.conflict("ExecutedIsFinal", "every step is signed; the document is executed");
        }
        for (int index = 0; index < steps.size(); index++) {
            for (Party signer : steps.get(index).signers()) {
                if (signer.subject().equals(actor.subject()) && actsAs(actor, signer)) {
                    if (index > currentStep) {
                        throw RuleViolation.conflict("StepsAreSignedInOrder",
                                "step " + (index + 1) + " opens once step " + (currentStep + 1) + " is signed");
                    }
                    if (index < currentStep) {
                        throw RuleViolation.conflict("SignedIsSigned", "step " + (index + 1) + " is signed already");
                    }
                    return signer;
                }
            }
        }
        throw RuleViolation.forbidden("OnlyNamedSignersSign", "the actor is not a signer of this document");
    }

    /** Whether the signed-in actor may act as the named party: the same account, and an officer only for their agency. */
    private static boolean actsAs(Actor actor, Party party) {
        return switch (party.role()) {
            case OFFICER -> actor.isOfficerOf(party.agencyCode());
            case AGENCY -> actor.role() == Role.SYSTEM;
            case CITIZEN, VENDOR -> actor.role() == Role.CITIZEN || actor.role() == Role.SYSTEM;
        };
    }

    private void requireNotRevoked(String rule) {
        if (revoked) {
            throw RuleViolation.conflict(rule, "document " + documentId + " is revoked");
        }
    }

    /** Documents are issued by an officer of the agency, or by the ledger itself (certificates of approved cases). */
    private static void requireIssuer(Actor actor, String agencyCode) {
        if (actor.role() != Role.SYSTEM && !actor.isOfficerOf(agencyCode)) {
            throw RuleViolation.forbidden("IssuerIsAnOfficerOfTheAgency", "only an officer of " + agencyCode + " acts on its documents");
        }
    }

    private DocumentResult result(boolean duplicate) {
        return new DocumentResult(documentId, sha256, status(), steps.isEmpty() || declined || currentStep >= steps.size() ? null : currentStep + 1,
                duplicate);
    }

    private String status() {
        if (revoked) {
            return "REVOKED";
        }
        if (steps.isEmpty()) {
            return "REGISTERED";
        }
        if (declined) {
            return "DECLINED";
        }
        return currentStep >= steps.size() ? "EXECUTED" : "AWAITING_SIGNATURES";
    }

    @EventSourcingHandler
    void on(DocumentRegistered event) {
        documentId = event.documentId();
        sha256 = event.sha256();
        kind = event.kind();
        issuingAgencyCode = event.issuingAgencyCode();
        recipients.addAll(event.recipients());
    }

    @EventSourcingHandler
    void on(DocumentDelivered event) {
        delivered.add(event.recipient().subject());
    }

    @EventSourcingHandler
    void on(DocumentRevoked event) {
        revoked = true;
    }

    @EventSourcingHandler
    void on(SignOffRequested event) {
        steps = List.copyOf(event.steps());
        currentStep = 0;
    }

    @EventSourcingHandler
    void on(DocumentSigned event) {
        signedInStep.add(event.signer().subject());
        Set<String> needed = new LinkedHashSet<>(steps.get(currentStep).signers().stream().map(Party::subject).toList());
        if (signedInStep.containsAll(needed)) {
            currentStep++;
            signedInStep.clear();
        }
    }

    @EventSourcingHandler
    void on(SignOffDeclined event) {
        declined = true;
    }
}
