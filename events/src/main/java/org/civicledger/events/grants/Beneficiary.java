package org.civicledger.events.grants;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.common.PersonalData;

/**
 * The citizen a grant is awarded to. Personal data, sealed in storage under the beneficiary's data key
 * (see {@link PersonalData}), exactly as a bill's payer is.
 *
 * <p>{@code citizenSubject} is the beneficiary's citizen account, a pseudonymous id that stays readable after
 * an erasure: it is who may spend the grant, and whose history shows it. Erased, the value reads as
 * {@link #erased(String)}: no national ID, the name {@value #ERASED}.
 */
public record Beneficiary(String citizenSubject, NationalId nationalId, String name) implements PersonalData {

    public static final int NAME_LENGTH_MAX = 100;
    public static final String ERASED = "[erased]";

    public Beneficiary {
        boolean erasedShape = nationalId == null && ERASED.equals(name);
        if (!erasedShape) {
            if (nationalId == null) {
                throw new IllegalArgumentException("beneficiary national ID is required");
            }
            if (name == null || name.isBlank() || name.length() > NAME_LENGTH_MAX) {
                throw new IllegalArgumentException("beneficiary name is required, at most " + NAME_LENGTH_MAX + " characters");
            }
            if (ERASED.equals(name)) {
                throw new IllegalArgumentException("beneficiary name " + ERASED + " is reserved for erased beneficiaries");
            }
        }
    }

    public static Beneficiary erased(String citizenSubject) {
        return new Beneficiary(citizenSubject, null, ERASED);
    }

    @Override
    public NationalId dataSubject() {
        return nationalId;
    }

    @Override
    public Beneficiary erasedForm() {
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
        return isErased() ? "Beneficiary[erased]" : "Beneficiary[account " + citizenSubject + "]";
    }
}
