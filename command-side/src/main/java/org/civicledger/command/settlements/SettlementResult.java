package org.civicledger.command.settlements;

import java.time.LocalDate;
import java.util.List;
import org.civicledger.events.common.Money;

/**
 * What importing a settlement file answers: how its transactions reconciled, the chargebacks it names that the
 * caller records on their payments, and whether the file had been imported before ({@code duplicate}: nothing
 * changed).
 */
public record SettlementResult(String settlementId, String providerCode, LocalDate settlementDate, int lines, int matched,
                               int missingInSettlement, int unexpectedInSettlement, int amountMismatches,
                               List<Chargeback> chargebacks, boolean duplicate) {

    public SettlementResult {
        chargebacks = List.copyOf(chargebacks);
    }

    /** A matched chargeback line, to be recorded on its payment under {@code chargebackId} (idempotent there). */
    public record Chargeback(String paymentId, String chargebackId, Money amount, String providerTransactionId) {
    }

    public int discrepancies() {
        return missingInSettlement + unexpectedInSettlement + amountMismatches;
    }
}
