package org.civicledger.command.privacy;

import java.security.SecureRandom;

/**
 * Where AES-GCM nonces come from: random 96-bit nonces in the ledger (safe for far more values per
 * data key than one citizen ever has), a fixed sequence in approval tests.
 */
@FunctionalInterface
public interface NonceSource {

    int NONCE_BYTES = 12;

    byte[] next();

    static NonceSource secureRandom() {
        SecureRandom random = new SecureRandom();
        return () -> {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            return nonce;
        };
    }
}
