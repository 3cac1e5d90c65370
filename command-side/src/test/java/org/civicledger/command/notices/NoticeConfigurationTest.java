package org.civicledger.command.notices;

import static org.assertj.core.api.Assertions.assertThat;

import org.civicledger.command.cases.ApplicantNotices;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;

/** The beans NoticeConfiguration gives an assembly, and how properties switch its channels and schedule. */
class NoticeConfigurationTest {

    private final NoticeDatabase database = new NoticeDatabase();
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(NoticeConfiguration.class)
            .withBean(JdbcTemplate.class, () -> database.jdbc)
            .withBean(PlatformTransactionManager.class, () -> database.transactions);

    @Test
    void with_nothing_configured_notices_are_queued_and_dispatched_but_no_channel_has_a_sender() {
        context.run(beans -> {
            assertThat(beans).hasSingleBean(CaseNoticePolicy.class)
                    .hasSingleBean(NoticeDispatcher.class)
                    .hasSingleBean(NoticeDispatchSchedule.class);
            assertThat(beans.getBean(ApplicantNotices.class)).isInstanceOf(OutboxApplicantNotices.class);
            assertThat(beans.getBean(NoticeDispatcher.class).channels()).isEmpty();
            assertThat(beans.getBean(NoticeDispatchSchedule.class).isRunning()).isTrue();
        });
    }

    @Test
    void a_mail_sender_with_a_from_address_and_an_sms_url_open_both_channels() {
        context.withBean(JavaMailSender.class, JavaMailSenderImpl::new)
                .withPropertyValues("ledger.notices.email.from=notices@city.example.gov",
                        "ledger.notices.sms.url=http://127.0.0.1:9/sms",
                        "ledger.notices.retry.delay-base=PT10S",
                        "ledger.notices.retry.attempts-max=4")
                .run(beans -> {
                    assertThat(beans.getBean(NoticeDispatcher.class).channels())
                            .containsExactlyInAnyOrder(NoticeChannel.EMAIL, NoticeChannel.SMS);
                    assertThat(beans.getBean(NoticeProperties.class).getRetry().getAttemptsMax()).isEqualTo(4);
                });
    }

    @Test
    void a_mail_sender_without_a_from_address_sends_no_email() {
        context.withBean(JavaMailSender.class, JavaMailSenderImpl::new)
                .run(beans -> assertThat(beans.getBean(NoticeDispatcher.class).channels()).isEmpty());
    }

    @Test
    void dispatch_can_be_switched_off_on_a_node() {
        context.withPropertyValues("ledger.notices.dispatch.enabled=false")
                .run(beans -> assertThat(beans).hasSingleBean(NoticeDispatcher.class)
                        .doesNotHaveBean(NoticeDispatchSchedule.class));
    }
}
