package org.civicledger.projections.receipts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.civicledger.events.receipts.ReceiptEvent.ReceiptAttributed;
import org.civicledger.events.receipts.ReceiptEvent.ReceiptIssued;
import org.civicledger.events.receipts.ReceiptEvent.ReceiptVoided;
import org.civicledger.projections.support.EventPositions;
import org.civicledger.projections.support.Jdbc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The receipts read model: each receipt ({@code receipt}) with its status, and what happened to it
 * ({@code receipt_history}). Serves the citizen's receipts, one receipt, the public verification and the receipt book.
 *
 * <p>Runs in the processing group {@value #PROCESSING_GROUP}. Rows name the payer by citizen account only. Updates are
 * guarded by the row's last position and history rows keyed by the event's position, so a redelivery changes nothing;
 * an event for a receipt this read model does not know throws, so it is dead-lettered.
 */
@Component
@ProcessingGroup(ReceiptsProjection.PROCESSING_GROUP)
public class ReceiptsProjection {

    public static final String PROCESSING_GROUP = "receipts";

    private final JdbcTemplate jdbc;

    public ReceiptsProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(ReceiptIssued event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM receipt WHERE receipt_id = ?", Integer.class, event.receiptId());
        if (known != null && known > 0) {
            return;
        }
        jdbc.update("""
                INSERT INTO receipt (receipt_id, agency_code, receipt_year, sequence_no, number_text, status, fee_class_code, amount_minor,
                    currency, payment_reference, bill_id, citizen_subject, code_sha256, issued_at, issued_on, reissue_of,
                    issued_position, last_position)
                VALUES (?, ?, ?, ?, ?, 'ISSUED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.receiptId(), event.agencyCode(), event.number().year(), event.number().sequence(), event.number().text(),
                event.feeClassCode(), event.amount().amountMinor(), event.amount().currency(), event.paymentReference(), event.billId(),
                event.citizenSubject(), sha256(event.verificationCode()), Jdbc.timestamp(event.issuedAt()), event.issuedOn(),
                event.reissueOf(), position, position);
        history(event.receiptId(), position, "ReceiptIssued", event.issuedAt(), "receipt " + event.number().text() + " issued for "
                + event.amount().amountMinor() + " " + event.amount().currency() + " (" + event.feeClassCode() + ")"
                + (event.reissueOf() == null ? "" : ", replacing " + event.reissueOf()));
    }

    @EventHandler
    public void on(ReceiptVoided event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        applied(event.receiptId(), jdbc.update("UPDATE receipt SET status = 'VOIDED', voided_at = ?, void_reason = ?, reissued_as = ?, "
                        + "last_position = ? WHERE receipt_id = ? AND last_position < ?",
                Jdbc.timestamp(event.voidedAt()), event.reason(), event.reissuedAs(), position, event.receiptId(), position));
        history(event.receiptId(), position, "ReceiptVoided", event.voidedAt(), "receipt " + event.number().text() + " voided: "
                + event.reason() + (event.reissuedAs() == null ? "" : "; reissued as " + event.reissuedAs()));
    }

    @EventHandler
    public void on(ReceiptAttributed event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        applied(event.receiptId(), jdbc.update("UPDATE receipt SET citizen_subject = ?, last_position = ? "
                + "WHERE receipt_id = ? AND last_position < ?", event.citizenSubject(), position, event.receiptId(), position));
        history(event.receiptId(), position, "ReceiptAttributed", event.attributedAt(),
                "attributed to the citizen's account when it was enrolled");
    }

    @ResetHandler
    public void reset() {
        jdbc.update("DELETE FROM receipt_history");
        jdbc.update("DELETE FROM receipt");
    }

    private void history(String receiptId, long position, String kind, Instant occurredAt, String summary) {
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM receipt_history WHERE receipt_id = ? AND position = ?", Integer.class,
                receiptId, position);
        if (known == null || known == 0) {
            jdbc.update("INSERT INTO receipt_history (receipt_id, position, kind, occurred_at, summary) VALUES (?, ?, ?, ?, ?)",
                    receiptId, position, kind, Jdbc.timestamp(occurredAt), summary.length() > 1000 ? summary.substring(0, 1000) : summary);
        }
    }

    /** An update that found no row: either the receipt is unknown (an error) or the event was applied already (a redelivery). */
    private void applied(String receiptId, int updated) {
        if (updated == 0) {
            Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM receipt WHERE receipt_id = ?", Integer.class, receiptId);
            if (known == null || known == 0) {
                throw new IllegalStateException("receipt " + receiptId + " is not in the receipts read model");
            }
        }
    }

    /** The SHA-256 of a verification code, in lowercase hex: what the public check compares. */
    public static String sha256(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
