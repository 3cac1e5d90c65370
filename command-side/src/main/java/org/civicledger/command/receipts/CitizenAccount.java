package org.civicledger.command.receipts;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.civicledger.events.common.RuleViolation;
import org.civicledger.events.receipts.CitizenAccountEvent.CitizenAccountEnrolled;

/**
 * A citizen's account as the ledger knows it, by subject reference (keyed hash of the national ID): which account
 * subject they sign in as. Enrolled once; enrolling the same account again changes nothing, another one is refused.
 */
public class CitizenAccount {

    @AggregateIdentifier
    private String subjectRef;
    private String citizenSubject;

    public CitizenAccount() {
        // For Axon's event sourcing and for loadOrCreate.
    }

    /** True when this enrollment is new; false when the same account was enrolled already. */
    boolean enroll(String ref, String account, Instant now) {
        if (citizenSubject != null) {
            if (citizenSubject.equals(account)) {
                return false;
            }
            throw RuleViolation.conflict("OneAccountPerCitizen", "this citizen is enrolled with another account already");
        }
        apply(new CitizenAccountEnrolled(ref, account, now));
        return true;
    }

    @EventSourcingHandler
    void on(CitizenAccountEnrolled event) {
        subjectRef = event.subjectRef();
        citizenSubject = event.citizenSubject();
    }
}
