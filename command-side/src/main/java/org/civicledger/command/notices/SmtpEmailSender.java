package org.civicledger.command.notices;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Objects;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends e-mail notices over SMTP through Spring's {@link JavaMailSender} (configured by
 * {@code spring.mail.*}), from the address {@code ledger.notices.email.from}.
 */
public class SmtpEmailSender implements NoticeSender {

    /** Carries the notice id, so a notice found in a mailbox can be traced to its outbox row. */
    public static final String NOTICE_REFERENCE_HEADER = "X-Civic-Ledger-Notice";

    private final JavaMailSender mailSender;
    private final String fromAddress;

    public SmtpEmailSender(JavaMailSender mailSender, String fromAddress) {
        this.mailSender = Objects.requireNonNull(mailSender, "mailSender");
        if (fromAddress == null || fromAddress.isBlank()) {
            throw new IllegalArgumentException("ledger.notices.email.from is required to send e-mail notices");
        }
        this.fromAddress = fromAddress;
    }

    @Override
    public NoticeChannel channel() {
        return NoticeChannel.EMAIL;
    }

    @Override
    public void send(OutboxNotice notice) throws NoticeSendException {
        try {
            MimeMessage message = mailSender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(fromAddress);
            helper.setTo(notice.recipient());
            helper.setSubject(notice.subject() == null ? "" : notice.subject());
            helper.setText(notice.body(), false);
            message.setHeader(NOTICE_REFERENCE_HEADER, notice.noticeId());
            mailSender.send(message);
        } catch (MailException | MessagingException e) {
            // The exception's own message may quote the recipient's address: only its type is kept.
            throw new NoticeSendException("SMTP send failed: " + e.getClass().getSimpleName()
                    + (e.getCause() != null ? " caused by " + e.getCause().getClass().getSimpleName() : ""), e);
        }
    }
}
