package org.civicledger.command.reference;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.civicledger.events.common.Money;
import org.civicledger.events.reference.FeeClassEvent.FeeClassRegistered;
import org.civicledger.events.reference.FeeClassEvent.FeeClassRevised;
import org.civicledger.events.reference.PaymentProviderEvent.PaymentProviderRegistered;
import org.civicledger.events.reference.PaymentProviderEvent.PaymentProviderRevised;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the command side's fee-class and provider tables in step with their events, in a subscribing
 * processor ({@value #PROCESSING_GROUP}): same transaction as the events, so the next command on any node
 * sees the change. Delete-then-insert keeps a replay correct.
 */
@Component
@ProcessingGroup(PaymentCatalogUpdater.PROCESSING_GROUP)
public class PaymentCatalogUpdater {

    public static final String PROCESSING_GROUP = "command-payment-catalog";

    private final JdbcTemplate jdbc;

    public PaymentCatalogUpdater(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(FeeClassRegistered event) {
        jdbc.update("DELETE FROM cmd_fee_class WHERE fee_class_code = ?", event.feeClassCode());
        jdbc.update("INSERT INTO cmd_fee_class (fee_class_code, name, kind, agency_code, default_amount_minor, default_currency, "
                        + "revenue_account) VALUES (?, ?, ?, ?, ?, ?, ?)",
                event.feeClassCode(), event.name(), event.kind().name(), event.agencyCode(), minor(event.defaultAmount()),
                currency(event.defaultAmount()), event.revenueAccount());
    }

    @EventHandler
    void on(FeeClassRevised event) {
        jdbc.update("UPDATE cmd_fee_class SET name = ?, default_amount_minor = ?, default_currency = ?, revenue_account = ? "
                        + "WHERE fee_class_code = ?",
                event.name(), minor(event.defaultAmount()), currency(event.defaultAmount()), event.revenueAccount(),
                event.feeClassCode());
    }

    @EventHandler
    void on(PaymentProviderRegistered event) {
        jdbc.update("DELETE FROM cmd_payment_provider WHERE provider_code = ?", event.providerCode());
        jdbc.update("INSERT INTO cmd_payment_provider (provider_code, name, kind, channels, callback_secret_ref) VALUES (?, ?, ?, ?, ?)",
                event.providerCode(), event.name(), event.kind().name(), JdbcPaymentCatalog.joinChannels(event.channels()),
                event.callbackSecretRef());
    }

    @EventHandler
    void on(PaymentProviderRevised event) {
        jdbc.update("UPDATE cmd_payment_provider SET name = ?, channels = ?, callback_secret_ref = ? WHERE provider_code = ?",
                event.name(), JdbcPaymentCatalog.joinChannels(event.channels()), event.callbackSecretRef(), event.providerCode());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM cmd_fee_class");
        jdbc.update("DELETE FROM cmd_payment_provider");
    }

    private static Long minor(Money amount) {
        return amount == null ? null : amount.amountMinor();
    }

    private static String currency(Money amount) {
        return amount == null ? null : amount.currency();
    }
}
