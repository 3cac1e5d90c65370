package org.civicledger.events.common;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A value inside an event that holds a citizen's personal data, sealed in storage under that
 * citizen's data key so that destroying the key erases it (crypto-shredding).
 *
 * <p>The contract only marks such values; the sealing itself is the serializer's business (the
 * command side's {@code PersonalDataModule} in Axon's object mapper). Whatever of the value must stay
 * readable after an erasure — a pseudonymous account subject, say — is exactly what its
 * {@link #erasedForm()} keeps: the sealed form stores that part in clear beside the ciphertext, and a
 * reader without the key gets the erased form back instead of an error.
 */
public interface PersonalData {

    /** The citizen whose data key seals this value; null only in the erased form. */
    @JsonIgnore
    NationalId dataSubject();

    /** This value with every personal field replaced by the erasure marker; what outlives the key. */
    @JsonIgnore
    PersonalData erasedForm();

    /** True for the erased form: the personal fields are gone, only what stays clear is left. */
    @JsonIgnore
    boolean isErased();
}
