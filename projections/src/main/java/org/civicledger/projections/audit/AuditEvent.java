package org.civicledger.projections.audit;

import java.time.Instant;

/** One event of the audit trail: where it belongs, when it was recorded, and its envelope; no payload content. */
public record AuditEvent(long globalIndex, String eventIdentifier, String aggregateType, String aggregateIdentifier,
                         Long sequenceNumber, String payloadType, Instant recordedAt, String actorSubject, String actorRole,
                         String actorAgency, String channel, String commandId, String correlationId, String causationId) {
}
