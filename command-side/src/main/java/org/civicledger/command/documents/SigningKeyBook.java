package org.civicledger.command.documents;

import java.util.Optional;

/** Where the signing rules find a signer's registered key. */
public interface SigningKeyBook {

    Optional<SigningKeyFacts> key(String signerSubject, String keyId);
}
