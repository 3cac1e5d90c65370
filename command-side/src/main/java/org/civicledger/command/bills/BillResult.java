package org.civicledger.command.bills;

import java.time.LocalDate;
import org.civicledger.events.common.Money;
import org.civicledger.events.payments.BillStatus;

/** What a bill command answers: the bill as it stands afterwards. */
public record BillResult(String billId, BillStatus status, Money amount, LocalDate dueOn) {
}
