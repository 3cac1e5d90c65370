package org.civicledger.events.settlements;

import java.time.Instant;
import org.civicledger.events.common.Money;

/**
 * One transaction line of a provider's settlement file, as the provider wrote it (see docs/payments.md,
 * "Settlement files"). {@code paymentId} is the ledger's payment; {@code ledgerReference} is the ledger's id of
 * the transaction itself: the payment id again for a payment, the refund id for a refund, the provider's
 * case number for a chargeback. {@code amount} is positive; {@code fee} is what the provider keeps for it
 * (zero or more).
 */
public record SettlementFileLine(int lineNumber, String providerTransactionId, SettlementLineType type, String paymentId,
                                 String ledgerReference, Money amount, Money fee, Instant transactedAt) {
}
