package org.civicledger.command.privacy;

/**
 * Where AES-GCM nonces come from: random 96-bit nonces in the ledger (safe for far more values per
 * data key than one citizen ever has), a fixed sequence in approval tests.
 */
@FunctionalInterface
public interface NonceSource {

    int NONCE_BYTES = 12;

    byte[] next();

    /** Random nonces from a SecureRandom (DRBG) per thread, so concurrent sealing does not queue on one lock. */
    static NonceSource secureRandom() {
        return () -> {
            byte[] nonce = new byte[NONCE_BYTES];
            PerThreadSecureRandom.nextBytes(nonce);
            return nonce;
        };
    }
}
