package org.civicledger.query.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What "the same request" means for an Idempotency-Key: HMAC-SHA256 over method, path with query and body, under
 * a key of the ledger's (the assembly derives it from the privacy master key).
 *
 * <p>Keyed, not a plain hash, because the fingerprint rests in {@code idempotency_key} for a day and a body may be
 * little more than a national ID (an erasure request): about 10^9 valid IDs could be hashed and compared by
 * anyone reading the table. Every node derives the same key, so a retry may land on any of them.
 */
public final class RequestFingerprint {

    private final SecretKeySpec key;

    public RequestFingerprint(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("the request fingerprint key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** 64 hex digits. */
    public String of(String method, String pathAndQuery, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((method + "\n" + pathAndQuery + "\n").getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is available in every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "RequestFingerprint[HMAC-SHA256]";
    }
}
