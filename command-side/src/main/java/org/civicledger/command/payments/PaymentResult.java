package org.civicledger.command.payments;

import org.civicledger.events.common.Money;
import org.civicledger.events.payments.PaymentStatus;

/**
 * What a payment command answers: where the payment stands and how much of it can still be refunded.
 * {@code duplicate} is true when the command repeated one already applied (a provider's callback sent
 * twice, a refund retried) and therefore changed nothing.
 */
public record PaymentResult(String paymentId, PaymentStatus status, Money amount, Money refundable, boolean duplicate) {
}
