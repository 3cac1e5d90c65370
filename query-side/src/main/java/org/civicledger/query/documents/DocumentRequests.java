package org.civicledger.query.documents;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.civicledger.events.documents.Party;
import org.civicledger.events.documents.PartyRole;
import org.civicledger.events.documents.SignOffStep;
import org.civicledger.query.http.InvalidRequestException;
import org.civicledger.query.http.RequestText;
import org.civicledger.query.http.SingleLine;

/**
 * Bodies of the document and signing-key commands. Caps and patterns here keep hostile input out; the rules (who
 * issues, who signs when, which keys sign) are the aggregates', whose refusals come back naming the rule.
 */
public final class DocumentRequests {

    static final int REASON_LENGTH_MAX = 500;
    static final int TITLE_LENGTH_MAX = 200;
    static final String KEY_ID = "[0-9a-f]{32}";

    private DocumentRequests() {
    }

    /** A recipient or signer: an account subject and the capacity they act in (agency for officers). */
    public record PartyBody(
            @NotBlank @Size(max = 128) @Pattern(regexp = RequestText.CODE, message = RequestText.CODE_MESSAGE) String subject,
            @NotBlank @Pattern(regexp = "CITIZEN|VENDOR|OFFICER", message = "must be CITIZEN, VENDOR or OFFICER") String role,
            @Pattern(regexp = RequestText.CODE, message = RequestText.CODE_MESSAGE) String agencyCode) {

        Party toParty(String field) {
            try {
                return new Party(subject, PartyRole.valueOf(role), role.equals("OFFICER") ? agencyCode : null);
            } catch (IllegalArgumentException invalid) {
                throw new InvalidRequestException(field, invalid.getMessage());
            }
        }
    }

    /**
     * A document to register: its bytes as base64 (at most the configured content limit once decoded) and the SHA-256
     * the sender computed over them, so that bytes changed on the way are refused rather than registered.
     */
    public record RegisterDocumentBody(
            @NotBlank String contentBase64,
            @NotBlank @Pattern(regexp = "[0-9a-f]{64}", message = "must be the 64 lower-case hex digits of the content's SHA-256") String sha256,
            @NotBlank @Pattern(regexp = "CONTRACT|CERTIFICATE|NOTICE|INTERNAL_FORM",
                    message = "must be CONTRACT, CERTIFICATE, NOTICE or INTERNAL_FORM") String kind,
            @NotBlank @Size(max = TITLE_LENGTH_MAX) @SingleLine String title,
            @NotBlank @Pattern(regexp = RequestText.CODE, message = RequestText.CODE_MESSAGE) String agencyCode,
            @Size(max = 100) List<@NotNull @Valid PartyBody> recipients,
            LocalDate expiresOn,
            @Size(max = 10) List<@NotNull @Size(min = 1, max = 10) List<@NotNull @Valid PartyBody>> signOff) {

        /** The sign-off chain's steps, in order; none when the document is not to be signed. */
        List<SignOffStep> toSteps() {
            return signOff == null ? List.of()
                    : signOff.stream().map(step -> new SignOffStep(step.stream().map(party -> party.toParty("signOff")).toList())).toList();
        }

        /** The content is not worth repeating in logs or problems. */
        @Override
        public String toString() {
            return "RegisterDocumentBody[kind=" + kind + ", agencyCode=" + agencyCode + "]";
        }
    }

    /**
     * A signer's answer: a signature (base64) over the 32 bytes of the document's SHA-256 by the registered key
     * {@code keyId}; or {@code decline} with the reason, which ends the chain.
     */
    public record SignBody(
            @Pattern(regexp = KEY_ID, message = "must be the 32 lower-case hex digits of a registered key's id") String keyId,
            @Size(max = 256) @Pattern(regexp = "[A-Za-z0-9+/=]+", message = "must be base64") String signature,
            @Size(max = REASON_LENGTH_MAX) @SingleLine String decline) {
    }

    public record ReasonBody(@NotBlank @Size(max = REASON_LENGTH_MAX) @SingleLine String reason) {
    }

    /**
     * A public key, X.509 SubjectPublicKeyInfo DER as base64 or PEM. {@code signer} is for operators registering a
     * vendor's key; a citizen or officer registers for themselves and leaves it out. With {@code replacesKeyId} it is a
     * rotation: the new key is registered and the old one signs no more from now.
     */
    public record SigningKeyBody(
            @NotBlank @Size(max = 1024) String publicKey,
            @Valid PartyBody signer,
            @Pattern(regexp = KEY_ID, message = "must be the 32 lower-case hex digits of a registered key's id") String replacesKeyId) {
    }
}
