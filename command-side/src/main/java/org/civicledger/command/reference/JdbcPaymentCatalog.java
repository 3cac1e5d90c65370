package org.civicledger.command.reference;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.civicledger.events.common.Money;
import org.civicledger.events.reference.FeeKind;
import org.civicledger.events.reference.ProviderKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The payment catalog read from the command side's own tables ({@code cmd_fee_class},
 * {@code cmd_payment_provider}, kept by {@link PaymentCatalogUpdater}). Not cached: a bill or payment
 * reads one row by primary key, and an uncached read is never stale on any node.
 */
@Component
public class JdbcPaymentCatalog implements PaymentCatalog {

    private final JdbcTemplate jdbc;

    public JdbcPaymentCatalog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<FeeClassTerms> feeClass(String feeClassCode) {
        if (feeClassCode == null) {
            return Optional.empty();
        }
        return jdbc.query("SELECT fee_class_code, name, kind, agency_code, default_amount_minor, default_currency, revenue_account "
                        + "FROM cmd_fee_class WHERE fee_class_code = ?",
                (rs, i) -> {
                    long amount = rs.getLong(5);
                    Money defaultAmount = rs.wasNull() ? null : new Money(amount, rs.getString(6));
                    return new FeeClassTerms(rs.getString(1), rs.getString(2), FeeKind.valueOf(rs.getString(3)), rs.getString(4),
                            defaultAmount, rs.getString(7));
                },
                feeClassCode).stream().findFirst()
                // An agency's case fees are billed under a fee class nobody registers (see CaseFeeClass).
                .or(() -> CaseFeeClass.terms(feeClassCode));
    }

    @Override
    public Optional<ProviderTerms> provider(String providerCode) {
        if (providerCode == null) {
            return Optional.empty();
        }
        return jdbc.query("SELECT provider_code, name, kind, channels, callback_secret_ref FROM cmd_payment_provider "
                        + "WHERE provider_code = ?",
                (rs, i) -> new ProviderTerms(rs.getString(1), rs.getString(2), ProviderKind.valueOf(rs.getString(3)),
                        splitChannels(rs.getString(4)), rs.getString(5)),
                providerCode).stream().findFirst();
    }

    static String joinChannels(List<String> channels) {
        return String.join(",", channels);
    }

    static List<String> splitChannels(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
