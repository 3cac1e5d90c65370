package org.civicledger.command.cases;

import java.util.ArrayList;
import java.util.List;
import org.civicledger.events.cases.Applicant;

/** Keeps the notices a test caused instead of sending them, so the test can read what the applicant would get. */
final class RecordingApplicantNotices implements ApplicantNotices {

    record CredentialsNotice(String caseId, Applicant applicant, CaseCredentials credentials) {
    }

    private final List<CredentialsNotice> sent = new ArrayList<>();

    @Override
    public void credentialsIssued(String caseId, Applicant applicant, CaseCredentials credentials) {
        sent.add(new CredentialsNotice(caseId, applicant, credentials));
    }

    List<CredentialsNotice> sent() {
        return List.copyOf(sent);
    }
}
