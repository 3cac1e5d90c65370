package org.civicledger.command.notices;

/**
 * What one notice says: a subject and body for e-mail, a short text for SMS.
 *
 * @param containsSecret true when the texts carry the plain case password, which the outbox
 *     scrubs once the notice is sent or given up
 */
public record NoticeText(NoticeKind kind, String subject, String emailBody, String smsText, boolean containsSecret) {

    public String body(NoticeChannel channel) {
        return switch (channel) {
            case EMAIL -> emailBody;
            case SMS -> smsText;
        };
    }
}
