package org.civicledger.query.payments;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.civicledger.events.common.Money;
import org.civicledger.projections.support.Page;
import org.civicledger.projections.support.PageRequest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Signed callbacks that name a payment the ledger does not hold (or one of another provider), in table
 * {@code unmatched_provider_callback}: recorded once per provider event id and listed for auditors.
 */
@Component
public class UnmatchedCallbacks {

    /** One callback that could not be applied, as kept. */
    public record UnmatchedCallback(String providerCode, String providerEventId, String paymentId, String outcome, Money amount,
                                    Instant occurredAt, Instant receivedAt, String reason, String bodySha256) {
    }

    private final JdbcTemplate jdbc;

    public UnmatchedCallbacks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the callback; true when it is new, false when this provider event id was recorded before. */
    public boolean record(UnmatchedCallback callback) {
        try {
            jdbc.update("""
                    INSERT INTO unmatched_provider_callback (provider_code, provider_event_id, payment_id, outcome, amount_minor, currency,
                        occurred_at, received_at, reason, body_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    callback.providerCode(), callback.providerEventId(), callback.paymentId(), callback.outcome(),
                    callback.amount() == null ? null : callback.amount().amountMinor(),
                    callback.amount() == null ? null : callback.amount().currency(), Timestamp.from(callback.occurredAt()),
                    Timestamp.from(callback.receivedAt()), callback.reason(), callback.bodySha256());
            return true;
        } catch (DuplicateKeyException retried) {
            return false;
        }
    }

    /** A provider's unmatched callbacks, newest first. */
    public Page<UnmatchedCallback> of(String providerCode, PageRequest page) {
        List<UnmatchedCallback> rows = jdbc.query("""
                SELECT * FROM unmatched_provider_callback WHERE provider_code = ?
                ORDER BY received_at DESC, provider_event_id DESC LIMIT ? OFFSET ?""",
                (rs, i) -> {
                    long amount = rs.getLong("amount_minor");
                    Money money = rs.wasNull() ? null : new Money(amount, rs.getString("currency"));
                    return new UnmatchedCallback(rs.getString("provider_code"), rs.getString("provider_event_id"),
                            rs.getString("payment_id"), rs.getString("outcome"), money,
                            rs.getTimestamp("occurred_at").toInstant(), rs.getTimestamp("received_at").toInstant(), rs.getString("reason"),
                            rs.getString("body_sha256"));
                }, providerCode, page.fetchSize(), page.offset());
        return Page.of(rows, page);
    }
}
