package org.civicledger.events.cases;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.common.PersonalData;

/**
 * The person a case is for, and how to reach them. Personal data, sealed in storage under the
 * applicant's data key (see {@link PersonalData}).
 *
 * <p>{@code citizenSubject} is the applicant's citizen account when they applied signed in; an
 * officer entering a counter application may leave it empty. It is a pseudonymous account id, not
 * personal data in itself, and stays readable after an erasure: access rules and timelines need it.
 * At least one contact channel is given so that notices can reach the applicant.
 *
 * <p>Once the applicant's data is erased the value reads as {@link #erased(String)}: no national
 * ID, the name {@value #ERASED}, no contacts. That exact shape is the only one the validation lets
 * through without a national ID, and no living applicant may be called {@value #ERASED}.
 */
public record Applicant(String citizenSubject, NationalId nationalId, String name, String email, String phone)
        implements PersonalData {

    public static final int NAME_LENGTH_MAX = 100;
    public static final int EMAIL_LENGTH_MAX = 254;
    /** What an erased applicant is called; reserved, so it can never be a real name. */
    public static final String ERASED = "[erased]";

    public Applicant {
        boolean erasedShape = nationalId == null && ERASED.equals(name) && email == null && phone == null;
        if (!erasedShape) {
            if (nationalId == null) {
                throw new IllegalArgumentException("applicant national ID is required");
            }
            if (name == null || name.isBlank() || name.length() > NAME_LENGTH_MAX) {
                throw new IllegalArgumentException("applicant name is required, at most " + NAME_LENGTH_MAX + " characters");
            }
            if (ERASED.equals(name)) {
                throw new IllegalArgumentException("applicant name " + ERASED + " is reserved for erased applicants");
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
    }

    /** The applicant after their personal data was erased: only the account subject is left. */
    public static Applicant erased(String citizenSubject) {
        return new Applicant(citizenSubject, null, ERASED, null, null);
    }

    @Override
    public NationalId dataSubject() {
        return nationalId;
    }

    @Override
    public Applicant erasedForm() {
        return erased(citizenSubject);
    }

    @JsonIgnore
    @Override
    public boolean isErased() {
        return nationalId == null;
    }

    @Override
    public String toString() {
        // Personal data: never printed, not even in part (logs, exception messages, test reports).
        return isErased() ? "Applicant[erased]" : "Applicant[account " + citizenSubject + "]";
    }
}
