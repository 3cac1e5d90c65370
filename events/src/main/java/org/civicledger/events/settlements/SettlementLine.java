package org.civicledger.events.settlements;

import org.civicledger.events.common.Money;

/**
 * A line of an imported settlement file with what reconciliation made of it: {@code ledgerAmount} is the
 * ledger's amount of the same transaction (null when the ledger does not hold it).
 */
public record SettlementLine(SettlementFileLine line, ReconciliationOutcome outcome, Money ledgerAmount) {
}
