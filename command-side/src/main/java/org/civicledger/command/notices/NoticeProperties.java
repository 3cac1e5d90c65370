package org.civicledger.command.notices;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of applicant notices, under {@code ledger.notices}. With none of them set, notices are
 * queued and dispatched, and — no channel being configured — marked SKIPPED_NO_CHANNEL: the ledger
 * makes no outbound call unless told where to.
 */
@ConfigurationProperties(prefix = "ledger.notices")
public class NoticeProperties {

    private final Dispatch dispatch = new Dispatch();
    private final Retry retry = new Retry();
    private final Email email = new Email();
    private final Sms sms = new Sms();

    public Dispatch getDispatch() {
        return dispatch;
    }

    public Retry getRetry() {
        return retry;
    }

    public Email getEmail() {
        return email;
    }

    public Sms getSms() {
        return sms;
    }

    /** {@code ledger.notices.dispatch.*}: the dispatcher's schedule and batches. */
    public static class Dispatch {
        /** Whether this node runs the dispatcher; notices are queued either way. */
        private boolean enabled = true;
        /** Pause between the end of one dispatch run and the start of the next. */
        private Duration interval = Duration.ofSeconds(5);
        private int batchSize = 20;
        /** Batches one run sends at most, so a backlog is worked through in bounded runs. */
        private int batchesPerRunMax = 10;
        /** How long a claimed notice is hidden from other nodes while it is being sent. */
        private Duration claimLease = Duration.ofMinutes(2);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public int getBatchesPerRunMax() {
            return batchesPerRunMax;
        }

        public void setBatchesPerRunMax(int batchesPerRunMax) {
            this.batchesPerRunMax = batchesPerRunMax;
        }

        public Duration getClaimLease() {
            return claimLease;
        }

        public void setClaimLease(Duration claimLease) {
            this.claimLease = claimLease;
        }
    }

    /** {@code ledger.notices.retry.*}: exponential backoff of failed sends. */
    public static class Retry {
        private Duration delayBase = Duration.ofSeconds(30);
        private Duration delayMax = Duration.ofHours(1);
        /** Attempts in all, the first included, before a notice is marked FAILED. */
        private int attemptsMax = 8;

        public Duration getDelayBase() {
            return delayBase;
        }

        public void setDelayBase(Duration delayBase) {
            this.delayBase = delayBase;
        }

        public Duration getDelayMax() {
            return delayMax;
        }

        public void setDelayMax(Duration delayMax) {
            this.delayMax = delayMax;
        }

        public int getAttemptsMax() {
            return attemptsMax;
        }

        public void setAttemptsMax(int attemptsMax) {
            this.attemptsMax = attemptsMax;
        }
    }

    /** {@code ledger.notices.email.*}; the SMTP server itself is {@code spring.mail.*}. */
    public static class Email {
        /** The From address of e-mail notices; e-mail is sent only when this and spring.mail.host are set. */
        private String from;

        public String getFrom() {
            return from;
        }

        public void setFrom(String from) {
            this.from = from;
        }
    }

    /** {@code ledger.notices.sms.*}: the HTTP SMS gateway; SMS is sent only when the URL is set. */
    public static class Sms {
        private URI url;
        private String bearerToken;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);

        public URI getUrl() {
            return url;
        }

        public void setUrl(URI url) {
            this.url = url;
        }

        public String getBearerToken() {
            return bearerToken;
        }

        public void setBearerToken(String bearerToken) {
            this.bearerToken = bearerToken;
        }

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getRequestTimeout() {
            return requestTimeout;
        }

        public void setRequestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
        }
    }
}
