package org.civicledger.events.common;

/**
 * A pointer to a supporting document held elsewhere (a document store, MyDoc, a paper file number).
 *
 * <p>The ledger records which kind of document was supplied and where it lives, never its bytes.
 * {@code kind} matches the codes of a case type's required documents.
 */
public record DocumentReference(String kind, String uri) {

    public static final int KIND_LENGTH_MAX = 64;
    public static final int URI_LENGTH_MAX = 512;

    public DocumentReference {
        if (kind == null || kind.isBlank() || kind.length() > KIND_LENGTH_MAX) {
            throw new IllegalArgumentException("document kind is required, at most " + KIND_LENGTH_MAX + " characters");
        }
        if (uri == null || uri.isBlank() || uri.length() > URI_LENGTH_MAX) {
            throw new IllegalArgumentException("document uri is required, at most " + URI_LENGTH_MAX + " characters");
        }
    }
}
