package org.civicledger.projections.casestatus;

import java.time.Instant;
import java.time.LocalDate;
import org.civicledger.events.cases.CaseStatus;

/** A case in a list (a citizen's cases, an agency's queue): its row without the steps. */
public record CaseSummary(
        String caseId,
        String caseNumber,
        String caseTypeCode,
        String agencyCode,
        CaseStatus status,
        Instant submittedAt,
        LocalDate deadline,
        boolean paused,
        boolean overdue,
        LocalDate decidedOn,
        long lastPosition) {
}
