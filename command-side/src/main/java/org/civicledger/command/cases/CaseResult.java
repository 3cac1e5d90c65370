package org.civicledger.command.cases;

import java.time.LocalDate;
import org.civicledger.events.cases.CaseStatus;

/** What a case command answers: the status it left the case in and the deadline now in force. */
public record CaseResult(String caseId, CaseStatus status, String caseNumber, String casePassword, LocalDate deadline) {

    @Override
    public String toString() {
        return "CaseResult[" + caseId + ", " + status + "]";
    }
}
