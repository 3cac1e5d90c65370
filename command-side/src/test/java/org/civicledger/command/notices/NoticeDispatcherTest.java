package org.civicledger.command.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicledger.command.notices.NoticeFixtures.NOW;
import static org.civicledger.command.notices.NoticeFixtures.applicant;
import static org.civicledger.command.notices.NoticeFixtures.submitted;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dispatcher's bookkeeping, with senders that are plain lambdas. */
class NoticeDispatcherTest {

    private final NoticeDatabase database = new NoticeDatabase();
    private final MutableClock clock = new MutableClock(NOW);
    private final CaseNoticePolicy policy = new CaseNoticePolicy(database.outbox, clock);
    private final NoticeProperties properties = new NoticeProperties();

    private NoticeDispatcher dispatcher(NoticeSender... senders) {
        return new NoticeDispatcher(database.outbox, database.transactions, List.of(senders), properties, clock, null);
    }

    private static NoticeSender sms(List<OutboxNotice> sent) {
        return new NoticeSender() {
            @Override
            public NoticeChannel channel() {
                return NoticeChannel.SMS;
            }

            @Override
            public void send(OutboxNotice notice) {
                sent.add(notice);
            }
        };
    }

    @Test
    void notices_of_a_channel_without_a_sender_are_marked_skipped_not_retried() {
        policy.on(submitted("case-1", applicant("xiaoming@example.org", "0912345678")), "event-1");
        List<OutboxNotice> sent = new ArrayList<>();

        dispatcher(sms(sent)).dispatchDue();

        assertThat(sent).extracting(OutboxNotice::noticeId).containsExactly("event-1/SMS");
        Map<String, Object> email = database.notice("event-1/EMAIL");
        assertThat(email.get("status")).isEqualTo("SKIPPED_NO_CHANNEL");
        assertThat(email.get("attempts")).isEqualTo(0);
        assertThat(email.get("last_error")).isEqualTo("no EMAIL sender configured");
        assertThat(database.notice("event-1/SMS").get("status")).isEqualTo("SENT");
    }

    @Test
    void a_sender_failure_quoting_personal_data_is_recorded_without_it() {
        policy.on(submitted("case-1", applicant("xiaoming@example.org", "0912345678")), "event-1");
        NoticeSender leaky = new NoticeSender() {
            @Override
            public NoticeChannel channel() {
                return NoticeChannel.EMAIL;
            }

            @Override
            public void send(OutboxNotice notice) throws NoticeSendException {
                throw new NoticeSendException("refused xiaoming@example.org and +886912345678");
            }
        };
        NoticeSender crashing = new NoticeSender() {
            @Override
            public NoticeChannel channel() {
                return NoticeChannel.SMS;
            }

            @Override
            public void send(OutboxNotice notice) {
                throw new IllegalStateException("boom for 0912345678");
            }
        };

        assertThat(dispatcher(leaky, crashing).dispatchDue()).isEqualTo(2);

        assertThat(database.notice("event-1/EMAIL").get("last_error")).isEqualTo("refused <address> and <number>");
        assertThat(database.notice("event-1/SMS").get("last_error")).isEqualTo(IllegalStateException.class.getName());
        assertThat(database.notices()).allSatisfy(row -> assertThat(row.get("status")).isEqualTo("PENDING"));
    }

    @Test
    void a_claimed_notice_is_hidden_from_other_dispatchers_until_its_lease_ends() {
        policy.on(submitted("case-1", applicant(null, "0912345678")), "event-1");
        properties.getDispatch().setClaimLease(Duration.ofMinutes(2));

        List<OutboxNotice> claimed = database.outbox.claimDue(NOW, Duration.ofMinutes(2), 10);
        assertThat(claimed).hasSize(1);
        // The node that claimed it died before sending: nobody else takes it during the lease …
        List<OutboxNotice> sent = new ArrayList<>();
        assertThat(dispatcher(sms(sent)).dispatchDue()).isZero();

        // … and once the lease is over, another dispatcher sends it.
        clock.advance(Duration.ofMinutes(2));
        dispatcher(sms(sent)).dispatchDue();
        assertThat(sent).hasSize(1);
        assertThat(database.notice("event-1/SMS").get("status")).isEqualTo("SENT");
    }

    @Test
    void a_backlog_is_sent_in_bounded_batches() {
        for (int i = 0; i < 7; i++) {
            policy.on(submitted("case-" + i, applicant(null, "0912345678")), "event-" + i);
        }
        properties.getDispatch().setBatchSize(3);
        properties.getDispatch().setBatchesPerRunMax(2);
        List<OutboxNotice> sent = new ArrayList<>();
        NoticeDispatcher dispatcher = dispatcher(sms(sent));

        assertThat(dispatcher.dispatchDue()).isEqualTo(6);
        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        assertThat(sent).extracting(OutboxNotice::noticeId).doesNotHaveDuplicates().hasSize(7);
    }

    @Test
    void a_dispatch_run_with_the_database_gone_returns_without_throwing() {
        policy.on(submitted("case-1", applicant(null, "0912345678")), "event-1");
        database.jdbc.execute("DROP TABLE notice_outbox");

        assertThat(dispatcher(sms(new ArrayList<>())).dispatchDue()).isZero();
    }
}
