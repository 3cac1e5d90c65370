package org.civicledger.command.privacy;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * A {@link SecureRandom} per thread: the JDK's DRBG (NIST SP 800-90A), each instance seeded by the
 * system on first use.
 *
 * <p>Why: one shared {@code new SecureRandom()} (NativePRNG on Linux) serializes every caller on one
 * lock, and sealing draws a nonce per personal-data value on every client thread at once. Per-thread
 * generators keep the same cryptographic quality without the lock.
 */
public final class PerThreadSecureRandom {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(PerThreadSecureRandom::create);

    private PerThreadSecureRandom() {
    }

    public static SecureRandom current() {
        return RANDOM.get();
    }

    public static void nextBytes(byte[] bytes) {
        RANDOM.get().nextBytes(bytes);
    }

    private static SecureRandom create() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
