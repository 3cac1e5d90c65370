package org.civicledger.command.notices;

import java.time.Duration;

/**
 * When a failed notice is tried again: the delay doubles after each failed attempt, from
 * {@code delayBase} up to {@code delayMax}; after {@code attemptsMax} attempts the notice is given up.
 */
public record NoticeBackoff(Duration delayBase, Duration delayMax, int attemptsMax) {

    /** Doubling stops here, far beyond any sensible cap, so the arithmetic cannot overflow. */
    private static final int DOUBLINGS_MAX = 30;

    public NoticeBackoff {
        if (delayBase == null || delayBase.isNegative() || delayBase.isZero()) {
            throw new IllegalArgumentException("retry delay base must be positive");
        }
        if (delayMax == null || delayMax.compareTo(delayBase) < 0) {
            throw new IllegalArgumentException("retry delay max must be at least the delay base");
        }
        if (attemptsMax < 1) {
            throw new IllegalArgumentException("retry attempts max must be at least 1");
        }
    }

    /** The delay before the next attempt, after {@code attemptsFailed} (at least 1) failed attempts. */
    public Duration delayAfter(int attemptsFailed) {
        int doublings = Math.min(Math.max(attemptsFailed - 1, 0), DOUBLINGS_MAX);
        Duration delay = delayBase.multipliedBy(1L << doublings);
        return delay.compareTo(delayMax) > 0 ? delayMax : delay;
    }

    public boolean givesUpAfter(int attemptsMade) {
        return attemptsMade >= attemptsMax;
    }
}
