package org.civicledger.events.cases;

/** Where a case stands in its lifecycle; shown to applicants and used for agency queues. */
public enum CaseStatus {
    SUBMITTED,
    ACCEPTED,
    IN_REVIEW,
    SUPPLEMENT_REQUESTED,
    APPROVED,
    REJECTED,
    WITHDRAWN,
    CLOSED;

    public boolean isDecided() {
        return this == APPROVED || this == REJECTED;
    }

    public boolean isOpen() {
        return this == SUBMITTED || this == ACCEPTED || this == IN_REVIEW || this == SUPPLEMENT_REQUESTED;
    }
}
