package org.civicledger.projections.citizenpayments;

import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.civicledger.events.common.Money;
import org.civicledger.events.payments.BillEvent.BillAmended;
import org.civicledger.events.payments.BillEvent.BillCancelled;
import org.civicledger.events.payments.BillEvent.BillFellOverdue;
import org.civicledger.events.payments.BillEvent.BillIssued;
import org.civicledger.events.payments.BillEvent.BillPaid;
import org.civicledger.events.payments.BillShare;
import org.civicledger.events.payments.BillStatus;
import org.civicledger.events.payments.PaymentEvent.ChargebackRecorded;
import org.civicledger.events.payments.PaymentEvent.OverpaymentRecorded;
import org.civicledger.events.payments.PaymentEvent.PaymentAmountMismatched;
import org.civicledger.events.payments.PaymentEvent.PaymentAuthorized;
import org.civicledger.events.payments.PaymentEvent.PaymentExpired;
import org.civicledger.events.payments.PaymentEvent.PaymentFailed;
import org.civicledger.events.payments.PaymentEvent.PaymentInitiated;
import org.civicledger.events.payments.PaymentEvent.PaymentRefunded;
import org.civicledger.events.payments.PaymentEvent.PaymentSucceeded;
import org.civicledger.events.payments.PaymentStatus;
import org.civicledger.projections.support.EventPositions;
import org.civicledger.projections.support.Jdbc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The citizen-payments read model: each citizen's bills ({@code citizen_bill}) and payments
 * ({@code citizen_payment}, {@code citizen_payment_bill}), with refunds, chargebacks and overpayments.
 *
 * <p>Runs in the processing group {@value #PROCESSING_GROUP}. Rows name the payer by citizen account only;
 * the payer's national ID and name (sealed personal data) are never stored. Every update is guarded by the
 * row's last position, so a redelivered event changes nothing (amounts that add up would otherwise add
 * twice); an event for a bill or payment this read model does not know throws, so it is dead-lettered. Events of one bill or payment arrive in their stream's order, so the status is simply the last
 * one recorded.
 */
@Component
@ProcessingGroup(CitizenPaymentsProjection.PROCESSING_GROUP)
public class CitizenPaymentsProjection {

    public static final String PROCESSING_GROUP = "citizen-payments";

    private final JdbcTemplate jdbc;

    public CitizenPaymentsProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(BillIssued event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM citizen_bill WHERE bill_id = ?", Integer.class, event.billId());
        if (known != null && known > 0) {
            return;
        }
        jdbc.update("""
                INSERT INTO citizen_bill (bill_id, citizen_subject, agency_code, fee_class_code, reference_kind, reference_id,
                    amount_minor, currency, due_on, status, issued_on, last_position, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.billId(), event.payer() == null ? null : event.payer().citizenSubject(), event.agencyCode(), event.feeClassCode(),
                event.reference().kind().name(), event.reference().id(), event.amount().amountMinor(), event.amount().currency(),
                event.dueOn(), BillStatus.OPEN.name(), event.issuedOn(), position, Jdbc.timestamp(recordedAt));
    }

    @EventHandler
    public void on(BillAmended event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        // A due date still ahead makes an overdue bill current again, as the bill itself decides.
        boolean current = !event.dueOn().isBefore(event.amendedOn());
        applied("citizen_bill", "bill_id", event.billId(), jdbc.update("UPDATE citizen_bill SET amount_minor = ?, currency = ?, due_on = ?, "
                        + "status = CASE WHEN status = 'OVERDUE' AND ? THEN 'OPEN' ELSE status END, last_position = ?, updated_at = ? "
                        + "WHERE bill_id = ? AND last_position < ?",
                event.amount().amountMinor(), event.amount().currency(), event.dueOn(), current, EventPositions.globalIndexOf(jdbc, message, token),
                Jdbc.timestamp(recordedAt), event.billId(), EventPositions.globalIndexOf(jdbc, message, token)));
    }

    @EventHandler
    public void on(BillCancelled event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        billStatus(event.billId(), BillStatus.CANCELLED, message, token, recordedAt);
    }

    @EventHandler
    public void on(BillFellOverdue event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        billStatus(event.billId(), BillStatus.OVERDUE, message, token, recordedAt);
    }

    @EventHandler
    public void on(BillPaid event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        applied("citizen_bill", "bill_id", event.billId(), jdbc.update(
                "UPDATE citizen_bill SET status = ?, paid_by = ?, paid_on = ?, last_position = ?, updated_at = ? "
                        + "WHERE bill_id = ? AND last_position < ?",
                BillStatus.PAID.name(), event.paymentId(), event.paidOn(), position, Jdbc.timestamp(recordedAt), event.billId(), position));
    }

    @EventHandler
    public void on(PaymentInitiated event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM citizen_payment WHERE payment_id = ?", Integer.class, event.paymentId());
        if (known != null && known > 0) {
            return;
        }
        jdbc.update("""
                INSERT INTO citizen_payment (payment_id, citizen_subject, provider_code, channel, status, amount_minor, currency,
                    received_minor, refunded_minor, charged_back_minor, overpaid_minor, initiated_at, last_position, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?, ?, ?)""",
                event.paymentId(), event.payerCitizenSubject(), event.providerCode(), event.channel(), PaymentStatus.INITIATED.name(),
                event.amount().amountMinor(), event.amount().currency(), Jdbc.timestamp(event.initiatedAt()), position,
                Jdbc.timestamp(recordedAt));
        for (BillShare bill : event.bills()) {
            jdbc.update("INSERT INTO citizen_payment_bill (payment_id, bill_id) VALUES (?, ?)", event.paymentId(), bill.billId());
        }
    }

    @EventHandler
    public void on(PaymentAuthorized event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        paymentStatus(event.paymentId(), PaymentStatus.AUTHORIZED, null, 0, message, token, recordedAt);
    }

    @EventHandler
    public void on(PaymentSucceeded event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        paymentStatus(event.paymentId(), PaymentStatus.SUCCEEDED, event.succeededAt(), event.amount().amountMinor(), message, token, recordedAt);
    }

    @EventHandler
    public void on(PaymentAmountMismatched event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        paymentStatus(event.paymentId(), PaymentStatus.AMOUNT_MISMATCHED, event.reportedAt(), event.reported().amountMinor(), message, token,
                recordedAt);
    }

    @EventHandler
    public void on(PaymentFailed event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        paymentStatus(event.paymentId(), PaymentStatus.FAILED, event.failedAt(), 0, message, token, recordedAt);
    }

    @EventHandler
    public void on(PaymentExpired event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        paymentStatus(event.paymentId(), PaymentStatus.EXPIRED, event.expiredAt(), 0, message, token, recordedAt);
    }

    @EventHandler
    public void on(PaymentRefunded event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        addTo("refunded_minor", event.paymentId(), event.amount(), message, token, recordedAt);
    }

    @EventHandler
    public void on(ChargebackRecorded event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        addTo("charged_back_minor", event.paymentId(), event.amount(), message, token, recordedAt);
    }

    @EventHandler
    public void on(OverpaymentRecorded event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        addTo("overpaid_minor", event.paymentId(), event.amount(), message, token, recordedAt);
    }

    /** A replay starts from nothing. */
    @ResetHandler
    public void reset() {
        jdbc.update("DELETE FROM citizen_payment_bill");
        jdbc.update("DELETE FROM citizen_payment");
        jdbc.update("DELETE FROM citizen_bill");
    }

    private void billStatus(String billId, BillStatus status, EventMessage<?> message, TrackingToken token, Instant recordedAt) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        applied("citizen_bill", "bill_id", billId, jdbc.update(
                "UPDATE citizen_bill SET status = ?, last_position = ?, updated_at = ? WHERE bill_id = ? AND last_position < ?",
                status.name(), position, Jdbc.timestamp(recordedAt), billId, position));
    }

    /** A new status; {@code receivedMinor} is what the provider took (0 when it took nothing). */
    private void paymentStatus(String paymentId, PaymentStatus status, Instant finishedAt, long receivedMinor, EventMessage<?> message, TrackingToken token,
                               Instant recordedAt) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        applied("citizen_payment", "payment_id", paymentId, jdbc.update(
                "UPDATE citizen_payment SET status = ?, finished_at = COALESCE(?, finished_at), received_minor = ?, "
                        + "last_position = ?, updated_at = ? WHERE payment_id = ? AND last_position < ?",
                status.name(), Jdbc.timestamp(finishedAt), receivedMinor, position, Jdbc.timestamp(recordedAt), paymentId, position));
    }

    // The column is one of three names fixed above, never input.
    private void addTo(String column, String paymentId, Money amount, EventMessage<?> message, TrackingToken token, Instant recordedAt) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        applied("citizen_payment", "payment_id", paymentId, jdbc.update(
                "UPDATE citizen_payment SET " + column + " = " + column + " + ?, last_position = ?, updated_at = ? "
                        + "WHERE payment_id = ? AND last_position < ?",
                amount.amountMinor(), position, Jdbc.timestamp(recordedAt), paymentId, position));
    }

    /**
     * No row changed: either the event was applied already (a redelivery, fine) or the bill or payment is
     * unknown here, which is an error the processor must dead-letter, never skip.
     */
    private void applied(String table, String idColumn, String id, int updated) {
        if (updated > 0) {
            return;
        }
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE " + idColumn + " = ?", Integer.class, id);
        if (known == null || known == 0) {
            throw new IllegalStateException(table + " has no row " + id + ": its first event was not applied");
        }
    }
}
