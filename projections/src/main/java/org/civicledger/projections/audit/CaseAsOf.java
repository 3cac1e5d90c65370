package org.civicledger.projections.audit;

import java.time.Instant;
import java.time.LocalDate;
import org.civicledger.events.cases.CaseEvent;
import org.civicledger.events.cases.CaseEvent.ApplicationSubmitted;
import org.civicledger.events.cases.CaseEvent.ApplicationWithdrawn;
import org.civicledger.events.cases.CaseEvent.CaseAccepted;
import org.civicledger.events.cases.CaseEvent.CaseApproved;
import org.civicledger.events.cases.CaseEvent.CaseClosed;
import org.civicledger.events.cases.CaseEvent.CaseFlaggedOverdue;
import org.civicledger.events.cases.CaseEvent.CaseRejected;
import org.civicledger.events.cases.CaseEvent.CaseReviewStarted;
import org.civicledger.events.cases.CaseEvent.CaseTransferred;
import org.civicledger.events.cases.CaseEvent.DeadlineExtended;
import org.civicledger.events.cases.CaseEvent.SupplementProvided;
import org.civicledger.events.cases.CaseEvent.SupplementRequested;
import org.civicledger.events.cases.CaseStatus;

/**
 * The state of a case as its events up to some point say, for auditors: folded from the events alone (no
 * read model, no command side), so that it is what the ledger said at that moment. No personal data: the
 * applicant appears by the pseudonymous account subject only.
 *
 * @param lastGlobalIndex the global index of the last event folded in; {@code eventsApplied} how many there were
 */
public record CaseAsOf(String caseId, long eventsApplied, Long lastGlobalIndex, Instant lastRecordedAt, CaseStatus status,
                       String caseTypeCode, String agencyCode, String applicantSubject, Instant submittedAt, String caseNumber,
                       LocalDate acceptedOn, int statutoryProcessingDays, LocalDate deadline, boolean paused, boolean extended,
                       boolean overdue, String decision, LocalDate decidedOn, Boolean decidedWithinDeadline,
                       LocalDate appealWindowEndsOn, LocalDate withdrawnOn, LocalDate closedOn) {

    /** A case before its first event. */
    public static CaseAsOf empty(String caseId) {
        return new CaseAsOf(caseId, 0, null, null, null, null, null, null, null, null, null, 0, null, false, false, false, null,
                null, null, null, null, null);
    }

    /** This state with one more event, stored at {@code globalIndex} and recorded at {@code recordedAt}, applied. */
    public CaseAsOf apply(CaseEvent event, long globalIndex, Instant recordedAt) {
        CaseAsOf s = this;
        if (event instanceof ApplicationSubmitted e) {
            s = new CaseAsOf(caseId, 0, null, null, CaseStatus.SUBMITTED, e.caseTypeCode(), e.agencyCode(),
                    e.applicant() == null ? null : e.applicant().citizenSubject(), e.submittedAt(), null, null,
                    e.statutoryProcessingDays(), null, false, false, false, null, null, null, null, null, null);
        } else if (event instanceof CaseAccepted e) {
            s = new CaseAsOf(caseId, 0, null, null, CaseStatus.ACCEPTED, caseTypeCode, agencyCode, applicantSubject, submittedAt,
                    e.caseNumber(), e.acceptedOn(), e.statutoryProcessingDays(), e.deadline(), paused, extended, overdue,
                    decision, decidedOn, decidedWithinDeadline, appealWindowEndsOn, withdrawnOn, closedOn);
        } else if (event instanceof CaseReviewStarted) {
            s = withStatus(CaseStatus.IN_REVIEW, paused, deadline);
        } else if (event instanceof SupplementRequested) {
            s = withStatus(CaseStatus.SUPPLEMENT_REQUESTED, true, deadline);
        } else if (event instanceof SupplementProvided e) {
            s = withStatus(CaseStatus.IN_REVIEW, false, e.deadline());
        } else if (event instanceof DeadlineExtended e) {
            s = new CaseAsOf(caseId, 0, null, null, status, caseTypeCode, agencyCode, applicantSubject, submittedAt, caseNumber,
                    acceptedOn, statutoryProcessingDays, e.deadline(), paused, true, overdue, decision, decidedOn,
                    decidedWithinDeadline, appealWindowEndsOn, withdrawnOn, closedOn);
        } else if (event instanceof CaseFlaggedOverdue) {
            s = new CaseAsOf(caseId, 0, null, null, status, caseTypeCode, agencyCode, applicantSubject, submittedAt, caseNumber,
                    acceptedOn, statutoryProcessingDays, deadline, paused, extended, true, decision, decidedOn,
                    decidedWithinDeadline, appealWindowEndsOn, withdrawnOn, closedOn);
        } else if (event instanceof CaseApproved e) {
            s = decided(CaseStatus.APPROVED, e.decidedOn(), e.decidedWithinDeadline(), e.appealWindowEndsOn());
        } else if (event instanceof CaseRejected e) {
            s = decided(CaseStatus.REJECTED, e.decidedOn(), e.decidedWithinDeadline(), e.appealWindowEndsOn());
        } else if (event instanceof ApplicationWithdrawn e) {
            s = new CaseAsOf(caseId, 0, null, null, CaseStatus.WITHDRAWN, caseTypeCode, agencyCode, applicantSubject, submittedAt,
                    caseNumber, acceptedOn, statutoryProcessingDays, deadline, false, extended, overdue, decision, decidedOn,
                    decidedWithinDeadline, appealWindowEndsOn, e.withdrawnOn(), closedOn);
        } else if (event instanceof CaseTransferred e) {
            s = new CaseAsOf(caseId, 0, null, null, status, caseTypeCode, e.toAgencyCode(), applicantSubject, submittedAt,
                    caseNumber, acceptedOn, statutoryProcessingDays, deadline, paused, extended, overdue, decision, decidedOn,
                    decidedWithinDeadline, appealWindowEndsOn, withdrawnOn, closedOn);
        } else if (event instanceof CaseClosed e) {
            s = new CaseAsOf(caseId, 0, null, null, CaseStatus.CLOSED, caseTypeCode, agencyCode, applicantSubject, submittedAt,
                    caseNumber, acceptedOn, statutoryProcessingDays, deadline, false, extended, overdue, decision, decidedOn,
                    decidedWithinDeadline, appealWindowEndsOn, withdrawnOn, e.closedOn());
        }
        return new CaseAsOf(caseId, eventsApplied + 1, globalIndex, recordedAt, s.status, s.caseTypeCode, s.agencyCode,
                s.applicantSubject, s.submittedAt, s.caseNumber, s.acceptedOn, s.statutoryProcessingDays, s.deadline, s.paused,
                s.extended, s.overdue, s.decision, s.decidedOn, s.decidedWithinDeadline, s.appealWindowEndsOn, s.withdrawnOn,
                s.closedOn);
    }

    private CaseAsOf withStatus(CaseStatus newStatus, boolean newPaused, LocalDate newDeadline) {
        return new CaseAsOf(caseId, 0, null, null, newStatus, caseTypeCode, agencyCode, applicantSubject, submittedAt, caseNumber,
                acceptedOn, statutoryProcessingDays, newDeadline, newPaused, extended, overdue, decision, decidedOn,
                decidedWithinDeadline, appealWindowEndsOn, withdrawnOn, closedOn);
    }

    private CaseAsOf decided(CaseStatus newStatus, LocalDate on, boolean withinDeadline, LocalDate appealEnds) {
        return new CaseAsOf(caseId, 0, null, null, newStatus, caseTypeCode, agencyCode, applicantSubject, submittedAt, caseNumber,
                acceptedOn, statutoryProcessingDays, deadline, false, extended, overdue, newStatus.name(), on, withinDeadline,
                appealEnds, withdrawnOn, closedOn);
    }
}
