package org.civicledger.projections.citizenhistory;

import java.time.Instant;

/** One entry of a citizen's timeline: an event that concerns them, at its global position. */
public record TimelineEntry(long position, Instant occurredAt, String kind, String caseId, String summary) {
}
