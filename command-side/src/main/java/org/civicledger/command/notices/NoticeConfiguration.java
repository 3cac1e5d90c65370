package org.civicledger.command.notices;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The beans of applicant notices. Every bean is declared here and none of the classes is a
 * component, so importing this class and component-scanning {@code org.civicledger} give the same
 * beans once.
 *
 * <p>Needs from the assembly: a {@link JdbcTemplate} and {@link PlatformTransactionManager} on the
 * ledger's database (Boot's JDBC auto-configuration), the Flyway migrations, and processing group
 * {@value CaseNoticePolicy#PROCESSING_GROUP} configured as a subscribing processor. Uses when present:
 * a {@link Clock} bean, a {@link JavaMailSender} (Boot creates one when {@code spring.mail.host} is
 * set) and a {@link MeterRegistry}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NoticeProperties.class)
public class NoticeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NoticeConfiguration.class);

    @Bean
    public NoticeOutbox noticeOutbox(JdbcTemplate jdbcTemplate) {
        return new NoticeOutbox(jdbcTemplate);
    }

    @Bean
    public CaseNoticePolicy caseNoticePolicy(NoticeOutbox noticeOutbox, ObjectProvider<Clock> clock) {
        return new CaseNoticePolicy(noticeOutbox, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    public OutboxApplicantNotices applicantNotices(NoticeOutbox noticeOutbox, ObjectProvider<Clock> clock) {
        return new OutboxApplicantNotices(noticeOutbox, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    public NoticeDispatcher noticeDispatcher(NoticeOutbox noticeOutbox, PlatformTransactionManager transactionManager,
                                             NoticeProperties properties, ObjectProvider<JavaMailSender> mailSender,
                                             ObjectProvider<MeterRegistry> meters, ObjectProvider<Clock> clock) {
        return new NoticeDispatcher(noticeOutbox, transactionManager, senders(properties, mailSender.getIfAvailable()),
                properties, clock.getIfAvailable(Clock::systemUTC), meters.getIfAvailable());
    }

    @Bean
    @ConditionalOnProperty(prefix = "ledger.notices.dispatch", name = "enabled", havingValue = "true", matchIfMissing = true)
    public NoticeDispatchSchedule noticeDispatchSchedule(NoticeDispatcher noticeDispatcher, NoticeProperties properties) {
        return new NoticeDispatchSchedule(noticeDispatcher, properties.getDispatch().getInterval());
    }

    /**
     * The senders the configuration allows: e-mail when a mail sender and a From address are
     * present, SMS when a gateway URL is set. A channel left out is not an error: its notices are
     * marked SKIPPED_NO_CHANNEL, visible, rather than retried against nothing.
     */
    static List<NoticeSender> senders(NoticeProperties properties, JavaMailSender mailSender) {
        List<NoticeSender> senders = new ArrayList<>();
        String from = properties.getEmail().getFrom();
        if (mailSender != null && from != null && !from.isBlank()) {
            senders.add(new SmtpEmailSender(mailSender, from));
        } else if (mailSender != null) {
            log.warn("spring.mail is configured but ledger.notices.email.from is not: e-mail notices are skipped");
        }
        NoticeProperties.Sms sms = properties.getSms();
        if (sms.getUrl() != null) {
            senders.add(new HttpSmsGateway(sms.getUrl(), sms.getBearerToken(), sms.getConnectTimeout(),
                    sms.getRequestTimeout()));
        }
        return senders;
    }
}
