package org.civicledger.query.write;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.civicledger.events.cases.Applicant;
import org.civicledger.events.common.DocumentReference;
import org.civicledger.events.common.NationalId;
import org.civicledger.query.http.InvalidRequestException;
import org.civicledger.query.http.RequestText;
import org.civicledger.query.http.SingleLine;

/**
 * Bodies of the case commands. Every string and list has a cap, so that no request grows the ledger
 * beyond what the domain allows; codes and identifiers have a pattern; every text but the free texts
 * (reasons, notices) is one line. Strings arrive here already checked for characters the ledger does not
 * take and normalised to NFC ({@link org.civicledger.query.http.RequestText}), so the caps count what is
 * stored. The rules themselves (which documents a case type needs, who may decide) are the ledger's, and
 * their refusals come back as 422, 403 or 409.
 */
public final class CaseRequests {

    static final int CODE_LENGTH_MAX = 64;
    static final int REASON_LENGTH_MAX = 2_000;
    static final int DOCUMENTS_MAX = 50;
    static final int SUBJECT_LENGTH_MAX = 128;
    static final int PHONE_LENGTH_MAX = 16;
    static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";
    static final String PHONE = "\\+?[0-9]{8,15}";
    /** No whitespace or control characters; what scheme and form a document URI takes is the ledger's concern. */
    static final String URI = "[^\\s\\p{Cc}]+";

    private CaseRequests() {
    }

    public record SubmitCase(
            @NotBlank @Pattern(regexp = RequestText.CODE, message = RequestText.CODE_MESSAGE) String caseTypeCode,
            @NotNull @Valid ApplicantBody applicant,
            @Size(max = DOCUMENTS_MAX) List<@NotNull @Valid DocumentBody> documents) {

        List<DocumentReference> documentReferences() {
            return CaseRequests.documentReferences("documents", documents);
        }
    }

    public record ApplicantBody(
            @Size(max = SUBJECT_LENGTH_MAX) @Pattern(regexp = RequestText.PRINTABLE_ASCII, message = "must be printable ASCII")
            String citizenSubject,
            @NotNull @ValidNationalId String nationalId,
            @NotBlank @Size(max = Applicant.NAME_LENGTH_MAX) @SingleLine String name,
            @Size(max = Applicant.EMAIL_LENGTH_MAX) @Pattern(regexp = EMAIL, message = "must be an e-mail address") String email,
            @Size(max = PHONE_LENGTH_MAX) @Pattern(regexp = PHONE, message = "must be 8 to 15 digits, optionally after +") String phone) {

        /** Personal data: never in logs or problems. */
        @Override
        public String toString() {
            return "ApplicantBody[]";
        }

        Applicant toApplicant() {
            if (email == null && phone == null) {
                throw new InvalidRequestException("applicant.email", "the applicant needs an e-mail address or a phone number for notices");
            }
            try {
                return new Applicant(citizenSubject, new NationalId(nationalId), name, email, phone);
            } catch (IllegalArgumentException invalid) {
                // The field checks above mirror the record's; this names the applicant if they ever drift apart.
                throw new InvalidRequestException("applicant", invalid.getMessage());
            }
        }
    }

    public record DocumentBody(
            @NotBlank @Size(max = DocumentReference.KIND_LENGTH_MAX) @Pattern(regexp = RequestText.CODE, message = RequestText.CODE_MESSAGE)
            String kind,
            @NotBlank @Size(max = DocumentReference.URI_LENGTH_MAX) @Pattern(regexp = URI, message = "must be a URI without spaces")
            String uri) {
    }

    public record RequestSupplementBody(
            @NotBlank @Size(max = REASON_LENGTH_MAX) String reason,
            @Size(max = DOCUMENTS_MAX)
            List<@NotBlank @Pattern(regexp = RequestText.CODE, message = RequestText.CODE_MESSAGE) String> requestedDocuments) {
    }

    public record ProvideSupplementBody(@NotNull @Size(max = DOCUMENTS_MAX) List<@NotNull @Valid DocumentBody> documents) {

        List<DocumentReference> documentReferences() {
            return CaseRequests.documentReferences("documents", documents);
        }
    }

    public record ExtendDeadlineBody(
            @NotNull @Min(1) @Max(365) Integer extraWorkingDays,
            @NotBlank @Size(max = REASON_LENGTH_MAX) String notice) {
    }

    /** The body of approve, reject, withdraw and close: why. */
    public record ReasonBody(@NotBlank @Size(max = REASON_LENGTH_MAX) String reason) {
    }

    public record TransferBody(
            @NotBlank @Pattern(regexp = RequestText.CODE, message = RequestText.CODE_MESSAGE) String toAgencyCode,
            @NotBlank @Size(max = REASON_LENGTH_MAX) String reason) {
    }

    static List<DocumentReference> documentReferences(String field, List<DocumentBody> documents) {
        List<DocumentReference> references = new ArrayList<>();
        if (documents == null) {
            return references;
        }
        for (int i = 0; i < documents.size(); i++) {
            DocumentBody document = documents.get(i);
            try {
                references.add(new DocumentReference(document.kind(), document.uri()));
            } catch (IllegalArgumentException invalid) {
                throw new InvalidRequestException(field + "[" + i + "]", invalid.getMessage());
            }
        }
        return references;
    }
}
