package org.civicledger.command.documents;

import java.time.Instant;
import org.civicledger.events.documents.Party;

/** One registered key as the signing rules need it: whose, what, and since when it may no longer sign (null: still may). */
public record SigningKeyFacts(Party signer, String keyId, Signatures.ParsedKey key, Instant registeredAt, Instant retiredAt,
                              Instant revokedAt) {

    /** Whether a signature made at {@code moment} may be accepted: after registration, before rotation and revocation. */
    public boolean signsAt(Instant moment) {
        return !moment.isBefore(registeredAt) && (retiredAt == null || moment.isBefore(retiredAt))
                && (revokedAt == null || moment.isBefore(revokedAt));
    }
}
