package org.civicledger.projections.citizenpayments;

import java.time.Instant;
import java.util.List;
import org.civicledger.events.common.Money;
import org.civicledger.events.payments.PaymentStatus;

/**
 * A payment as its payer sees it: the bills it was for, what the provider took, and what has gone back
 * (refunds, chargebacks) or is owed back (overpaid: a bill it could not pay).
 */
public record PaymentView(String paymentId, String citizenSubject, String providerCode, String channel, PaymentStatus status,
                          Money amount, Money received, Money refunded, Money chargedBack, Money overpaid, List<String> billIds,
                          Instant initiatedAt, Instant finishedAt, long lastPosition) {
}
