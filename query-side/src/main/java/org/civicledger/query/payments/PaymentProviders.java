package org.civicledger.query.payments;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The registered payment providers' callback secret references, read from {@code cmd_payment_provider}.
 *
 * <p>That is the command side's own mirror of the provider events, kept in the transaction that stores
 * each event; a read model would lag, and a callback signed under a freshly rotated secret would be
 * refused until it caught up. The table is shared through the database, not through Java: the query
 * side still depends on the command side's published contract only.
 */
@Component
public class PaymentProviders {

    private final JdbcTemplate jdbc;

    public PaymentProviders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The provider's current callback secret reference, or empty when no such provider is registered. */
    public Optional<String> callbackSecretRef(String providerCode) {
        return jdbc.queryForList("SELECT callback_secret_ref FROM cmd_payment_provider WHERE provider_code = ?", String.class, providerCode)
                .stream().findFirst();
    }
}
