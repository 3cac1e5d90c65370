package org.civicledger.command.notices;

/** Which step of a case a notice tells the applicant about; stored with the notice for operators. */
public enum NoticeKind {
    APPLICATION_SUBMITTED,
    CREDENTIALS_ISSUED,
    SUPPLEMENT_REQUESTED,
    DEADLINE_EXTENDED,
    CASE_APPROVED,
    CASE_REJECTED,
    APPLICATION_WITHDRAWN,
    CASE_TRANSFERRED,
    CASE_CLOSED
}
