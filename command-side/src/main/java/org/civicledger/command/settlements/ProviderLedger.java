package org.civicledger.command.settlements;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicledger.events.common.Money;
import org.civicledger.events.settlements.SettlementLineType;

/**
 * What the ledger says went through a provider, as a settlement's reconciliation needs it: the transactions a
 * file names, and those of a settlement day. Implemented over {@code cmd_provider_transaction}
 * ({@link JdbcProviderLedger}), kept in step with the payments' events by {@link ProviderTransactionUpdater}.
 */
public interface ProviderLedger {

    /** The succeeded transactions of the provider among {@code keys}, by key. */
    Map<Key, Transaction> find(String providerCode, Collection<Key> keys);

    /** The provider's succeeded payments and refunds whose money moved on {@code day} (the city's zone). */
    List<Transaction> on(String providerCode, LocalDate day);

    /** A transaction's identity: a payment is its own reference; a refund is the refund id within its payment. */
    record Key(SettlementLineType kind, String paymentId, String reference) {
    }

    /** {@code shares}: the agencies' parts of the amount (a refund's, for paying it out of refunds payable). */
    record Transaction(Key key, Money amount, LocalDate businessDate, Map<String, Long> shares) {

        public static Map<String, Long> parseShares(String text) {
            Map<String, Long> shares = new LinkedHashMap<>();
            if (text != null && !text.isEmpty()) {
                for (String part : text.split(";")) {
                    int equals = part.indexOf('=');
                    shares.put(part.substring(0, equals), Long.parseLong(part.substring(equals + 1)));
                }
            }
            return shares;
        }
    }
}
