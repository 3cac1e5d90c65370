package org.civicledger.command.privacy;

import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Where the sealing of personal data gets citizens' data keys: {@link PersonalDataVault} in the
 * ledger, a map in unit tests.
 */
public interface DataKeyring {

    /**
     * The citizen's live data key, created (in the caller's transaction) when they have none: on
     * their first personal data, or on the first after an erasure, which gets a new version.
     */
    DataKey sealingKey(String subjectRef);

    /**
     * The key of that version, to open data sealed under it; empty when it was destroyed by an
     * erasure. A key that never existed is an error ({@link SealedDataException}), not an erasure.
     */
    Optional<SecretKey> openingKey(String subjectRef, int keyVersion);

    /** One version of a citizen's data key (AES-256). */
    record DataKey(String subjectRef, int version, SecretKey key) {

        @Override
        public String toString() {
            return "DataKey[" + subjectRef + " v" + version + "]";
        }
    }
}
