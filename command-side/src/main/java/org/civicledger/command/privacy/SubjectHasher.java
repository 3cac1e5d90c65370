package org.civicledger.command.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.civicledger.events.common.NationalId;

/**
 * Turns a national ID into the citizen's subject reference: HMAC-SHA256 under the lookup key
 * (derived from the master key with the label {@value MasterKey#LOOKUP_LABEL}), base64url without
 * padding, 43 characters.
 *
 * <p>The reference is stable, so the ledger finds a citizen's data key, their notice rows and their
 * privacy stream by national ID without ever storing the ID. It is keyed rather than a plain hash
 * because national IDs are few (about 10^9 valid ones): a plain hash of each could be tried by
 * anyone with the tables; a keyed one only by someone who also holds the master key.
 */
public final class SubjectHasher {

    private final SecretKeySpec lookupKey;

    public SubjectHasher(MasterKey masterKey) {
        this.lookupKey = new SecretKeySpec(masterKey.derive(MasterKey.LOOKUP_LABEL), "HmacSHA256");
    }

    public String refFor(NationalId nationalId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(lookupKey);
            byte[] digest = mac.doFinal(nationalId.value().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "SubjectHasher[lookup v1]";
    }
}
