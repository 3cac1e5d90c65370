package org.civicledger.events.payments;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.common.PersonalData;

/**
 * The person a bill is addressed to. Personal data, sealed in storage under the payer's data key (see
 * {@link PersonalData}), exactly as a case's applicant is.
 *
 * <p>{@code citizenSubject} is the payer's citizen account when the agency knows it (a bill issued for a
 * case applied for online); it is a pseudonymous account id that stays readable after an erasure, so the
 * citizen's history and the pay-all rule keep working. Erased, the value reads as {@link #erased(String)}:
 * no national ID, the name {@value #ERASED}.
 */
public record Payer(String citizenSubject, NationalId nationalId, String name) implements PersonalData {

    public static final int NAME_LENGTH_MAX = 100;
    public static final String ERASED = "[erased]";

    public Payer {
        boolean erasedShape = nationalId == null && ERASED.equals(name);
        if (!erasedShape) {
            if (nationalId == null) {
                throw new IllegalArgumentException("payer national ID is required");
            }
            if (name == null || name.isBlank() || name.length() > NAME_LENGTH_MAX) {
                throw new IllegalArgumentException("payer name is required, at most " + NAME_LENGTH_MAX + " characters");
            }
            if (ERASED.equals(name)) {
                throw new IllegalArgumentException("payer name " + ERASED + " is reserved for erased payers");
            }
        }
    }

    public static Payer erased(String citizenSubject) {
        return new Payer(citizenSubject, null, ERASED);
    }

    @Override
    public NationalId dataSubject() {
        return nationalId;
    }

    @Override
    public Payer erasedForm() {
        return erased(citizenSubject);
    }

    @JsonIgnore
    @Override
    public boolean isErased() {
        return nationalId == null;
    }

    @Override
    public String toString() {
        // Personal data: never printed, not even in part.
        return isErased() ? "Payer[erased]" : "Payer[account " + citizenSubject + "]";
    }
}
