package org.civicledger.command.documents;

/** What a document command answers: the document as it stands afterwards. */
public record DocumentResult(String documentId, String sha256, String status, Integer currentStep, boolean duplicate) {
}
