package org.civicledger.events.grants;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.LedgerCommand;
import org.civicledger.events.common.Money;

/** Commands on a grant (a benefit wallet an agency awards a citizen). */
public final class GrantCommands {

    private GrantCommands() {
    }

    /** An officer of {@code agencyCode} (or the ledger itself) awards a beneficiary a balance under a programme. */
    public record AwardGrant(
            @TargetAggregateIdentifier String grantId,
            String agencyCode,
            String programCode,
            Beneficiary beneficiary,
            Money amount,
            Money perUseCap,
            Instant expiresAt,
            String commandId,
            Actor actor) implements LedgerCommand {
    }

    /**
     * The beneficiary spends part of the grant at a registered provider's channel. {@code useId} makes a
     * retried request harmless: the same use again with the same amount changes nothing.
     */
    public record UseGrant(
            @TargetAggregateIdentifier String grantId,
            String useId,
            Money amount,
            String providerCode,
            String channel,
            String purpose,
            String commandId,
            Actor actor) implements LedgerCommand {
    }

    /** An officer of the granting agency ends the grant early; what is left returns to the agency. */
    public record RevokeGrant(@TargetAggregateIdentifier String grantId, String reason, String commandId, Actor actor)
            implements LedgerCommand {
    }
}
