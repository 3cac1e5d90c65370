package org.civicledger.command.documents;

import java.time.Instant;
import java.util.Optional;

/**
 * Where documents' bytes are kept, by their SHA-256: written in the transaction of the command that registers
 * the document, so a refused registration leaves no bytes behind.
 */
public interface DocumentContents {

    /** Stores {@code content} under its hash; storing the same bytes again changes nothing. */
    void store(String sha256, byte[] content, Instant storedAt);

    Optional<byte[]> content(String sha256);
}
