package org.civicledger.command.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicledger.command.notices.NoticeFixtures.NOW;
import static org.civicledger.command.notices.NoticeFixtures.TODAY;
import static org.civicledger.command.notices.NoticeFixtures.applicant;
import static org.civicledger.command.notices.NoticeFixtures.submitted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.civicledger.events.cases.CaseEvent.CaseRejected;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SMS notices sent to a real local HTTP server standing in for the gateway, with retries and giving up. */
class SmsNoticeDeliveryTest {

    private static final Duration DELAY_BASE = Duration.ofSeconds(30);

    private final NoticeDatabase database = new NoticeDatabase();
    private final MutableClock clock = new MutableClock(NOW);
    private final CaseNoticePolicy policy = new CaseNoticePolicy(database.outbox, clock);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SmsGatewayStub gateway;
    private final NoticeDispatcher dispatcher;

    SmsNoticeDeliveryTest() throws Exception {
        gateway = new SmsGatewayStub();
        NoticeProperties properties = new NoticeProperties();
        properties.getRetry().setDelayBase(DELAY_BASE);
        properties.getRetry().setDelayMax(Duration.ofMinutes(10));
        properties.getRetry().setAttemptsMax(3);
        HttpSmsGateway sms = new HttpSmsGateway(gateway.url(), "gateway-token", Duration.ofSeconds(2), Duration.ofSeconds(5));
        dispatcher = new NoticeDispatcher(database.outbox, database.transactions, List.of(sms), properties, clock, meters);
    }

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    @Test
    void an_sms_notice_is_posted_to_the_gateway_as_json_with_the_bearer_token() throws Exception {
        policy.on(submitted("case-1", applicant(null, "0912345678")), "event-1");

        assertThat(dispatcher.dispatchDue()).isEqualTo(1);

        assertThat(gateway.received()).hasSize(1);
        SmsGatewayStub.Received request = gateway.received().get(0);
        assertThat(request.authorization()).isEqualTo("Bearer gateway-token");
        assertThat(request.contentType()).startsWith("application/json");
        JsonNode json = new ObjectMapper().readTree(request.body());
        assertThat(json.get("to").asText()).isEqualTo("0912345678");
        assertThat(json.get("reference").asText()).isEqualTo("event-1/SMS");
        assertThat(json.get("text").asText()).contains("case-1", "Application received");
        Map<String, Object> row = database.notice("event-1/SMS");
        assertThat(row.get("status")).isEqualTo("SENT");
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat(row.get("sent_at")).isNotNull();
        assertThat(meters.counter("notices.sent", "channel", "sms").count()).isEqualTo(1);
    }

    @Test
    void a_notice_the_gateway_refuses_twice_is_sent_on_the_third_attempt_after_backing_off() {
        policy.on(submitted("case-1", applicant(null, "0912345678")), "event-1");
        gateway.answer(500, 500, 200);

        dispatcher.dispatchDue();
        Map<String, Object> afterFirst = database.notice("event-1/SMS");
        assertThat(afterFirst.get("status")).isEqualTo("PENDING");
        assertThat(afterFirst.get("attempts")).isEqualTo(1);
        assertThat(afterFirst.get("last_error")).isEqualTo("SMS gateway answered HTTP 500");
        assertThat(database.nextAttemptAt("event-1/SMS")).isEqualTo(NOW.plus(DELAY_BASE));

        assertThat(dispatcher.dispatchDue()).as("not due before the backoff has passed").isZero();

        clock.advance(DELAY_BASE);
        dispatcher.dispatchDue();
        assertThat(database.notice("event-1/SMS").get("attempts")).isEqualTo(2);
        assertThat(database.nextAttemptAt("event-1/SMS")).as("the delay doubles").isEqualTo(clock.instant().plus(DELAY_BASE.multipliedBy(2)));

        clock.advance(DELAY_BASE.multipliedBy(2));
        dispatcher.dispatchDue();

        Map<String, Object> sent = database.notice("event-1/SMS");
        assertThat(sent.get("status")).isEqualTo("SENT");
        assertThat(sent.get("attempts")).isEqualTo(3);
        assertThat(sent.get("last_error")).isNull();
        assertThat(gateway.received()).hasSize(3).extracting(SmsGatewayStub.Received::body).containsOnly(gateway.received().get(0).body());
        assertThat(meters.counter("notices.retried", "channel", "sms").count()).isEqualTo(2);
        assertThat(meters.counter("notices.sent", "channel", "sms").count()).isEqualTo(1);
    }

    @Test
    void a_notice_is_given_up_after_the_maximum_of_attempts_and_stays_visible() {
        policy.on(submitted("case-1", applicant(null, "0912345678")), "event-1");
        policy.on(new CaseRejected("case-1", "incomplete", TODAY, 4, true, TODAY.plusDays(30)), "event-2");
        gateway.answer(503, 503, 503, 503, 503, 503);

        for (int run = 0; run < 5; run++) {
            dispatcher.dispatchDue();
            clock.advance(Duration.ofMinutes(10));
        }

        assertThat(database.notices()).allSatisfy(row -> {
            assertThat(row.get("status")).isEqualTo("FAILED");
            assertThat(row.get("attempts")).isEqualTo(3);
            assertThat(row.get("last_error")).isEqualTo("SMS gateway answered HTTP 503");
            assertThat(row.get("sent_at")).isNull();
        });
        assertThat(gateway.received()).hasSize(6);
        assertThat(meters.counter("notices.failed", "channel", "sms").count()).isEqualTo(2);
    }

    @Test
    void an_unreachable_gateway_is_a_failure_to_retry_not_an_exception() throws Exception {
        policy.on(submitted("case-1", applicant(null, "0912345678")), "event-1");
        NoticeProperties properties = new NoticeProperties();
        HttpSmsGateway nowhere = new HttpSmsGateway(gateway.url(), null, Duration.ofSeconds(1), Duration.ofSeconds(1));
        gateway.close();
        NoticeDispatcher toNowhere = new NoticeDispatcher(database.outbox, database.transactions, List.of(nowhere),
                properties, clock, null);

        toNowhere.dispatchDue();

        Map<String, Object> row = database.notice("event-1/SMS");
        assertThat(row.get("status")).isEqualTo("PENDING");
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat((String) row.get("last_error")).startsWith("SMS gateway unreachable");
    }
}
