package org.civicledger.projections.integrity;

/** A published checkpoint: the tree size, its RFC 6962 root, the signed note and when it was signed (ISO-8601). */
public record Checkpoint(long treeSize, byte[] rootHash, String note, String signedAt) {
}
