package org.civicledger.command.privacy;

import java.time.Instant;
import java.util.OptionalInt;
import org.civicledger.events.common.Actor;

/**
 * The port through which an erasure destroys a citizen's data key, in the transaction that stores
 * the erasure event; implemented by {@link PersonalDataVault}.
 */
public interface SubjectKeys {

    /** The version of the citizen's live data key, empty when they have none (never had, or erased). */
    OptionalInt liveKeyVersion(String subjectRef);

    /**
     * Destroys that key version, recording who, why and when beside its tombstone. Throws a
     * conflict when the key is no longer live (a concurrent erasure won).
     */
    void destroy(String subjectRef, int keyVersion, Actor erasedBy, String reason, Instant erasedAt);
}
