package org.civicledger.command.privacy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.LocalDate;
import java.util.OptionalInt;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.civicledger.command.rules.Require;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Role;
import org.civicledger.events.common.RuleViolation;
import org.civicledger.events.privacy.PrivacyCommands.EraseCitizenData;
import org.civicledger.events.privacy.PrivacyEvent.CitizenDataErased;

/**
 * A citizen's personal data as the ledger holds it, keyed by their subject reference (never the
 * national ID): the stream of erasures, one per data key destroyed.
 *
 * <p>Its rules: only an operator or the ledger itself erases ({@code ErasureByPrivacyOperator});
 * a reason is given; a citizen whose data is already erased is refused ({@code ErasedOnce},
 * conflict) unless they came back since and have a new key; a citizen of whom nothing is held is
 * not found ({@code PersonalDataIsHeld}). Commands reach it through {@link CitizenPrivacyCommandHandler},
 * which computes the subject reference.
 */
public class CitizenPrivacy {

    public static final int REASON_LENGTH_MAX = PersonalDataVault.ERASE_REASON_LENGTH_MAX;

    @AggregateIdentifier
    private String subjectRef;
    /** The highest key version erased so far; 0 before any erasure. */
    private int erasedKeyVersion;

    protected CitizenPrivacy() {
        // For Axon's event sourcing, and for the first erasure of a citizen (loadOrCreate).
    }

    void erase(EraseCitizenData command, String subjectRef, SubjectKeys keys, Clock clock) {
        Actor actor = command.actor();
        if (actor == null || (actor.role() != Role.OPERATOR && actor.role() != Role.SYSTEM)) {
            throw RuleViolation.forbidden("ErasureByPrivacyOperator",
                    "personal data is erased only by an operator or the ledger itself");
        }
        Require.text("reason", command.reason(), REASON_LENGTH_MAX);
        OptionalInt live = keys.liveKeyVersion(subjectRef);
        if (live.isEmpty() && erasedKeyVersion > 0) {
            throw RuleViolation.conflict("ErasedOnce", "the citizen's personal data is erased already");
        }
        if (live.isEmpty()) {
            throw RuleViolation.notFound("PersonalDataIsHeld", "nationalId", "the ledger holds no personal data of this citizen");
        }
        keys.destroy(subjectRef, live.getAsInt(), actor, command.reason(), clock.instant());
        apply(new CitizenDataErased(subjectRef, live.getAsInt(), command.reason(), LocalDate.now(clock)));
    }

    @EventSourcingHandler
    void on(CitizenDataErased event) {
        subjectRef = event.subjectRef();
        erasedKeyVersion = Math.max(erasedKeyVersion, event.keyVersion());
    }
}
