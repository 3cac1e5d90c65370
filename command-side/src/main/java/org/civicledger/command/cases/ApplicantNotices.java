package org.civicledger.command.cases;

import org.civicledger.events.cases.Applicant;

/**
 * The one notice that cannot be derived from events: the case password, which events never hold in
 * plain text. Queued in the transaction that stores the acceptance, so both happen or neither.
 */
public interface ApplicantNotices {

    void credentialsIssued(String caseId, Applicant applicant, CaseCredentials credentials);
}
