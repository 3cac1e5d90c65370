package org.civicledger.events.cases;

import org.civicledger.events.common.NationalId;

/**
 * The person a case is for, and how to reach them. Personal data.
 *
 * <p>{@code citizenSubject} is the applicant's citizen account when they applied signed in; an
 * officer entering a counter application may leave it empty. At least one contact channel is given
 * so that notices can reach the applicant.
 */
public record Applicant(String citizenSubject, NationalId nationalId, String name, String email, String phone) {

    public static final int NAME_LENGTH_MAX = 100;
    public static final int EMAIL_LENGTH_MAX = 254;

    public Applicant {
        if (nationalId == null) {
            throw new IllegalArgumentException("applicant national ID is required");
        }
        if (name == null || name.isBlank() || name.length() > NAME_LENGTH_MAX) {
            throw new IllegalArgumentException("applicant name is required, at most " + NAME_LENGTH_MAX + " characters");
        }
        if (email != null && (email.length() > EMAIL_LENGTH_MAX || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
            throw new IllegalArgumentException("applicant e-mail is not an e-mail address");
        }
        if (phone != null && !phone.matches("\\+?[0-9]{8,15}")) {
            throw new IllegalArgumentException("applicant phone must be 8 to 15 digits, optionally after +");
        }
        if (email == null && phone == null) {
            throw new IllegalArgumentException("applicant needs an e-mail address or a phone number for notices");
        }
    }

    @Override
    public String toString() {
        return "Applicant[" + nationalId + "]";
    }
}
