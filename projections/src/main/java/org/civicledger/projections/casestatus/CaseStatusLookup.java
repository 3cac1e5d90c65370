package org.civicledger.projections.casestatus;

import java.time.LocalDate;
import java.util.List;
import org.civicledger.events.cases.CaseStatus;

/**
 * What anyone holding a case number and its case password may read: status, deadline and steps.
 *
 * <p>No identities, agencies' internal data or reasons: the lookup is open, without sign-in.
 */
public record CaseStatusLookup(CaseStatus status, LocalDate deadline, boolean paused, boolean overdue, List<CaseStep> steps) {

    public CaseStatusLookup {
        steps = List.copyOf(steps);
    }
}
