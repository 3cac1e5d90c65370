package org.civicledger.projections.citizengrants;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.civicledger.events.grants.GrantEvent.GrantAwarded;
import org.civicledger.events.grants.GrantEvent.GrantExpired;
import org.civicledger.events.grants.GrantEvent.GrantRevoked;
import org.civicledger.events.grants.GrantEvent.GrantUsed;
import org.civicledger.events.grants.GrantStatus;
import org.civicledger.projections.support.EventPositions;
import org.civicledger.projections.support.Jdbc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The citizen-grants read model: each grant ({@code citizen_grant}) with its balance and its uses
 * ({@code citizen_grant_use}), for the grant's page and the beneficiary's history.
 *
 * <p>Runs in the processing group {@value #PROCESSING_GROUP}. The beneficiary is named by citizen account only;
 * the national ID and name (sealed personal data) are never stored. Every update is guarded by the grant's last
 * position, so a redelivered event changes nothing; an event for a grant this read model does not know throws,
 * so it is dead-lettered rather than skipped.
 */
@Component
@ProcessingGroup(CitizenGrantsProjection.PROCESSING_GROUP)
public class CitizenGrantsProjection {

    public static final String PROCESSING_GROUP = "citizen-grants";

    private final JdbcTemplate jdbc;

    public CitizenGrantsProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(GrantAwarded event, EventMessage<?> message, TrackingToken token) {
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM citizen_grant WHERE grant_id = ?", Integer.class, event.grantId());
        if (known != null && known > 0) {
            return;
        }
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        jdbc.update("""
                INSERT INTO citizen_grant (grant_id, citizen_subject, agency_code, program_code, status, amount_minor, per_use_cap_minor,
                    balance_minor, returned_minor, currency, uses, awarded_at, expires_at, last_position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 0, ?, ?, ?)""",
                event.grantId(), event.beneficiary().citizenSubject(), event.agencyCode(), event.programCode(), GrantStatus.ACTIVE.name(),
                event.amount().amountMinor(), event.perUseCap().amountMinor(), event.amount().amountMinor(), event.amount().currency(),
                Jdbc.timestamp(event.awardedAt()), Jdbc.timestamp(event.expiresAt()), position);
    }

    @EventHandler
    public void on(GrantUsed event, EventMessage<?> message, TrackingToken token) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        int updated = jdbc.update("UPDATE citizen_grant SET balance_minor = ?, uses = uses + 1, last_position = ? "
                + "WHERE grant_id = ? AND last_position < ?", event.balanceAfter().amountMinor(), position, event.grantId(), position);
        applied(event.grantId(), updated);
        if (updated > 0) {
            jdbc.update("""
                    INSERT INTO citizen_grant_use (grant_id, use_id, amount_minor, balance_after_minor, currency, provider_code, channel,
                        purpose, used_at, event_position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    event.grantId(), event.useId(), event.amount().amountMinor(), event.balanceAfter().amountMinor(),
                    event.amount().currency(), event.providerCode(), event.channel(), event.purpose(), Jdbc.timestamp(event.usedAt()), position);
        }
    }

    @EventHandler
    public void on(GrantExpired event, EventMessage<?> message, TrackingToken token) {
        ended(event.grantId(), GrantStatus.EXPIRED, event.remainder().amountMinor(), event.expiredAt(), null, message, token);
    }

    @EventHandler
    public void on(GrantRevoked event, EventMessage<?> message, TrackingToken token) {
        ended(event.grantId(), GrantStatus.REVOKED, event.remainder().amountMinor(), event.revokedAt(), event.reason(), message, token);
    }

    /** A replay starts from nothing. */
    @ResetHandler
    public void reset() {
        jdbc.update("DELETE FROM citizen_grant_use");
        jdbc.update("DELETE FROM citizen_grant");
    }

    private void ended(String grantId, GrantStatus status, long returnedMinor, java.time.Instant at, String reason, EventMessage<?> message,
                       TrackingToken token) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        applied(grantId, jdbc.update("UPDATE citizen_grant SET status = ?, balance_minor = 0, returned_minor = ?, ended_at = ?, "
                        + "end_reason = ?, last_position = ? WHERE grant_id = ? AND last_position < ?",
                status.name(), returnedMinor, Jdbc.timestamp(at), reason, position, grantId, position));
    }

    /** No row changed: a redelivery (fine), or a grant unknown here, which must be dead-lettered, never skipped. */
    private void applied(String grantId, int updated) {
        if (updated > 0) {
            return;
        }
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM citizen_grant WHERE grant_id = ?", Integer.class, grantId);
        if (known == null || known == 0) {
            throw new IllegalStateException("citizen_grant has no row " + grantId + ": its first event was not applied");
        }
    }
}
