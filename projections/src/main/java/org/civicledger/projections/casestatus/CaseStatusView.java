package org.civicledger.projections.casestatus;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.civicledger.events.cases.CaseStatus;

/**
 * A case as the case-status read model holds it, with its steps; never its password hash.
 *
 * <p>{@code lastPosition} is the global position of the last event applied: a client that wrote at
 * position N reads its own write once {@code lastPosition >= N}.
 */
public record CaseStatusView(
        String caseId,
        String caseNumber,
        String caseTypeCode,
        String agencyCode,
        CaseStatus status,
        String applicantSubject,
        int statutoryDays,
        Instant submittedAt,
        LocalDate acceptedOn,
        LocalDate deadline,
        boolean paused,
        boolean extended,
        boolean overdue,
        LocalDate decidedOn,
        CaseStatus decision,
        Integer workingDaysTaken,
        Boolean decidedWithinDeadline,
        LocalDate appealWindowEndsOn,
        LocalDate withdrawnOn,
        LocalDate closedOn,
        long lastPosition,
        Instant updatedAt,
        List<CaseStep> steps) {

    public CaseStatusView {
        steps = List.copyOf(steps);
    }

    public CaseStatusView withSteps(List<CaseStep> caseSteps) {
        return new CaseStatusView(caseId, caseNumber, caseTypeCode, agencyCode, status, applicantSubject, statutoryDays,
                submittedAt, acceptedOn, deadline, paused, extended, overdue, decidedOn, decision, workingDaysTaken,
                decidedWithinDeadline, appealWindowEndsOn, withdrawnOn, closedOn, lastPosition, updatedAt, caseSteps);
    }
}
