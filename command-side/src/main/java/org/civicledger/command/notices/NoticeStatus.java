package org.civicledger.command.notices;

/** Where a queued notice stands; every state but PENDING is final unless an operator resets it. */
public enum NoticeStatus {
    /** Waiting for its first attempt or for a retry at {@code next_attempt_at}. */
    PENDING,
    SENT,
    /** Given up after the maximum number of attempts; kept for operators to see. */
    FAILED,
    /** No sender is configured for the notice's channel (no mail host, no SMS gateway URL). */
    SKIPPED_NO_CHANNEL
}
