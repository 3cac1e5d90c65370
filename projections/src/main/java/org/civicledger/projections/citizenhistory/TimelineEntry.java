package org.civicledger.projections.citizenhistory;

import java.time.Instant;

/**
 * One entry of a citizen's timeline: an event that concerns them, at its global position. {@code category} says what
 * it is about ({@code case}, {@code bill}, {@code payment}, {@code grant}, {@code receipt} or {@code document}) and
 * {@code itemId} which one; {@code caseId} is the case it belongs to, if any (a case's events, a case's fee bill).
 */
public record TimelineEntry(long position, Instant occurredAt, String kind, String caseId, String category, String itemId,
                            String summary) {
}
