package org.civicledger.projections.casestatus;

import java.time.Instant;
import org.civicledger.events.cases.CaseStatus;

/**
 * One step in the history of a case: what happened, the status it left the case in, when it was
 * recorded and who (applicant, agency or the ledger itself) took it. The detail holds structured
 * facts only, never free text written about a person.
 */
public record CaseStep(long stepNo, String step, CaseStatus status, Instant occurredAt, String detail, String actorRole) {
}
