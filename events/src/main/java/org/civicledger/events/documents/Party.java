package org.civicledger.events.documents;

/**
 * Someone a document is addressed to or who signs it: their account subject (pseudonymous, never a national
 * ID or a name), the capacity they act in, and for officers and agencies the agency.
 */
public record Party(String subject, PartyRole role, String agencyCode) {

    public static final int SUBJECT_LENGTH_MAX = 128;

    public Party {
        if (subject == null || subject.isBlank() || subject.length() > SUBJECT_LENGTH_MAX) {
            throw new IllegalArgumentException("a party's subject is 1 to " + SUBJECT_LENGTH_MAX + " characters");
        }
        if (role == null) {
            throw new IllegalArgumentException("a party's role is required");
        }
        if ((role == PartyRole.OFFICER || role == PartyRole.AGENCY) && (agencyCode == null || agencyCode.isBlank())) {
            throw new IllegalArgumentException("an officer or agency party names its agency");
        }
    }
}
