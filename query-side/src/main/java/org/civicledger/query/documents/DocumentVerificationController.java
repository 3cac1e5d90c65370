package org.civicledger.query.documents;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import org.civicledger.projections.documents.DocumentQueries;
import org.civicledger.projections.documents.DocumentView;
import org.civicledger.query.http.InvalidRequestException;
import org.civicledger.query.http.ProblemTypes;
import org.civicledger.query.http.ProblemWriter;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.StreamUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Public verification of a document by its bytes or its hash, and the offline bundle of a document's signatures
 * and keys. The answer names the signers by role and agency only: no account subject, no title, nothing personal.
 *
 * <p>The ledger verified every signature before recording it (the aggregate refuses any other), so verification
 * here is a lookup by hash; the bundle lets anyone repeat the cryptography without the server
 * ({@code ledger document-verify}).
 */
@RestController
@Tag(name = "Documents and signatures")
public class DocumentVerificationController {

    private static final HexFormat HEX = HexFormat.of();
    public static final String BUNDLE_FORMAT = "civic-ledger-document-bundle/1";

    private final DocumentQueries documents;
    private final DocumentController access;
    private final Clock clock;
    private final ZoneId zone;

    public DocumentVerificationController(DocumentQueries documents, DocumentController access, ObjectProvider<Clock> clocks,
                                          @Value("${ledger.zone:Asia/Taipei}") String zone) {
        this.documents = documents;
        this.access = access;
        this.clock = clocks.getIfAvailable(Clock::systemUTC);
        this.zone = ZoneId.of(zone);
    }

    /** A signature as the public may see it: the signer's role and agency, the key and the time. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VerifiedSignature(int step, String role, String agencyCode, String keyId, String algorithm, Instant signedAt) {
    }

    /**
     * {@code verification}: {@code valid} (registered, not revoked, not expired), {@code revoked} or {@code expired}; unknown
     * bytes get a 404 problem with {@code verification: "unknown"}. {@code signOff} says how far its sign-off chain is.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Verification(String sha256, String verification, String documentId, String kind, String agencyCode, Instant registeredAt,
                               LocalDate expiresOn, Instant revokedAt, String signOff, Instant executedAt,
                               List<VerifiedSignature> signatures) {
    }

    /** Everything an offline check needs: the hash, the signatures and the public keys they were made with. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Bundle(String format, String documentId, String sha256, String kind, String agencyCode, Instant registeredAt,
                         LocalDate expiresOn, Instant revokedAt, String signOff, List<BundleSignature> signatures, List<BundleKey> keys) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BundleSignature(int step, String role, String agencyCode, String keyId, String algorithm, String signature, Instant signedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BundleKey(String keyId, String role, String agencyCode, String algorithm, String publicKey, Instant registeredAt,
                            Instant retiredAt, Instant revokedAt) {
    }

    // The body is taken as the document's raw bytes whatever its Content-Type says (application/octet-stream is usual).
    @PostMapping("/api/v1/documents/verify")
    @Operation(summary = "Verify a document by its bytes (request body) or by ?sha256=",
            description = "Public, no sign-in: valid (with signers' roles, agencies and times), revoked or expired; "
                    + "unknown bytes are answered 404 with verification \"unknown\"")
    public ResponseEntity<Object> verify(@RequestParam(required = false) String sha256, HttpServletRequest request) throws IOException {
        String hash;
        if (sha256 != null) {
            if (!sha256.matches("[0-9a-fA-F]{64}")) {
                throw new InvalidRequestException("sha256", "sha256 must be 64 hex digits");
            }
            hash = sha256.toLowerCase();
        } else {
            byte[] content = StreamUtils.copyToByteArray(request.getInputStream());
            if (content.length == 0) {
                throw new InvalidRequestException("body", "send the document's bytes as the body, or give ?sha256=");
            }
            hash = HEX.formatHex(sha256(content));
        }
        List<DocumentView> found = documents.withContent(hash);
        if (found.isEmpty()) {
            ProblemDetail unknown = ProblemWriter.problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Unknown document",
                    "no document registered with the ledger has these bytes", null);
            unknown.setProperty("verification", "unknown");
            unknown.setProperty("sha256", hash);
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(unknown);
        }
        DocumentView document = found.get(0);
        List<VerifiedSignature> signatures = document.signers().stream().filter(signer -> signer.signedAt() != null)
                .map(signer -> new VerifiedSignature(signer.step(), signer.role(), signer.agencyCode(), signer.keyId(), signer.algorithm(),
                        signer.signedAt())).toList();
        return ResponseEntity.ok(new Verification(hash, status(document), document.documentId(), document.kind(), document.agencyCode(), document.registeredAt(),
                document.expiresOn(), document.revokedAt(), document.status(), document.executedAt(), signatures));
    }

    @GetMapping("/api/v1/documents/{documentId}/bundle")
    @Operation(summary = "The offline verification bundle: hash, signatures and public keys (docs/documents.md)",
            description = "For the document's parties, officers of its agency and auditors; recorded as a view")
    public Bundle bundle(@PathVariable String documentId) {
        DocumentView document = access.view(documentId);
        List<BundleSignature> signatures = document.signers().stream().filter(signer -> signer.signedAt() != null)
                .map(signer -> new BundleSignature(signer.step(), signer.role(), signer.agencyCode(), signer.keyId(), signer.algorithm(),
                        signer.signature(), signer.signedAt())).toList();
        List<BundleKey> keys = documents.keysOf(documentId).stream().map(key -> new BundleKey(key.keyId(), key.role(), key.agencyCode(),
                key.algorithm(), key.publicKey(), key.registeredAt(), key.retiredAt(), key.revokedAt())).toList();
        if (keys.size() < signatures.size()) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the signers' keys are not yet in the read model; retry shortly");
        }
        return new Bundle(BUNDLE_FORMAT, documentId, document.sha256(), document.kind(), document.agencyCode(), document.registeredAt(),
                document.expiresOn(), document.revokedAt(), document.status(), signatures, keys);
    }

    private String status(DocumentView document) {
        if (document.revokedAt() != null) {
            return "revoked";
        }
        if (document.expiresOn() != null && document.expiresOn().isBefore(LocalDate.now(clock.withZone(zone)))) {
            return "expired";
        }
        return "valid";
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
