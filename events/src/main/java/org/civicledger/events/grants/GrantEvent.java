package org.civicledger.events.grants;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.civicledger.events.common.Money;
import org.civicledger.events.journal.JournalEntry;
import org.civicledger.events.journal.JournalLine;

/**
 * What happened to a grant (a benefit wallet): a balance an agency awards a citizen under a programme,
 * spent in uses each at most a per-use cap, until it expires or is revoked and the remainder returns to
 * the agency. Names and JSON are forever once stored: see the approval tests.
 *
 * <p>As on a payment's stream, each event that moves money is followed in the same append by a
 * {@link GrantJournalEntryRecorded} booking it, so the trial balance is zero after every event.
 */
public sealed interface GrantEvent {

    String grantId();

    /**
     * An officer of {@code agencyCode} granted {@code amount} under {@code programCode}; each use takes at
     * most {@code perUseCap}; what is left at {@code expiresAt} returns to the agency.
     */
    @Revision("1")
    record GrantAwarded(
            String grantId,
            String agencyCode,
            String programCode,
            Beneficiary beneficiary,
            Money amount,
            Money perUseCap,
            Instant awardedAt,
            Instant expiresAt) implements GrantEvent {
    }

    /**
     * The beneficiary spent {@code amount} at a provider (the merchant: a taxi fleet, a clinic) through one
     * of its channels; {@code balanceAfter} is what the grant holds afterwards.
     */
    @Revision("1")
    record GrantUsed(
            String grantId,
            String useId,
            Money amount,
            String providerCode,
            String channel,
            String purpose,
            Money balanceAfter,
            Instant usedAt) implements GrantEvent {
    }

    /** The grant's time ended; {@code remainder} (possibly zero) returned to the agency. */
    @Revision("1")
    record GrantExpired(String grantId, Money remainder, Instant expiredAt) implements GrantEvent {
    }

    /** An officer of the agency ended the grant early, with a reason; {@code remainder} returned to the agency. */
    @Revision("1")
    record GrantRevoked(String grantId, String reason, Money remainder, Instant revokedAt) implements GrantEvent {
    }

    /**
     * A balanced journal entry for the money movement recorded just before it on this grant's stream.
     * {@code cause} names that movement: {@code grant-awarded}, {@code grant-used}, {@code grant-expired},
     * {@code grant-revoked}.
     */
    @Revision("1")
    record GrantJournalEntryRecorded(String grantId, String entryId, String cause, Instant bookedAt, List<JournalLine> lines)
            implements GrantEvent, JournalEntry {

        public GrantJournalEntryRecorded {
            lines = List.copyOf(lines);
            JournalEntry.requireBalanced(lines);
        }
    }
}
