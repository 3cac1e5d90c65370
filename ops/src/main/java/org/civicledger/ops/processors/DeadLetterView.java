package org.civicledger.ops.processors;

/**
 * A dead-lettered event as operators and auditors see it: its sequence (the aggregate it belongs to) and
 * place in that sequence, message and payload type, the aggregate and its sequence number, the cause, when
 * it was enqueued and last tried, and how many times handling it failed ({@code attempts}, from the dead
 * letter's diagnostics; null for letters enqueued before that count existed). No payload and no metadata:
 * they may hold personal data.
 */
public record DeadLetterView(String deadLetterId, String sequenceIdentifier, long sequenceIndex, String messageType,
                             String payloadType, String eventIdentifier, String aggregateIdentifier, Long sequenceNumber,
                             String causeType, String causeMessage, String enqueuedAt, String lastTouched, Long attempts) {
}
