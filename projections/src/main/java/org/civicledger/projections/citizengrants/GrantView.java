package org.civicledger.projections.citizengrants;

import java.time.Instant;
import java.util.List;
import org.civicledger.events.common.Money;
import org.civicledger.events.grants.GrantStatus;

/**
 * A grant as its beneficiary and the granting agency see it: what was granted, what is left, its uses
 * newest first, and how it ended (expired or revoked, with what returned to the agency).
 */
public record GrantView(String grantId, String citizenSubject, String agencyCode, String programCode, GrantStatus status,
                        Money amount, Money perUseCap, Money balance, Money returned, int useCount, Instant awardedAt,
                        Instant expiresAt, Instant endedAt, String endReason, List<GrantUseView> uses, long lastPosition) {

    /** One use of a grant: where it was spent and what the grant held afterwards. */
    public record GrantUseView(String useId, Money amount, Money balanceAfter, String providerCode, String channel, String purpose,
                               Instant usedAt) {
    }
}
