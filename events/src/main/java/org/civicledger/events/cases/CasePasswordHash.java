package org.civicledger.events.cases;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The stored form of a case password: PBKDF2-HMAC-SHA256 with a per-case salt.
 *
 * <p>Format: {@code pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>}. The format names its
 * own parameters so that a later, stronger setting can verify old hashes. Lives in the contract
 * because the command side writes it and the query side checks it.
 */
public final class CasePasswordHash {

    /**
     * PBKDF2 iterations of new hashes: 10,000 (about 12 ms of one core on the 2-core test machine).
     *
     * <p>Why so few, when guidance for human-chosen passwords asks for hundreds of thousands: a case
     * password is not chosen by a person. The issuer draws 8 symbols uniformly from a 55-symbol alphabet,
     * about 46 bits (55^8 = 8.4e13), and the online lookup is rate-limited, so guessing through the service is
     * out of reach whatever the hash costs. The iterations only slow down someone who has stolen the stored
     * hashes: a current GPU computes in the order of 10^10 PBKDF2-SHA256 iterations per second, so at 10,000
     * iterations it tries ~10^6 passwords per second and needs ~4e7 s (over a year) on average for one case
     * — and a cracked hash opens one case's status page, not an account. The former 120,000 iterations cost
     * ~140 ms of CPU per acceptance (and per status lookup), which dominated loading and capped a node at a
     * handful of acceptances per second per core.
     *
     * <p>Hashes name their iteration count, so hashes stored with 120,000 still verify.
     */
    public static final int ITERATIONS = 10_000;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final int HASH_BITS = 256;

    private CasePasswordHash() {
    }

    public static String hash(String password, byte[] salt) {
        return hash(password, salt, ITERATIONS);
    }

    static String hash(String password, byte[] salt, int iterations) {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(derive(password, salt, iterations));
    }

    /** True when the password matches the stored hash; compares in constant time. */
    public static boolean matches(String password, String stored) {
        if (password == null || stored == null) {
            return false;
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(password, salt, iterations));
        } catch (IllegalArgumentException malformed) {
            // A damaged stored value (bad number, bad base64, iterations below one) opens nothing; it must not throw.
            return false;
        }
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
        }
    }
}
