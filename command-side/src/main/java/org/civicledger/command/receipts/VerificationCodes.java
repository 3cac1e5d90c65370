package org.civicledger.command.receipts;

import java.security.SecureRandom;

/**
 * Makes receipts' verification codes: 12 characters of RFC 4648 base32 (60 random bits) from {@link SecureRandom}.
 * Given to the desk from outside, as time is, so that decisions stay replayable and tests can fix the code.
 */
public interface VerificationCodes {

    int LENGTH = 12;
    String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    String next();

    static VerificationCodes secureRandom() {
        SecureRandom random = new SecureRandom();
        return () -> {
            char[] code = new char[LENGTH];
            for (int i = 0; i < LENGTH; i++) {
                code[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            }
            return new String(code);
        };
    }
}
