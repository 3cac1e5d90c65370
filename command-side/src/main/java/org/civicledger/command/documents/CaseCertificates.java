package org.civicledger.command.documents;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.civicledger.command.documents.SigningKeyring.KeyResult;
import org.civicledger.command.reference.ReferenceCatalog;
import org.civicledger.command.reference.ReferenceCatalog.CaseTypeTerms;
import org.civicledger.events.cases.CaseEvent.ApplicationSubmitted;
import org.civicledger.events.cases.CaseEvent.CaseApproved;
import org.civicledger.events.common.Actor;
import org.civicledger.events.documents.DocumentCommands.RegisterAgencySigningKey;
import org.civicledger.events.documents.DocumentCommands.RegisterDocument;
import org.civicledger.events.documents.DocumentCommands.SignDocument;
import org.civicledger.events.documents.DocumentKind;
import org.civicledger.events.documents.Party;
import org.civicledger.events.documents.PartyRole;
import org.civicledger.events.documents.SignOffStep;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Certificates of approved cases: when a case whose type issues a certificate is approved, the
 * ledger registers the certificate document (id {@link #certificateIdOf} the case id), signs it with the agency's
 * current key ({@link AgencySigningKeys}: the highest version its keyring holds, registered there on first use; an
 * operator's rotation moves it to the next) and delivers it to the applicant.
 *
 * <p>A subscribing processor ({@value #PROCESSING_GROUP}), like {@code CaseFees}: the certificate is issued in the
 * transaction that approves the case, so no approved case of such a type is ever without its certificate. Only live
 * events reach it (a subscribing processor does not replay) and a case is approved once, so each case gets one
 * certificate; its id is derived from the case id, so an attempt to issue it twice would collide on the id.
 *
 * <p>Whether a case type issues a certificate is a property of the case type ({@code issuesCertificate} of its
 * registration and revisions, read from the {@link ReferenceCatalog} as the terms of the submission); it is decided when
 * the application is submitted, so a case keeps the terms it was submitted under. Case types stored before that
 * property existed issue one when their code ends in {@code -CERTIFICATE}, as they did then (the events' upcaster).
 */
@Component
@ProcessingGroup(CaseCertificates.PROCESSING_GROUP)
public class CaseCertificates {

    public static final String PROCESSING_GROUP = "case-certificates";

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final AgencySigningKeys agencyKeys;
    private final ReferenceCatalog catalog;

    public CaseCertificates(CommandGateway commands, JdbcTemplate jdbc, AgencySigningKeys agencyKeys, ReferenceCatalog catalog) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.agencyKeys = agencyKeys;
        this.catalog = catalog;
    }

    /** {@code certificate-<case id>}, or a name-based UUID of it when that would be longer than an id may be. */
    public static String certificateIdOf(String caseId) {
        String readable = "certificate-" + caseId;
        return readable.length() <= 64 ? readable : "certificate-" + UUID.nameUUIDFromBytes(caseId.getBytes(StandardCharsets.UTF_8));
    }

    @EventHandler
    public void on(ApplicationSubmitted event) {
        if (!catalog.caseType(event.caseTypeCode()).map(CaseTypeTerms::issuesCertificate).orElse(false)) {
            return;
        }
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM cmd_case_certificate WHERE case_id = ?", Integer.class, event.caseId());
        if (known != null && known > 0) {
            return;
        }
        String subject = event.applicant() == null ? null : event.applicant().citizenSubject();
        jdbc.update("INSERT INTO cmd_case_certificate (case_id, case_type_code, agency_code, citizen_subject) VALUES (?, ?, ?, ?)",
                event.caseId(), event.caseTypeCode(), event.agencyCode(), subject);
    }

    @EventHandler
    public void on(CaseApproved event) {
        List<Noted> noted = jdbc.query("SELECT case_type_code, agency_code, citizen_subject FROM cmd_case_certificate WHERE case_id = ?",
                (row, index) -> new Noted(row.getString(1), row.getString(2), row.getString(3)), event.caseId());
        if (noted.isEmpty()) {
            return;
        }
        Noted certificate = noted.get(0);
        String agency = certificate.agencyCode();
        Party signer = AgencySigningKeys.partyOf(agency);
        // The agency signs as itself: the ledger acting under the agency's subject.
        Actor actor = Actor.system(signer.subject());
        String documentId = certificateIdOf(event.caseId());
        // The agency's current key, registered on its keyring the first time; afterwards answered as a repeat.
        KeyResult key = commands.sendAndWait(RegisterAgencySigningKey.of(agency, documentId + "/agency-key", actor));
        byte[] content = content(documentId, event, certificate);
        List<Party> recipients = certificate.citizenSubject() == null ? List.of()
                : List.of(new Party(certificate.citizenSubject(), PartyRole.CITIZEN, null));
        commands.sendAndWait(new RegisterDocument(documentId, content, DocumentKind.CERTIFICATE, "Certificate of case " + event.caseId(),
                agency, recipients, null, List.of(new SignOffStep(List.of(signer))), documentId + "/register", actor));
        commands.sendAndWait(new SignDocument(documentId, key.keyId(), agencyKeys.sign(agency, key.keyId(), Signatures.sha256(content)),
                documentId + "/sign", actor));
        // Executed by the agency's signature, the certificate is delivered to the applicant in the same append.
    }

    /**
     * The certificate's bytes: plain UTF-8 text made only of the case's facts, so the same case always gives the same
     * bytes. No name or national ID: the bytes are kept as they are and are not erased with the applicant's key.
     */
    static byte[] content(String documentId, CaseApproved event, Noted certificate) {
        String text = """
                CIVIC LEDGER CERTIFICATE
                Certificate: %s
                Case: %s
                Case type: %s
                Issued by: %s
                Holder account: %s
                Approved on: %s
                Decision: %s
                Check it: POST these exact bytes to /api/v1/documents/verify, or run ledger document-verify with its bundle.
                """.formatted(documentId, event.caseId(), certificate.caseTypeCode(), certificate.agencyCode(),
                certificate.citizenSubject() == null ? "(none)" : certificate.citizenSubject(), event.decidedOn(), event.reason());
        return text.getBytes(StandardCharsets.UTF_8);
    }

    record Noted(String caseTypeCode, String agencyCode, String citizenSubject) {
    }
}
