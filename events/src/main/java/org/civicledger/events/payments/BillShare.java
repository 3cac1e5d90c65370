package org.civicledger.events.payments;

import org.civicledger.events.common.Money;

/**
 * One bill paid by a payment, with what the journal needs to book it: the agency, fee class, revenue
 * account and amount the bill had when the payment was initiated.
 */
public record BillShare(String billId, String agencyCode, String feeClassCode, String revenueAccount, Money amount) {
}
