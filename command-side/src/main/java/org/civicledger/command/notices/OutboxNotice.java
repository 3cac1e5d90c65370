package org.civicledger.command.notices;

/**
 * A notice as the dispatcher reads it from the outbox, to hand to a {@link NoticeSender}.
 *
 * @param attempts send attempts made before this one
 */
public record OutboxNotice(
        long id,
        String noticeId,
        String caseId,
        NoticeKind kind,
        NoticeChannel channel,
        String recipient,
        String subject,
        String body,
        boolean containsSecret,
        int attempts) {

    @Override
    public String toString() {
        return "OutboxNotice[" + noticeId + ", attempts " + attempts + "]";
    }
}
