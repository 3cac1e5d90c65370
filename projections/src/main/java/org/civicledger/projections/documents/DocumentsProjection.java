package org.civicledger.projections.documents;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.civicledger.events.documents.DocumentEvent.DocumentDelivered;
import org.civicledger.events.documents.DocumentEvent.DocumentExecuted;
import org.civicledger.events.documents.DocumentEvent.DocumentRegistered;
import org.civicledger.events.documents.DocumentEvent.DocumentRevoked;
import org.civicledger.events.documents.DocumentEvent.DocumentSigned;
import org.civicledger.events.documents.DocumentEvent.SignOffDeclined;
import org.civicledger.events.documents.DocumentEvent.SignOffRequested;
import org.civicledger.events.documents.Party;
import org.civicledger.events.documents.SignOffStep;
import org.civicledger.events.documents.SigningKeyEvent.SigningKeyRegistered;
import org.civicledger.events.documents.SigningKeyEvent.SigningKeyRevoked;
import org.civicledger.events.documents.SigningKeyEvent.SigningKeyRotated;
import org.civicledger.projections.support.EventPositions;
import org.civicledger.projections.support.Jdbc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The documents read model: each document by id and by content hash ({@code document_view}), its recipients
 * ({@code document_recipient}) and signers with their verified signatures ({@code document_signer}), and the
 * signers' public keys ({@code signing_key}). Public verification and the offline bundle read it.
 *
 * <p>Runs in the processing group {@value #PROCESSING_GROUP}. Inserts check for their row first and updates set
 * values taken from the event, so a redelivered event changes nothing; an event for an unknown document throws
 * and is dead-lettered. Times are the events' own, so a rebuild gives the same rows. Accesses
 * ({@code DocumentAccessed}) are not kept here: they are in the event store and the audit trail.
 */
@Component
@ProcessingGroup(DocumentsProjection.PROCESSING_GROUP)
public class DocumentsProjection {

    public static final String PROCESSING_GROUP = "documents";

    private final JdbcTemplate jdbc;

    public DocumentsProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(DocumentRegistered event, EventMessage<?> message, TrackingToken token) {
        if (count("SELECT COUNT(*) FROM document_view WHERE document_id = ?", event.documentId()) > 0) {
            return;
        }
        jdbc.update("""
                INSERT INTO document_view (document_id, sha256, size_bytes, kind, title, agency_code, expires_on, status, registered_at,
                    last_position) VALUES (?, ?, ?, ?, ?, ?, ?, 'REGISTERED', ?, ?)""",
                event.documentId(), event.sha256(), event.sizeBytes(), event.kind().name(), event.title(), event.issuingAgencyCode(),
                event.expiresOn(), Jdbc.timestamp(event.registeredAt()), EventPositions.globalIndexOf(jdbc, message, token));
        for (Party recipient : event.recipients()) {
            jdbc.update("INSERT INTO document_recipient (document_id, subject, party_role, agency_code) VALUES (?, ?, ?, ?)",
                    event.documentId(), recipient.subject(), recipient.role().name(), recipient.agencyCode());
        }
    }

    @EventHandler
    public void on(DocumentDelivered event, EventMessage<?> message, TrackingToken token) {
        known(event.documentId());
        jdbc.update("UPDATE document_recipient SET delivered_at = ? WHERE document_id = ? AND subject = ?",
                Jdbc.timestamp(event.deliveredAt()), event.documentId(), event.recipient().subject());
    }

    @EventHandler
    public void on(SignOffRequested event, EventMessage<?> message, TrackingToken token) {
        known(event.documentId());
        if (count("SELECT COUNT(*) FROM document_signer WHERE document_id = ?", event.documentId()) > 0) {
            return;
        }
        int stepNumber = 0;
        for (SignOffStep step : event.steps()) {
            stepNumber++;
            for (Party signer : step.signers()) {
                jdbc.update("INSERT INTO document_signer (document_id, subject, step_no, party_role, agency_code) VALUES (?, ?, ?, ?, ?)",
                        event.documentId(), signer.subject(), stepNumber, signer.role().name(), signer.agencyCode());
            }
        }
        status(event.documentId(), "AWAITING_SIGNATURES", message, token);
    }

    @EventHandler
    public void on(DocumentSigned event, EventMessage<?> message, TrackingToken token) {
        known(event.documentId());
        jdbc.update("UPDATE document_signer SET key_id = ?, algorithm = ?, signature = ?, signed_at = ? WHERE document_id = ? AND subject = ?",
                event.keyId(), event.algorithm().name(), event.signature(), Jdbc.timestamp(event.signedAt()), event.documentId(),
                event.signer().subject());
    }

    @EventHandler
    public void on(SignOffDeclined event, EventMessage<?> message, TrackingToken token) {
        known(event.documentId());
        jdbc.update("UPDATE document_signer SET declined_at = ?, decline_reason = ? WHERE document_id = ? AND subject = ?",
                Jdbc.timestamp(event.declinedAt()), event.reason(), event.documentId(), event.signer().subject());
        status(event.documentId(), "DECLINED", message, token);
    }

    @EventHandler
    public void on(DocumentExecuted event, EventMessage<?> message, TrackingToken token) {
        known(event.documentId());
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        jdbc.update("UPDATE document_view SET status = 'EXECUTED', executed_at = ?, last_position = ? WHERE document_id = ? AND last_position < ?",
                Jdbc.timestamp(event.executedAt()), position, event.documentId(), position);
    }

    @EventHandler
    public void on(DocumentRevoked event, EventMessage<?> message, TrackingToken token) {
        known(event.documentId());
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        jdbc.update("UPDATE document_view SET revoked_at = ?, revoke_reason = ?, last_position = ? WHERE document_id = ? AND last_position < ?",
                Jdbc.timestamp(event.revokedAt()), event.reason(), position, event.documentId(), position);
    }

    @EventHandler
    public void on(SigningKeyRegistered event) {
        if (count("SELECT COUNT(*) FROM signing_key WHERE signer_subject = ? AND key_id = ?", event.signer().subject(), event.keyId()) > 0) {
            return;
        }
        jdbc.update("""
                INSERT INTO signing_key (signer_subject, key_id, party_role, agency_code, algorithm, public_key, registered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""",
                event.signer().subject(), event.keyId(), event.signer().role().name(), event.signer().agencyCode(), event.algorithm().name(),
                event.publicKey(), Jdbc.timestamp(event.registeredAt()));
    }

    @EventHandler
    public void on(SigningKeyRotated event) {
        jdbc.update("UPDATE signing_key SET retired_at = ? WHERE signer_subject = ? AND key_id = ?",
                Jdbc.timestamp(event.rotatedAt()), signerOf(event.keyringId()), event.retiredKeyId());
    }

    @EventHandler
    public void on(SigningKeyRevoked event) {
        jdbc.update("UPDATE signing_key SET revoked_at = ? WHERE signer_subject = ? AND key_id = ?",
                Jdbc.timestamp(event.revokedAt()), signerOf(event.keyringId()), event.keyId());
    }

    @ResetHandler
    public void reset() {
        jdbc.update("DELETE FROM document_signer");
        jdbc.update("DELETE FROM document_recipient");
        jdbc.update("DELETE FROM document_view");
        jdbc.update("DELETE FROM signing_key");
    }

    /** The keyring id is {@code signing-keys:<subject>} (DocumentCommands.keyringOf). */
    static String signerOf(String keyringId) {
        return keyringId.substring(keyringId.indexOf(':') + 1);
    }

    private void status(String documentId, String status, EventMessage<?> message, TrackingToken token) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        jdbc.update("UPDATE document_view SET status = ?, last_position = ? WHERE document_id = ? AND last_position < ?",
                status, position, documentId, position);
    }

    private void known(String documentId) {
        if (count("SELECT COUNT(*) FROM document_view WHERE document_id = ?", documentId) == 0) {
            throw new IllegalStateException("document " + documentId + " is not in the documents read model");
        }
    }

    private int count(String sql, Object... arguments) {
        Integer count = jdbc.queryForObject(sql, Integer.class, arguments);
        return count == null ? 0 : count;
    }
}
