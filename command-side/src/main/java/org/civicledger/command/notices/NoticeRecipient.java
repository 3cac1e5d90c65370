package org.civicledger.command.notices;

/**
 * Where the applicant of a case is reached, as recorded when the application was submitted.
 * Personal data: {@link #toString()} names only the case.
 *
 * @param caseNumber the case number once the case is accepted, else null
 */
public record NoticeRecipient(String caseId, String email, String phone, String name, String caseNumber) {

    /** How notices name the case: by its case number once it has one, else by the application's id. */
    public String caseReference() {
        return caseNumber != null ? caseNumber : caseId;
    }

    public String contact(NoticeChannel channel) {
        return switch (channel) {
            case EMAIL -> email;
            case SMS -> phone;
        };
    }

    @Override
    public String toString() {
        return "NoticeRecipient[" + caseId + "]";
    }
}
