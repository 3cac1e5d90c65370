package org.civicledger.command.notices;

import java.util.Objects;

/**
 * A notice to be written to the outbox: one channel, one recipient.
 *
 * @param noticeId derived from what caused the notice (event id or case) and the channel, so that
 *     queuing the same notice twice writes one row
 */
public record QueuedNotice(
        String noticeId,
        String caseId,
        NoticeKind kind,
        NoticeChannel channel,
        String recipient,
        String subject,
        String body,
        boolean containsSecret) {

    public static final int NOTICE_ID_LENGTH_MAX = 200;
    public static final int SUBJECT_LENGTH_MAX = 200;
    public static final int BODY_LENGTH_MAX = 8_000;

    public QueuedNotice {
        Objects.requireNonNull(noticeId, "noticeId");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(body, "body");
        if (noticeId.length() > NOTICE_ID_LENGTH_MAX) {
            throw new IllegalArgumentException("notice id longer than " + NOTICE_ID_LENGTH_MAX + " characters");
        }
        // Texts come partly from officers (reasons, extension notices); a notice is cut rather than
        // refused, because refusing would lose it.
        subject = NoticeTexts.cut(subject, SUBJECT_LENGTH_MAX);
        body = NoticeTexts.cut(body, BODY_LENGTH_MAX);
    }

    /** The notice id of a notice caused by an event: the event's id and the channel. */
    public static String idFor(String eventId, NoticeChannel channel) {
        return eventId + "/" + channel;
    }

    @Override
    public String toString() {
        return "QueuedNotice[" + noticeId + ", " + kind + "]";
    }
}
