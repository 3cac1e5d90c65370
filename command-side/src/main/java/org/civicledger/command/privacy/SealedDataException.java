package org.civicledger.command.privacy;

/**
 * Sealed personal data could not be opened although its key exists (wrong master key, altered or
 * moved ciphertext), or its key never existed. Unlike an erased key, which reads as the erased form,
 * this is a fault to be seen: the message names the subject reference, never any plaintext.
 */
public class SealedDataException extends RuntimeException {

    public SealedDataException(String message) {
        super(message);
    }

    public SealedDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
