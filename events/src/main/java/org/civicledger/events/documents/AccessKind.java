package org.civicledger.events.documents;

/** How a document was accessed: its details viewed, or its content downloaded. */
public enum AccessKind {
    VIEW,
    DOWNLOAD
}
