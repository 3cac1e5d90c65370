package org.civicledger.projections.integrity;

/**
 * One row of {@code domainevententry} exactly as stored: the bytes and strings an event hash covers.
 * {@code globalIndex} is not part of the hash (the Merkle tree binds the position; see docs/integrity.md).
 */
public record StoredEvent(long globalIndex, String type, String aggregateIdentifier, long sequenceNumber,
                          String eventIdentifier, String timestamp, String payloadType, String payloadRevision,
                          byte[] payload, byte[] metadata) {
}
