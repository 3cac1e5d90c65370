package org.civicledger.projections.documents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.civicledger.projections.support.Jdbc;
import org.civicledger.projections.support.Page;
import org.civicledger.projections.support.PageRequest;
import org.civicledger.projections.slots.ReadModelSlots;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads of the documents read model: one document, the documents of a content hash, a party's documents, signers' keys. */
@Component
public class DocumentQueries {

    /** How many registrations of the same bytes a hash lookup answers with: the newest ones. */
    public static final int SAME_CONTENT_MAX = 20;

    private final JdbcTemplate jdbc;

    public DocumentQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Reads the active slot of each read model (a blue/green rebuild fills the other one, {@link ReadModelSlots}). */
    @Autowired
    public DocumentQueries(ReadModelSlots slots) {
        this(slots.reader());
    }

    public Optional<DocumentView> document(String documentId) {
        return jdbc.query("SELECT * FROM document_view WHERE document_id = ?", (rs, i) -> view(rs), documentId).stream().findFirst();
    }

    /** The documents registered with exactly these bytes (lower-case hex SHA-256), newest first. */
    public List<DocumentView> withContent(String sha256) {
        return jdbc.query("SELECT * FROM document_view WHERE sha256 = ? ORDER BY registered_at DESC, document_id LIMIT ?",
                (rs, i) -> view(rs), sha256, SAME_CONTENT_MAX);
    }

    /** The documents someone receives or signs, newest first. */
    public Page<DocumentView> ofParty(String subject, PageRequest page) {
        List<DocumentView> rows = jdbc.query("""
                        SELECT * FROM document_view WHERE document_id IN (
                            SELECT document_id FROM document_recipient WHERE subject = ?
                            UNION SELECT document_id FROM document_signer WHERE subject = ?)
                        ORDER BY registered_at DESC, document_id LIMIT ? OFFSET ?""",
                (rs, i) -> view(rs), subject, subject, page.fetchSize(), page.offset());
        return Page.of(rows, page);
    }

    /** The keys the document's signatures were made with. */
    public List<DocumentView.Key> keysOf(String documentId) {
        return jdbc.query("""
                        SELECT k.* FROM signing_key k JOIN document_signer s ON s.subject = k.signer_subject AND s.key_id = k.key_id
                        WHERE s.document_id = ? ORDER BY s.step_no, k.signer_subject""",
                (rs, i) -> new DocumentView.Key(rs.getString("signer_subject"), rs.getString("key_id"), rs.getString("party_role"),
                        rs.getString("agency_code"), rs.getString("algorithm"), rs.getString("public_key"), Jdbc.instant(rs, "registered_at"),
                        Jdbc.instant(rs, "retired_at"), Jdbc.instant(rs, "revoked_at")), documentId);
    }

    private DocumentView view(ResultSet rs) throws SQLException {
        String documentId = rs.getString("document_id");
        List<DocumentView.Recipient> recipients = jdbc.query(
                "SELECT * FROM document_recipient WHERE document_id = ? ORDER BY subject",
                (r, i) -> new DocumentView.Recipient(r.getString("subject"), r.getString("party_role"), r.getString("agency_code"),
                        Jdbc.instant(r, "delivered_at")), documentId);
        List<DocumentView.Signer> signers = jdbc.query(
                "SELECT * FROM document_signer WHERE document_id = ? ORDER BY step_no, subject",
                (r, i) -> new DocumentView.Signer(r.getInt("step_no"), r.getString("subject"), r.getString("party_role"),
                        r.getString("agency_code"), r.getString("key_id"), r.getString("algorithm"), r.getString("signature"),
                        Jdbc.instant(r, "signed_at"), Jdbc.instant(r, "declined_at"), r.getString("decline_reason")), documentId);
        return new DocumentView(documentId, rs.getString("sha256"), rs.getLong("size_bytes"), rs.getString("kind"), rs.getString("title"),
                rs.getString("agency_code"), Jdbc.date(rs, "expires_on"), rs.getString("status"), Jdbc.instant(rs, "registered_at"),
                Jdbc.instant(rs, "executed_at"), Jdbc.instant(rs, "revoked_at"), rs.getString("revoke_reason"), recipients, signers);
    }
}
