package org.civicledger.projections.paymentsdashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.civicledger.events.journal.JournalLine;
import org.civicledger.events.payments.BillEvent.BillAmended;
import org.civicledger.events.payments.BillEvent.BillCancelled;
import org.civicledger.events.payments.BillEvent.BillFellOverdue;
import org.civicledger.events.payments.BillEvent.BillIssued;
import org.civicledger.events.payments.BillEvent.BillPaid;
import org.civicledger.events.payments.BillShare;
import org.civicledger.events.payments.BillStatus;
import org.civicledger.events.payments.PaymentEvent.JournalEntryRecorded;
import org.civicledger.events.payments.PaymentEvent.OverpaymentRecorded;
import org.civicledger.events.payments.PaymentEvent.PaymentAmountMismatched;
import org.civicledger.events.payments.PaymentEvent.PaymentAuthorized;
import org.civicledger.events.payments.PaymentEvent.PaymentExpired;
import org.civicledger.events.payments.PaymentEvent.PaymentFailed;
import org.civicledger.events.payments.PaymentEvent.PaymentInitiated;
import org.civicledger.events.payments.PaymentEvent.PaymentSucceeded;
import org.civicledger.events.payments.PaymentStatus;
import org.civicledger.projections.support.EventPositions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The payments-dashboard read model: what an agency (and the city) needs to watch its payments — money
 * collected per fee class per day ({@code pay_dash_collection}), payments by provider and channel with their
 * outcomes ({@code pay_dash_payment}, {@code pay_dash_payment_agency}), refunds and chargebacks per day
 * ({@code pay_dash_return}) and bills still owed ({@code pay_dash_bill}). Read through {@link PaymentsDashboardQueries}.
 *
 * <p>Runs in the processing group {@value #PROCESSING_GROUP}. Days are calendar days in the city's zone, fixed
 * when the event is applied (a replay gives the same days). Rows with a status are guarded by their last
 * position and rows that add up are keyed by the event's own ids, so a redelivered event changes nothing; an
 * event for a payment or bill not known here throws, so it is dead-lettered rather than skipped. Returns are
 * read from the refund and chargeback journal entries because only those say which agency each part left.
 */
@Component
@ProcessingGroup(PaymentsDashboardProjection.PROCESSING_GROUP)
public class PaymentsDashboardProjection {

    public static final String PROCESSING_GROUP = "payments-dashboard";

    private final JdbcTemplate jdbc;
    private final ZoneId zone;

    public PaymentsDashboardProjection(JdbcTemplate jdbc, @Value("${ledger.zone:Asia/Taipei}") String zone) {
        this.jdbc = jdbc;
        this.zone = ZoneId.of(zone);
    }

    @EventHandler
    public void on(BillIssued event, EventMessage<?> message, TrackingToken token) {
        if (count("SELECT COUNT(*) FROM pay_dash_bill WHERE bill_id = ?", event.billId()) > 0) {
            return;
        }
        jdbc.update("INSERT INTO pay_dash_bill (bill_id, agency_code, fee_class_code, amount_minor, currency, due_on, status, last_position) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", event.billId(), event.agencyCode(), event.feeClassCode(),
                event.amount().amountMinor(), event.amount().currency(), event.dueOn(), BillStatus.OPEN.name(),
                EventPositions.globalIndexOf(jdbc, message, token));
    }

    @EventHandler
    public void on(BillAmended event, EventMessage<?> message, TrackingToken token) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        // A due date still ahead makes an overdue bill current again, as the bill itself decides.
        boolean current = !event.dueOn().isBefore(event.amendedOn());
        applied("pay_dash_bill", "bill_id", event.billId(), jdbc.update("UPDATE pay_dash_bill SET amount_minor = ?, currency = ?, due_on = ?, "
                        + "status = CASE WHEN status = 'OVERDUE' AND ? THEN 'OPEN' ELSE status END, last_position = ? "
                        + "WHERE bill_id = ? AND last_position < ?", event.amount().amountMinor(), event.amount().currency(), event.dueOn(),
                current, position, event.billId(), position));
    }

    @EventHandler
    public void on(BillCancelled event, EventMessage<?> message, TrackingToken token) {
        billStatus(event.billId(), BillStatus.CANCELLED, message, token);
    }

    @EventHandler
    public void on(BillFellOverdue event, EventMessage<?> message, TrackingToken token) {
        billStatus(event.billId(), BillStatus.OVERDUE, message, token);
    }

    @EventHandler
    public void on(BillPaid event, EventMessage<?> message, TrackingToken token) {
        billStatus(event.billId(), BillStatus.PAID, message, token);
    }

    @EventHandler
    public void on(PaymentInitiated event, EventMessage<?> message, TrackingToken token) {
        if (count("SELECT COUNT(*) FROM pay_dash_payment WHERE payment_id = ?", event.paymentId()) > 0) {
            return;
        }
        jdbc.update("INSERT INTO pay_dash_payment (payment_id, provider_code, channel, status, amount_minor, currency, initiated_on, "
                        + "last_position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", event.paymentId(), event.providerCode(), event.channel(),
                PaymentStatus.INITIATED.name(), event.amount().amountMinor(), event.amount().currency(), day(event.initiatedAt()),
                EventPositions.globalIndexOf(jdbc, message, token));
        event.bills().stream().map(BillShare::agencyCode).distinct().forEach(agency -> jdbc.update(
                "INSERT INTO pay_dash_payment_agency (payment_id, agency_code) VALUES (?, ?)", event.paymentId(), agency));
    }

    @EventHandler
    public void on(PaymentAuthorized event, EventMessage<?> message, TrackingToken token) {
        paymentStatus(event.paymentId(), PaymentStatus.AUTHORIZED, message, token);
    }

    @EventHandler
    public void on(PaymentSucceeded event, EventMessage<?> message, TrackingToken token) {
        if (paymentStatus(event.paymentId(), PaymentStatus.SUCCEEDED, message, token)) {
            LocalDate day = day(event.succeededAt());
            for (BillShare bill : event.bills()) {
                jdbc.update("INSERT INTO pay_dash_collection (payment_id, bill_id, agency_code, fee_class_code, collected_on, amount_minor, "
                                + "overpaid_minor, currency) VALUES (?, ?, ?, ?, ?, ?, 0, ?)", event.paymentId(), bill.billId(),
                        bill.agencyCode(), bill.feeClassCode(), day, bill.amount().amountMinor(), bill.amount().currency());
            }
        }
    }

    @EventHandler
    public void on(PaymentAmountMismatched event, EventMessage<?> message, TrackingToken token) {
        paymentStatus(event.paymentId(), PaymentStatus.AMOUNT_MISMATCHED, message, token);
    }

    @EventHandler
    public void on(PaymentFailed event, EventMessage<?> message, TrackingToken token) {
        paymentStatus(event.paymentId(), PaymentStatus.FAILED, message, token);
    }

    @EventHandler
    public void on(PaymentExpired event, EventMessage<?> message, TrackingToken token) {
        paymentStatus(event.paymentId(), PaymentStatus.EXPIRED, message, token);
    }

    /** The share of a bill this payment could not pay is not that fee class's revenue: it is owed back. */
    @EventHandler
    public void on(OverpaymentRecorded event) {
        // Setting (not adding) makes a redelivery harmless; the share's amount is what the payment event said.
        jdbc.update("UPDATE pay_dash_collection SET overpaid_minor = amount_minor WHERE payment_id = ? AND bill_id = ?",
                event.paymentId(), event.billId());
    }

    @EventHandler
    public void on(JournalEntryRecorded entry) {
        String kind = switch (entry.cause()) {
            case "refund" -> "REFUND";
            case "chargeback" -> "CHARGEBACK";
            default -> null;
        };
        if (kind == null || count("SELECT COUNT(*) FROM pay_dash_return WHERE entry_id = ?", entry.entryId()) > 0) {
            return;
        }
        // Each portion leaves the account it sat in by a debit line, on behalf of its agency.
        Map<String, Long> byAgencyAndCurrency = new TreeMap<>();
        for (JournalLine line : entry.lines()) {
            if (line.debitMinor() > 0 && line.agencyCode() != null) {
                byAgencyAndCurrency.merge(line.agencyCode() + "\n" + line.currency(), line.debitMinor(), Math::addExact);
            }
        }
        LocalDate day = day(entry.bookedAt());
        byAgencyAndCurrency.forEach((key, amount) -> {
            String[] parts = key.split("\n");
            jdbc.update("INSERT INTO pay_dash_return (entry_id, agency_code, kind, returned_on, amount_minor, currency) VALUES (?, ?, ?, ?, ?, ?)",
                    entry.entryId(), parts[0], kind, day, amount, parts[1]);
        });
    }

    /** A replay starts from nothing. */
    @ResetHandler
    public void reset() {
        jdbc.update("DELETE FROM pay_dash_return");
        jdbc.update("DELETE FROM pay_dash_collection");
        jdbc.update("DELETE FROM pay_dash_payment_agency");
        jdbc.update("DELETE FROM pay_dash_payment");
        jdbc.update("DELETE FROM pay_dash_bill");
    }

    private LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    private void billStatus(String billId, BillStatus status, EventMessage<?> message, TrackingToken token) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        applied("pay_dash_bill", "bill_id", billId, jdbc.update(
                "UPDATE pay_dash_bill SET status = ?, last_position = ? WHERE bill_id = ? AND last_position < ?",
                status.name(), position, billId, position));
    }

    /** True when the status was applied now, false for a redelivery. */
    private boolean paymentStatus(String paymentId, PaymentStatus status, EventMessage<?> message, TrackingToken token) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        int updated = jdbc.update("UPDATE pay_dash_payment SET status = ?, last_position = ? WHERE payment_id = ? AND last_position < ?",
                status.name(), position, paymentId, position);
        applied("pay_dash_payment", "payment_id", paymentId, updated);
        return updated > 0;
    }

    private int count(String sql, String id) {
        Integer count = jdbc.queryForObject(sql, Integer.class, id);
        return count == null ? 0 : count;
    }

    /** No row changed: a redelivery (fine), or a row unknown here, which must be dead-lettered, never skipped. */
    private void applied(String table, String idColumn, String id, int updated) {
        if (updated == 0 && count("SELECT COUNT(*) FROM " + table + " WHERE " + idColumn + " = ?", id) == 0) {
            throw new IllegalStateException(table + " has no row " + id + ": its first event was not applied");
        }
    }
}
