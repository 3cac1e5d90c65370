package org.civicledger.command.bills;

import org.civicledger.events.common.Money;
import org.civicledger.events.payments.BillStatus;
import org.civicledger.events.payments.Payer;

/** What a payment needs to know of a bill when it is initiated: who pays, how much, for whom, and whether it is open. */
public record BillFacts(String billId, String agencyCode, String feeClassCode, String revenueAccount, Payer payer, Money amount,
                        BillStatus status) {
}
