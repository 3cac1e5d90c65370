package org.civicledger.command.settlements;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.civicledger.events.common.Money;
import org.civicledger.events.settlements.SettlementLineType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link ProviderLedger} over {@code cmd_provider_transaction}. Looks transactions up by payment id in chunks of
 * {@value #CHUNK}, so a file of 100,000 lines costs a few hundred indexed queries, not 100,000.
 */
@Component
public class JdbcProviderLedger implements ProviderLedger {

    static final int CHUNK = 500;

    private final JdbcTemplate jdbc;

    public JdbcProviderLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<Key, Transaction> find(String providerCode, Collection<Key> keys) {
        // A set: a file's keys are looked up once per row read, and a list would make a big file quadratic.
        Set<Key> wanted = new HashSet<>(keys);
        List<String> paymentIds = wanted.stream().map(Key::paymentId).distinct().toList();
        Map<Key, Transaction> found = new HashMap<>();
        for (int from = 0; from < paymentIds.size(); from += CHUNK) {
            List<String> chunk = paymentIds.subList(from, Math.min(paymentIds.size(), from + CHUNK));
            List<Object> arguments = new ArrayList<>(chunk.size() + 1);
            arguments.add(providerCode);
            arguments.addAll(chunk);
            jdbc.query("SELECT kind, payment_id, reference, amount_minor, currency, business_date, shares FROM cmd_provider_transaction "
                            + "WHERE provider_code = ? AND status = 'SUCCEEDED' AND payment_id IN (" + "?,".repeat(chunk.size() - 1) + "?)",
                    rs -> {
                        Transaction transaction = transaction(rs);
                        if (wanted.contains(transaction.key())) {
                            found.put(transaction.key(), transaction);
                        }
                    }, arguments.toArray());
        }
        return found;
    }

    @Override
    public List<Transaction> on(String providerCode, LocalDate day) {
        return jdbc.query("SELECT kind, payment_id, reference, amount_minor, currency, business_date, shares FROM cmd_provider_transaction "
                        + "WHERE provider_code = ? AND business_date = ? AND status = 'SUCCEEDED' ORDER BY occurred_at, payment_id, reference",
                (rs, row) -> transaction(rs), providerCode, day);
    }

    private static Transaction transaction(ResultSet rs) throws SQLException {
        Key key = new Key(SettlementLineType.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3));
        return new Transaction(key, new Money(rs.getLong(4), rs.getString(5)), rs.getObject(6, LocalDate.class),
                Transaction.parseShares(rs.getString(7)));
    }
}
