package org.civicledger.events.settlements;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.LedgerCommand;

/** Commands on a provider's settlement: importing its file, resolving what did not reconcile. */
public final class SettlementCommands {

    private SettlementCommands() {
    }

    /** A provider's settlement file, parsed; the same file again (same SHA-256) changes nothing. */
    public record ImportSettlementFile(
            @TargetAggregateIdentifier String settlementId,
            String providerCode,
            LocalDate settlementDate,
            String fileSha256,
            List<SettlementFileLine> lines,
            String commandId,
            Actor actor) implements LedgerCommand {
    }

    public record ResolveSettlementDiscrepancy(
            @TargetAggregateIdentifier String settlementId,
            String discrepancyId,
            DiscrepancyResolution resolution,
            String reason,
            String commandId,
            Actor actor) implements LedgerCommand {
    }
}
