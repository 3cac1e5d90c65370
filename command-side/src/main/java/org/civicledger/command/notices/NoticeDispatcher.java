package org.civicledger.command.notices;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the notices waiting in the outbox: claims due PENDING notices in small batches, hands each
 * to the sender of its channel, and records the outcome — SENT; a retry later, with exponential
 * backoff; FAILED after the last attempt; SKIPPED_NO_CHANNEL when no sender serves the channel.
 *
 * <p>Delivery is at least once: a node that dies after a send but before recording it sends the
 * notice again once the claim lease runs out. The SMS gateway receives the notice id as its
 * {@code reference} and can drop such duplicates. Nothing here runs on the command path, and
 * {@link #dispatchDue()} never throws.
 */
public class NoticeDispatcher {

    private static final Logger log = LoggerFactory.getLogger(NoticeDispatcher.class);
    /** Defence in depth for last_error: senders write their own reasons, but an address or number never passes. */
    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[^\\s@<>\"']+@[^\\s@<>\"']+");
    private static final Pattern PHONE_NUMBER = Pattern.compile("\\+?\\d{8,}");

    private final NoticeOutbox outbox;
    private final TransactionTemplate transactions;
    private final Map<NoticeChannel, NoticeSender> senders = new EnumMap<>(NoticeChannel.class);
    private final NoticeBackoff backoff;
    private final int batchSize;
    private final int batchesPerRunMax;
    private final Duration claimLease;
    private final Clock clock;
    private final Map<NoticeChannel, Counters> counters = new EnumMap<>(NoticeChannel.class);

    /**
     * @param senders at most one per channel; a channel without a sender has its notices skipped
     * @param meters where to count notices sent, retried and failed per channel; null for none
     */
    public NoticeDispatcher(NoticeOutbox outbox, PlatformTransactionManager transactionManager,
                            Collection<? extends NoticeSender> senders, NoticeProperties properties, Clock clock,
                            MeterRegistry meters) {
        this.outbox = outbox;
        this.transactions = new TransactionTemplate(transactionManager);
        for (NoticeSender sender : senders) {
            if (this.senders.put(sender.channel(), sender) != null) {
                throw new IllegalArgumentException("two notice senders for channel " + sender.channel());
            }
        }
        NoticeProperties.Retry retry = properties.getRetry();
        this.backoff = new NoticeBackoff(retry.getDelayBase(), retry.getDelayMax(), retry.getAttemptsMax());
        NoticeProperties.Dispatch dispatch = properties.getDispatch();
        if (dispatch.getBatchSize() < 1 || dispatch.getBatchesPerRunMax() < 1) {
            throw new IllegalArgumentException("notice dispatch batch size and batches per run must be at least 1");
        }
        this.batchSize = dispatch.getBatchSize();
        this.batchesPerRunMax = dispatch.getBatchesPerRunMax();
        this.claimLease = dispatch.getClaimLease();
        this.clock = clock;
        // Without a registry of the assembly's, the counters still count, in a registry of their own.
        MeterRegistry registry = meters != null ? meters : new SimpleMeterRegistry();
        for (NoticeChannel channel : NoticeChannel.values()) {
            counters.put(channel, Counters.of(registry, channel));
        }
    }

    /** The channels that have a sender; notices of the others are skipped. */
    public Set<NoticeChannel> channels() {
        return Collections.unmodifiableSet(senders.keySet());
    }

    /**
     * Sends due notices, batch after batch, until a batch is not full or {@code batchesPerRunMax}
     * batches are done (so one run is bounded). Returns how many notices were handled; never throws.
     */
    public int dispatchDue() {
        int handled = 0;
        Map<NoticeChannel, Integer> skipped = new EnumMap<>(NoticeChannel.class);
        try {
            for (int batch = 0; batch < batchesPerRunMax; batch++) {
                int claimed = dispatchBatch(skipped);
                handled += claimed;
                if (claimed < batchSize) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            // The database is away, most likely; claimed notices come due again after the lease.
            log.warn("Notice dispatch stopped early: {}", e.toString());
        }
        if (!skipped.isEmpty()) {
            // One line per run, not one per notice: a node without senders skips every notice it has.
            log.info("Notices skipped in this dispatch run, no sender configured: {}", skipped);
        }
        return handled;
    }

    /** Claims and sends one batch; returns how many notices it claimed. */

    private int dispatchBatch(Map<NoticeChannel, Integer> skipped) {
        Instant now = clock.instant();
        List<OutboxNotice> claimed = transactions.execute(status -> outbox.claimDue(now, claimLease, batchSize));
        if (claimed == null) {
            return 0;
        }
        for (OutboxNotice notice : claimed) {
            if (!send(notice)) {
                skipped.merge(notice.channel(), 1, Integer::sum);
            }
        }
        return claimed.size();
    }

    /** Sends or records the outcome; false when the notice was skipped (no sender for its channel). */
    private boolean send(OutboxNotice notice) {
        NoticeSender sender = senders.get(notice.channel());
        Counters count = counters.get(notice.channel());
        if (sender == null) {
            outbox.markSkipped(notice.id(), "no " + notice.channel() + " sender configured");
            count.skipped.increment();
            log.debug("Notice {} skipped: no {} sender configured", notice.noticeId(), notice.channel());
            return false;
        }
        int attempts = notice.attempts() + 1;
        try {
            sender.send(notice);
        } catch (Exception e) {
            String reason = safeReason(e);
            if (backoff.givesUpAfter(attempts)) {
                outbox.markFailed(notice.id(), attempts, reason);
                count.failed.increment();
                log.warn("Notice {} given up after {} attempts: {}", notice.noticeId(), attempts, reason);
            } else {
                Instant next = clock.instant().plus(backoff.delayAfter(attempts));
                outbox.scheduleRetry(notice.id(), attempts, next, reason);
                count.retried.increment();
                log.info("Notice {} attempt {} failed, retry at {}: {}", notice.noticeId(), attempts, next, reason);
            }
            return true;
        }
        outbox.markSent(notice.id(), attempts, clock.instant());
        count.sent.increment();
        return true;
    }

    /** A short reason fit for last_error: the sender's own reason, or only the exception's type. */
    static String safeReason(Exception e) {
        String reason = e instanceof NoticeSendException ? e.getMessage() : e.getClass().getName();
        if (reason == null || reason.isBlank()) {
            reason = e.getClass().getName();
        }
        reason = EMAIL_ADDRESS.matcher(reason).replaceAll("<address>");
        return PHONE_NUMBER.matcher(reason).replaceAll("<number>");
    }

    private record Counters(Counter sent, Counter retried, Counter failed, Counter skipped) {

        static Counters of(MeterRegistry meters, NoticeChannel channel) {
            String tag = channel.name().toLowerCase(Locale.ROOT);
            return new Counters(
                    Counter.builder("notices.sent").description("Notices sent").tag("channel", tag).register(meters),
                    Counter.builder("notices.retried").description("Failed notice sends that will be retried")
                            .tag("channel", tag).register(meters),
                    Counter.builder("notices.failed").description("Notices given up after the last attempt")
                            .tag("channel", tag).register(meters),
                    Counter.builder("notices.skipped").description("Notices of a channel with no sender configured")
                            .tag("channel", tag).register(meters));
        }
    }
}
