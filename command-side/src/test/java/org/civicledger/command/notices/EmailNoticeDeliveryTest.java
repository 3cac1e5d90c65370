package org.civicledger.command.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicledger.command.notices.NoticeFixtures.NATIONAL_ID;
import static org.civicledger.command.notices.NoticeFixtures.NOW;
import static org.civicledger.command.notices.NoticeFixtures.applicant;
import static org.civicledger.command.notices.NoticeFixtures.submitted;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.civicledger.command.cases.CaseCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** E-mail notices sent over SMTP to a real in-process SMTP server (GreenMail). */
class EmailNoticeDeliveryTest {

    @RegisterExtension
    static final GreenMailExtension smtpServer = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final NoticeDatabase database = new NoticeDatabase();
    private final MutableClock clock = new MutableClock(NOW);
    private final CaseNoticePolicy policy = new CaseNoticePolicy(database.outbox, clock);
    private final OutboxApplicantNotices applicantNotices = new OutboxApplicantNotices(database.outbox, clock);

    private NoticeDispatcher dispatcher() {
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(smtpServer.getSmtp().getPort());
        SmtpEmailSender email = new SmtpEmailSender(mail, "notices@city.example.gov");
        return new NoticeDispatcher(database.outbox, database.transactions, List.of(email), new NoticeProperties(), clock, null);
    }

    @Test
    void a_submission_notice_reaches_the_applicants_mailbox() throws Exception {
        policy.on(submitted("case-1", applicant("xiaoming@example.org", null)), "event-1");

        assertThat(dispatcher().dispatchDue()).isEqualTo(1);

        MimeMessage[] received = smtpServer.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage message = received[0];
        assertThat(message.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly("xiaoming@example.org");
        assertThat(message.getFrom()).extracting(Object::toString).containsExactly("notices@city.example.gov");
        assertThat(message.getSubject()).isEqualTo("申請已收到 Application received - case-1");
        assertThat((String) message.getContent()).contains("王小明 您好", "我們已收到您的申請", "Dear 王小明", "case-1")
                .doesNotContain(NATIONAL_ID);
        assertThat(message.getHeader(SmtpEmailSender.NOTICE_REFERENCE_HEADER)).containsExactly("event-1/EMAIL");
        assertThat(database.notice("event-1/EMAIL").get("status")).isEqualTo("SENT");
    }

    @Test
    void the_password_notice_is_sent_then_scrubbed_from_the_outbox() throws Exception {
        CaseCredentials credentials = new CaseCredentials("1140303-0001", "Kq7-secret-Pw", "pbkdf2-sha256$1$c2FsdA$aGFzaA");
        applicantNotices.credentialsIssued("case-1", applicant("xiaoming@example.org", "0912345678"), credentials);
        Map<String, Object> queued = database.notice("credentials/case-1/EMAIL");
        assertThat((String) queued.get("body")).contains("Kq7-secret-Pw");
        assertThat(queued.get("contains_secret")).isEqualTo(true);

        dispatcher().dispatchDue();

        MimeMessage[] received = smtpServer.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).contains("1140303-0001").doesNotContain("Kq7-secret-Pw");
        assertThat((String) received[0].getContent()).contains("1140303-0001", "Kq7-secret-Pw");
        Map<String, Object> sent = database.notice("credentials/case-1/EMAIL");
        assertThat(sent.get("status")).isEqualTo("SENT");
        assertThat(sent.get("body")).isEqualTo(NoticeTexts.SCRUBBED_BODY);
        // No SMS sender here: the SMS copy is skipped, and scrubbed too, since it will never be sent.
        Map<String, Object> skipped = database.notice("credentials/case-1/SMS");
        assertThat(skipped.get("status")).isEqualTo("SKIPPED_NO_CHANNEL");
        assertThat(skipped.get("body")).isEqualTo(NoticeTexts.SCRUBBED_BODY);
        assertThat(database.jdbc.queryForObject(
                "SELECT COUNT(*) FROM notice_outbox WHERE body LIKE '%Kq7-secret-Pw%' OR subject LIKE '%Kq7-secret-Pw%'",
                Integer.class)).isZero();
    }
}
