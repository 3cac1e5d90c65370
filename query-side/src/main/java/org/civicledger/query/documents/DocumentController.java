package org.civicledger.query.documents;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.LedgerCommand;
import org.civicledger.events.common.Role;
import org.civicledger.events.common.RuleViolation;
import org.civicledger.events.documents.AccessKind;
import org.civicledger.events.documents.DocumentCommands;
import org.civicledger.events.documents.DocumentCommands.DeclineSignOff;
import org.civicledger.events.documents.DocumentCommands.RecordDocumentAccess;
import org.civicledger.events.documents.DocumentCommands.RegisterDocument;
import org.civicledger.events.documents.DocumentCommands.RegisterSigningKey;
import org.civicledger.events.documents.DocumentCommands.RevokeDocument;
import org.civicledger.events.documents.DocumentCommands.RevokeSigningKey;
import org.civicledger.events.documents.DocumentCommands.RotateAgencySigningKey;
import org.civicledger.events.documents.DocumentCommands.RotateSigningKey;
import org.civicledger.events.documents.DocumentCommands.SignDocument;
import org.civicledger.events.documents.DocumentKind;
import org.civicledger.events.documents.Party;
import org.civicledger.events.documents.PartyRole;
import org.civicledger.projections.documents.DocumentQueries;
import org.civicledger.projections.documents.DocumentView;
import org.civicledger.projections.support.Page;
import org.civicledger.query.documents.DocumentRequests.ReasonBody;
import org.civicledger.query.documents.DocumentRequests.RegisterDocumentBody;
import org.civicledger.query.documents.DocumentRequests.SignBody;
import org.civicledger.query.documents.DocumentRequests.SigningKeyBody;
import org.civicledger.query.http.InvalidRequestException;
import org.civicledger.query.http.RequestBodyLimitFilter;
import org.civicledger.query.http.RequestText;
import org.civicledger.query.read.ReadRequests;
import org.civicledger.query.security.LedgerAuthentication;
import org.civicledger.query.security.ReadAccess;
import org.civicledger.query.write.CommandContext;
import org.civicledger.query.write.CommandSender;
import org.civicledger.query.write.CommandSender.Sent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Documents and signatures over HTTP: an officer registers a document with its content and, if it is to be signed, its
 * sign-off steps, and revokes it; signers sign (the ledger verifies each signature before accepting it) or decline;
 * the document is delivered to its recipients when registered, or when executed if it is signed;
 * parties view and download it, each look recorded as an event; signers keep their public keys.
 *
 * <p>Document ids are made by the server from the actor and the Idempotency-Key (name-based UUIDs), as for bills:
 * a retried registration targets the same document and is refused as a repeat instead of registering twice.
 */
@RestController
@Tag(name = "Documents and signatures", description = "Register, sign off, deliver, revoke and read documents; keep signing keys")
public class DocumentController {

    private static final CommandSender.Target DOCUMENT = new CommandSender.Target("document", "documentId", "DocumentIsKnown");
    private static final CommandSender.Target KEYRING = new CommandSender.Target("signer", "subject", "SignerIsKnown");

    private final CommandSender sender;
    private final ObjectMapper objectMapper;
    private final DocumentQueries documents;
    private final JdbcTemplate jdbc;
    private final int contentLimitBytes;

    public DocumentController(CommandSender sender, ObjectMapper objectMapper, DocumentQueries documents, JdbcTemplate jdbc,
                              @Value("${ledger.documents.content-limit-bytes:" + RequestBodyLimitFilter.DEFAULT_DOCUMENT_LIMIT_BYTES + "}")
                              int contentLimitBytes) {
        this.sender = sender;
        this.objectMapper = objectMapper;
        this.documents = documents;
        this.jdbc = jdbc;
        this.contentLimitBytes = contentLimitBytes;
    }

    /** What a document command answers: the document's hash and state afterwards, and the position of its last event. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DocumentAnswer(String documentId, String sha256, String status, Integer currentStep, Boolean duplicate, Long position) {
    }

    /** What a key command answers: the key's id (derived from the key) and algorithm. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeyAnswer(String subject, String keyId, String algorithm, Boolean duplicate, Long position) {
    }

    @PostMapping("/api/v1/documents")
    @Operation(summary = "Register a document with its content (base64)",
            description = "By an officer of the issuing agency; the ledger hashes (SHA-256) and stores the bytes; answers 201 with the id")
    public ResponseEntity<DocumentAnswer> register(@Valid @RequestBody RegisterDocumentBody body, @Parameter(hidden = true) CommandContext context) {
        byte[] content;
        try {
            content = Base64.getDecoder().decode(body.contentBase64());
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidRequestException("contentBase64", "must be base64 (standard alphabet)");
        }
        if (content.length == 0 || content.length > contentLimitBytes) {
            throw new InvalidRequestException("contentBase64", "the content must be 1 to " + contentLimitBytes + " bytes");
        }
        if (!java.security.MessageDigest.isEqual(sha256(content), java.util.HexFormat.of().parseHex(body.sha256()))) {
            throw new InvalidRequestException("contentBase64", "the content's SHA-256 is not the sha256 given: the bytes changed on the way");
        }
        List<Party> recipients = body.recipients() == null ? List.of()
                : body.recipients().stream().map(party -> party.toParty("recipients")).toList();
        String documentId = derivedId("document", context);
        RegisterDocument command = new RegisterDocument(documentId, content, DocumentKind.valueOf(body.kind()), body.title(), body.agencyCode(),
                recipients, body.expiresOn(), body.toSteps(), context.commandId(), context.actor());
        return ResponseEntity.created(URI.create("/api/v1/documents/" + documentId)).body(document(documentId, command, context));
    }

    @PostMapping("/api/v1/documents/{documentId}/signatures")
    @Operation(summary = "Sign the document, or decline with a reason", description = "By a signer of the step now open, with a "
            + "registered key; the signature is over the 32 bytes of the document's SHA-256 (docs/documents.md) and is verified before "
            + "it is accepted. {decline: reason} instead ends the chain")
    public DocumentAnswer sign(@PathVariable String documentId, @Valid @RequestBody SignBody body, @Parameter(hidden = true) CommandContext context) {
        id("documentId", documentId);
        if (body.decline() != null) {
            if (body.keyId() != null || body.signature() != null) {
                throw new InvalidRequestException("decline", "a signer either signs (keyId, signature) or declines, not both");
            }
            if (body.decline().isBlank()) {
                throw new InvalidRequestException("decline", "a decline gives its reason");
            }
            return document(documentId, new DeclineSignOff(documentId, body.decline(), context.commandId(), context.actor()), context);
        }
        if (body.keyId() == null) {
            throw new InvalidRequestException("keyId", "keyId is required to sign (or give decline with a reason)");
        }
        if (body.signature() == null) {
            throw new InvalidRequestException("signature", "signature is required to sign (or give decline with a reason)");
        }
        return document(documentId, new SignDocument(documentId, body.keyId(), body.signature(), context.commandId(), context.actor()), context);
    }

    @PostMapping("/api/v1/documents/{documentId}/revoke")
    @Operation(summary = "Revoke the document, with the reason", description = "By an officer of the issuing agency")
    public DocumentAnswer revoke(@PathVariable String documentId, @Valid @RequestBody ReasonBody body,
                                 @Parameter(hidden = true) CommandContext context) {
        return document(id("documentId", documentId), new RevokeDocument(documentId, body.reason(), context.commandId(), context.actor()),
                context);
    }

    @GetMapping("/api/v1/documents/{documentId}")
    @Operation(summary = "One document, its recipients and signatures", description = "Its parties, officers of its agency, auditors; "
            + "the view is recorded as an event")
    public DocumentView view(@PathVariable String documentId) {
        recordAccess(id("documentId", documentId), AccessKind.VIEW);
        return documents.document(documentId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "document " + documentId + " is not yet in the read model"));
    }

    @GetMapping("/api/v1/documents/{documentId}/content")
    @Operation(summary = "Download the document's bytes", description = "As for the view; the download is recorded as an event")
    public ResponseEntity<byte[]> content(@PathVariable String documentId) {
        String sha256 = recordAccess(id("documentId", documentId), AccessKind.DOWNLOAD);
        byte[] content = jdbc.query("SELECT content FROM document_content WHERE sha256 = ?", (row, index) -> row.getBytes(1), sha256)
                .stream().findFirst().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no content for " + documentId));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header("Content-Disposition", "attachment; filename=\"" + documentId + "\"")
                .header("X-Content-SHA256", sha256).body(content);
    }

    @GetMapping("/api/v1/citizens/{subject}/documents")
    @Operation(summary = "The documents a citizen receives or signs, newest first")
    public Page<DocumentView> ofCitizen(@PathVariable String subject, @RequestParam(required = false) Integer page,
                                        @RequestParam(required = false) Integer size) {
        ReadAccess.requireCitizenReadable(subject);
        return documents.ofParty(subject, ReadRequests.page(page, size));
    }

    @PostMapping("/api/v1/signing-keys")
    @Operation(summary = "Register a public signing key (Ed25519 or ECDSA P-256), or rotate one (replacesKeyId)",
            description = "A citizen or officer for themselves; an operator for a vendor representative (give signer)")
    public ResponseEntity<KeyAnswer> registerKey(@Valid @RequestBody SigningKeyBody body, @Parameter(hidden = true) CommandContext context) {
        Actor actor = context.actor();
        Party signer;
        if (body.signer() != null) {
            signer = body.signer().toParty("signer");
        } else if (actor.role() == Role.CITIZEN) {
            signer = new Party(actor.subject(), PartyRole.CITIZEN, null);
        } else if (actor.role() == Role.OFFICER) {
            signer = new Party(actor.subject(), PartyRole.OFFICER, actor.agencyCode());
        } else {
            throw new InvalidRequestException("signer", "an operator names the signer whose key this is");
        }
        String keyringId = DocumentCommands.keyringOf(signer.subject());
        LedgerCommand command = body.replacesKeyId() == null
                ? new RegisterSigningKey(keyringId, signer, body.publicKey(), context.commandId(), actor)
                : new RotateSigningKey(keyringId, body.replacesKeyId(), body.publicKey(), context.commandId(), actor);
        KeyAnswer answer = key(signer.subject(), keyringId, command, context);
        return ResponseEntity.created(URI.create("/api/v1/signing-keys/" + signer.subject() + "/keys/" + answer.keyId())).body(answer);
    }

    @PostMapping("/api/v1/signing-keys/{subject}/keys/{keyId}/revoke")
    @Operation(summary = "Revoke a key, with the reason", description = "Its later signatures are refused; earlier ones stay valid")
    public KeyAnswer revokeKey(@PathVariable String subject, @PathVariable String keyId, @Valid @RequestBody ReasonBody body,
                               @Parameter(hidden = true) CommandContext context) {
        String keyringId = DocumentCommands.keyringOf(id("subject", subject));
        if (!keyId.matches(DocumentRequests.KEY_ID)) {
            throw new InvalidRequestException("keyId", "keyId must be the 32 lower-case hex digits of a registered key's id");
        }
        return key(subject, keyringId, new RevokeSigningKey(keyringId, keyId, body.reason(), context.commandId(), context.actor()), context);
    }

    @PostMapping("/api/v1/signing-keys/agencies/{agencyCode}/rotations")
    @Operation(summary = "Rotate an agency's certificate signing key", description = "By an operator: the ledger derives the next "
            + "version of the agency's key from its master key, registers it and retires the current one; certificates signed "
            + "before stay valid (docs/documents.md, Agency keys). No body")
    public ResponseEntity<KeyAnswer> rotateAgencyKey(@PathVariable String agencyCode, @Parameter(hidden = true) CommandContext context) {
        RotateAgencySigningKey command = RotateAgencySigningKey.of(id("agencyCode", agencyCode), context.commandId(), context.actor());
        String subject = DocumentCommands.agencySignerOf(agencyCode);
        KeyAnswer answer = key(subject, command.keyringId(), command, context);
        return ResponseEntity.created(URI.create("/api/v1/signing-keys/" + subject + "/keys/" + answer.keyId())).body(answer);
    }

    /** Records a view or download as the signed-in actor and answers the document's hash; refusals as the aggregate decides. */
    private String recordAccess(String documentId, AccessKind access) {
        Actor actor = LedgerAuthentication.current().orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN,
                "this needs a signed-in citizen, officer or auditor"));
        // Each look is its own event: a fresh id, not a client's key (a GET carries none and is never deduplicated).
        CommandContext context = new CommandContext(actor, "api", "access-" + UUID.randomUUID());
        try {
            Sent sent = sender.send(new RecordDocumentAccess(documentId, access, context.commandId(), actor), context, documentId, DOCUMENT);
            return objectMapper.convertValue(sent.result(), Result.class).sha256();
        } catch (RuleViolation violation) {
            // A citizen asking for a document not theirs is told what an unknown id gets, as for payments.
            if (violation.kind() == RuleViolation.Kind.FORBIDDEN && actor.role() == Role.CITIZEN) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, "document " + documentId + " is not known");
            }
            throw violation;
        }
    }

    private DocumentAnswer document(String documentId, LedgerCommand command, CommandContext context) {
        Sent sent = sender.send(command, context, documentId, DOCUMENT);
        Result result = sent.result() == null ? new Result(null, null, null, false) : objectMapper.convertValue(sent.result(), Result.class);
        return new DocumentAnswer(documentId, result.sha256(), result.status(), result.currentStep(), result.duplicate() ? true : null,
                sent.position());
    }

    private KeyAnswer key(String subject, String keyringId, LedgerCommand command, CommandContext context) {
        Sent sent = sender.send(command, context, keyringId, KEYRING);
        KeyResult result = objectMapper.convertValue(sent.result(), KeyResult.class);
        return new KeyAnswer(subject, result.keyId(), result.algorithm(), result.duplicate() ? true : null, sent.position());
    }

    private static byte[] sha256(byte[] content) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(content);
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String derivedId(String kind, CommandContext context) {
        return UUID.nameUUIDFromBytes((kind + "\n" + context.actor().subject() + "\n" + context.commandId())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String id(String field, String value) {
        if (!value.matches(RequestText.CODE)) {
            throw new InvalidRequestException(field, field + " " + RequestText.CODE_MESSAGE);
        }
        return value;
    }

    /** The command side's answers, read by property name: the query side does not depend on the command side's classes. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Result(String sha256, String status, Integer currentStep, boolean duplicate) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record KeyResult(String keyId, String algorithm, boolean duplicate) {
    }
}
