package org.civicledger.command.cases;

/**
 * A case number and case password as issued at acceptance. The plain password leaves the ledger
 * only in the answer to the accepting command and in the notice to the applicant.
 */
public record CaseCredentials(String caseNumber, String casePassword, String casePasswordHash) {

    @Override
    public String toString() {
        return "CaseCredentials[" + caseNumber + "]";
    }
}
