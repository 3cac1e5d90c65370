package org.civicledger.events.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.civicledger.events.common.DocumentReference;
import org.civicledger.events.common.Money;

/**
 * What happened to a case. Names and JSON are forever once stored: see the approval tests.
 *
 * <p>Dates ({@link LocalDate}) are business dates in the city's time zone; the recorded time of
 * each event is its Axon timestamp. Deadlines are computed once, when they are set, and stored, so
 * a later change of the calendar never rewrites history.
 */
public sealed interface CaseEvent {

    String caseId();

    /** Submitted under the terms (statutory days, fee) the case type had at that moment. */
    @Revision("1")
    record ApplicationSubmitted(
            String caseId,
            String caseTypeCode,
            String agencyCode,
            Applicant applicant,
            List<DocumentReference> documents,
            int statutoryProcessingDays,
            Money fee,
            Instant submittedAt) implements CaseEvent {
    }

    /** The case number and password are issued; only a salted hash of the password is kept. */
    @Revision("1")
    record CaseAccepted(
            String caseId,
            String caseNumber,
            String casePasswordHash,
            LocalDate acceptedOn,
            int statutoryProcessingDays,
            LocalDate deadline) implements CaseEvent {
    }

    @Revision("1")
    record CaseReviewStarted(String caseId, String reviewerSubject) implements CaseEvent {
    }

    /** The statutory clock pauses; {@code workingDaysUsed} is how much of it had run. */
    @Revision("1")
    record SupplementRequested(
            String caseId, String reason, List<String> requestedDocuments, LocalDate requestedOn, int workingDaysUsed)
            implements CaseEvent {
    }

    /** The statutory clock runs again from the next day, with the new deadline it leads to. */
    @Revision("1")
    record SupplementProvided(String caseId, List<DocumentReference> documents, LocalDate providedOn, LocalDate deadline)
            implements CaseEvent {
    }

    /** The one extension a case may have, with the notice sent to the applicant. */
    @Revision("1")
    record DeadlineExtended(
            String caseId, int extraWorkingDays, String notice, LocalDate previousDeadline, LocalDate deadline)
            implements CaseEvent {
    }

    @Revision("1")
    record CaseFlaggedOverdue(String caseId, LocalDate deadline, LocalDate flaggedOn) implements CaseEvent {
    }

    @Revision("1")
    record CaseApproved(
            String caseId,
            String reason,
            LocalDate decidedOn,
            int workingDaysTaken,
            boolean decidedWithinDeadline,
            LocalDate appealWindowEndsOn) implements CaseEvent {
    }

    @Revision("1")
    record CaseRejected(
            String caseId,
            String reason,
            LocalDate decidedOn,
            int workingDaysTaken,
            boolean decidedWithinDeadline,
            LocalDate appealWindowEndsOn) implements CaseEvent {
    }

    @Revision("1")
    record ApplicationWithdrawn(String caseId, String reason, LocalDate withdrawnOn) implements CaseEvent {
    }

    @Revision("1")
    record CaseTransferred(String caseId, String fromAgencyCode, String toAgencyCode, String reason) implements CaseEvent {
    }

    @Revision("1")
    record CaseClosed(String caseId, String reason, LocalDate closedOn) implements CaseEvent {
    }
}
