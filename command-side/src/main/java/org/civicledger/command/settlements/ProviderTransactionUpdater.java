package org.civicledger.command.settlements;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.civicledger.events.journal.JournalLine;
import org.civicledger.events.payments.PaymentEvent.JournalEntryRecorded;
import org.civicledger.events.payments.PaymentEvent.PaymentAmountMismatched;
import org.civicledger.events.payments.PaymentEvent.PaymentInitiated;
import org.civicledger.events.payments.PaymentEvent.PaymentRefunded;
import org.civicledger.events.payments.PaymentEvent.PaymentSucceeded;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code cmd_provider_transaction} in step with the payments' events, in a subscribing processor
 * ({@value #PROCESSING_GROUP}): same transaction as the events, so a settlement file imported the moment after a
 * payment succeeded already finds it. Rows are keyed by the event's ids and written with delete-then-insert or
 * plain updates, so a replay leaves them as they were.
 */
@Component
@ProcessingGroup(ProviderTransactionUpdater.PROCESSING_GROUP)
public class ProviderTransactionUpdater {

    public static final String PROCESSING_GROUP = "command-provider-transactions";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ProviderTransactionUpdater(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventHandler
    void on(PaymentInitiated event) {
        jdbc.update("DELETE FROM cmd_provider_transaction WHERE kind = 'PAYMENT' AND payment_id = ?", event.paymentId());
        jdbc.update("INSERT INTO cmd_provider_transaction (kind, payment_id, reference, provider_code, status, amount_minor, currency) "
                        + "VALUES ('PAYMENT', ?, ?, ?, 'INITIATED', ?, ?)",
                event.paymentId(), event.paymentId(), event.providerCode(), event.amount().amountMinor(), event.amount().currency());
    }

    @EventHandler
    void on(PaymentSucceeded event) {
        succeeded(event.paymentId(), event.amount().amountMinor(), event.amount().currency(), event.succeededAt());
    }

    /** The provider took another amount than the bills': that amount is what it owes the city. */
    @EventHandler
    void on(PaymentAmountMismatched event) {
        succeeded(event.paymentId(), event.reported().amountMinor(), event.reported().currency(), event.reportedAt());
    }

    @EventHandler
    void on(PaymentRefunded event) {
        jdbc.update("DELETE FROM cmd_provider_transaction WHERE kind = 'REFUND' AND payment_id = ? AND reference = ?",
                event.paymentId(), event.refundId());
        jdbc.update("INSERT INTO cmd_provider_transaction (kind, payment_id, reference, provider_code, status, amount_minor, currency, "
                        + "occurred_at, business_date) SELECT 'REFUND', payment_id, ?, provider_code, 'SUCCEEDED', ?, ?, ?, ? "
                        + "FROM cmd_provider_transaction WHERE kind = 'PAYMENT' AND payment_id = ?",
                event.refundId(), event.amount().amountMinor(), event.amount().currency(), Timestamp.from(event.refundedAt()),
                day(event.refundedAt()), event.paymentId());
    }

    /**
     * The agencies' shares of a payment or refund, from the entry that follows it on the payment's stream: the
     * provider-clearing debits of a success, the refunds-payable credits of a refund. The refund's row is the
     * one of this payment still without shares (the entry comes right after its refund).
     */
    @EventHandler
    void on(JournalEntryRecorded entry) {
        switch (entry.cause()) {
            case "payment-succeeded", "amount-mismatched" -> jdbc.update(
                    "UPDATE cmd_provider_transaction SET shares = ? WHERE kind = 'PAYMENT' AND payment_id = ?",
                    shares(entry, true, "provider-clearing:"), entry.paymentId());
            case "refund" -> jdbc.update(
                    "UPDATE cmd_provider_transaction SET shares = ? WHERE kind = 'REFUND' AND payment_id = ? AND shares IS NULL",
                    shares(entry, false, "refunds-payable:"), entry.paymentId());
            default -> { }
        }
    }

    private void succeeded(String paymentId, long amountMinor, String currency, java.time.Instant at) {
        jdbc.update("UPDATE cmd_provider_transaction SET status = 'SUCCEEDED', amount_minor = ?, currency = ?, occurred_at = ?, "
                + "business_date = ? WHERE kind = 'PAYMENT' AND payment_id = ?", amountMinor, currency, Timestamp.from(at), day(at), paymentId);
    }

    private LocalDate day(java.time.Instant at) {
        return LocalDate.ofInstant(at, clock.getZone());
    }

    static String shares(JournalEntryRecorded entry, boolean debits, String accountPrefix) {
        Map<String, Long> byAgency = new TreeMap<>();
        for (JournalLine line : entry.lines()) {
            long amount = debits ? line.debitMinor() : line.creditMinor();
            if (amount > 0 && line.account().startsWith(accountPrefix) && line.agencyCode() != null) {
                byAgency.merge(line.agencyCode(), amount, Math::addExact);
            }
        }
        StringBuilder text = new StringBuilder();
        byAgency.forEach((agency, amount) -> text.append(text.length() == 0 ? "" : ";").append(agency).append('=').append(amount));
        return text.toString();
    }
}
