package org.civicledger.command.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicledger.command.notices.NoticeFixtures.NATIONAL_ID;
import static org.civicledger.command.notices.NoticeFixtures.NOW;
import static org.civicledger.command.notices.NoticeFixtures.TODAY;
import static org.civicledger.command.notices.NoticeFixtures.applicant;
import static org.civicledger.command.notices.NoticeFixtures.submitted;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.civicledger.events.cases.CaseEvent.ApplicationWithdrawn;
import org.civicledger.events.cases.CaseEvent.CaseAccepted;
import org.civicledger.events.cases.CaseEvent.CaseApproved;
import org.civicledger.events.cases.CaseEvent.CaseClosed;
import org.civicledger.events.cases.CaseEvent.CaseRejected;
import org.civicledger.events.cases.CaseEvent.CaseTransferred;
import org.civicledger.events.cases.CaseEvent.DeadlineExtended;
import org.civicledger.events.cases.CaseEvent.SupplementRequested;
import org.junit.jupiter.api.Test;

/** The policy's handlers, called directly with event records and event ids, against the real schema. */
class CaseNoticePolicyTest {

    private final NoticeDatabase database = new NoticeDatabase();
    private final CaseNoticePolicy policy = new CaseNoticePolicy(database.outbox, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void a_submitted_application_queues_one_email_and_one_sms_when_both_contacts_are_given() {
        policy.on(submitted("case-1", applicant("xiaoming@example.org", "0912345678")), "event-1");

        List<Map<String, Object>> notices = database.notices();
        assertThat(notices).extracting(row -> row.get("notice_id")).containsExactly("event-1/EMAIL", "event-1/SMS");
        assertThat(notices).extracting(row -> row.get("recipient")).containsExactly("xiaoming@example.org", "0912345678");
        assertThat(notices).allSatisfy(row -> {
            assertThat(row.get("status")).isEqualTo("PENDING");
            assertThat(row.get("kind")).isEqualTo("APPLICATION_SUBMITTED");
            assertThat(row.get("attempts")).isEqualTo(0);
            assertThat(row.get("contains_secret")).isEqualTo(false);
        });
        assertThat((String) database.notice("event-1/EMAIL").get("body")).contains("王小明", "case-1");
    }

    @Test
    void the_same_event_handled_twice_queues_one_notice_per_channel() {
        var event = submitted("case-1", applicant("xiaoming@example.org", "0912345678"));

        policy.on(event, "event-1");
        policy.on(event, "event-1");

        assertThat(database.notices()).hasSize(2);
        assertThat(database.jdbc.queryForObject("SELECT COUNT(*) FROM notice_recipient", Integer.class)).isEqualTo(1);
    }

    @Test
    void a_later_step_handled_twice_queues_one_notice_per_channel() {
        policy.on(submitted("case-1", applicant("xiaoming@example.org", "0912345678")), "event-1");
        var approved = new CaseApproved("case-1", "documents complete", TODAY, 5, true, TODAY.plusDays(30));

        policy.on(approved, "event-2");
        policy.on(approved, "event-2");

        assertThat(database.notices()).extracting(row -> row.get("notice_id"))
                .containsExactly("event-1/EMAIL", "event-1/SMS", "event-2/EMAIL", "event-2/SMS");
    }

    @Test
    void an_applicant_with_only_an_email_address_gets_no_sms() {
        policy.on(submitted("case-1", applicant("xiaoming@example.org", null)), "event-1");

        assertThat(database.notices()).extracting(row -> row.get("channel")).containsExactly("EMAIL");
    }

    @Test
    void acceptance_queues_no_notice_of_its_own_and_later_notices_name_the_case_number() {
        policy.on(submitted("case-1", applicant("xiaoming@example.org", "0912345678")), "event-1");

        policy.on(new CaseAccepted("case-1", "1140303-0001", "pbkdf2-sha256$1$c2FsdA$aGFzaA", TODAY, 20, TODAY.plusDays(28)));
        assertThat(database.notices()).hasSize(2);

        policy.on(new CaseClosed("case-1", "done", TODAY), "event-3");
        assertThat((String) database.notice("event-3/EMAIL").get("body")).contains("1140303-0001");
        assertThat((String) database.notice("event-3/SMS").get("body")).contains("1140303-0001");
    }

    @Test
    void an_extension_notice_carries_the_agency_text_and_the_new_deadline() {
        policy.on(submitted("case-1", applicant("xiaoming@example.org", "0912345678")), "event-1");

        policy.on(new DeadlineExtended("case-1", 10, "需會同其他機關審查 Joint review with another agency",
                TODAY.plusDays(28), TODAY.plusDays(42)), "event-2");

        assertThat((String) database.notice("event-2/EMAIL").get("body"))
                .contains("需會同其他機關審查 Joint review with another agency", TODAY.plusDays(42).toString());
        assertThat((String) database.notice("event-2/SMS").get("body")).contains(TODAY.plusDays(42).toString());
    }

    @Test
    void every_step_that_concerns_the_applicant_queues_a_notice_and_none_carries_the_national_id() {
        policy.on(submitted("case-1", applicant("xiaoming@example.org", "0912345678")), "e1");
        policy.on(new SupplementRequested("case-1", "請補附建物謄本", List.of("DEED"), TODAY, 3), "e2");
        policy.on(new DeadlineExtended("case-1", 5, "more time", TODAY, TODAY.plusDays(7)), "e3");
        policy.on(new CaseApproved("case-1", "ok", TODAY, 9, true, TODAY.plusDays(30)), "e4");
        policy.on(new CaseRejected("case-1", "not ok", TODAY, 9, true, TODAY.plusDays(30)), "e5");
        policy.on(new ApplicationWithdrawn("case-1", "moved away", TODAY), "e6");
        policy.on(new CaseTransferred("case-1", "AG-URBAN", "AG-BUILD", "wrong agency"), "e7");
        policy.on(new CaseClosed("case-1", "done", TODAY), "e8");

        List<Map<String, Object>> notices = database.notices();
        assertThat(notices).hasSize(16);
        assertThat(notices).extracting(row -> row.get("kind")).containsOnly(
                "APPLICATION_SUBMITTED", "SUPPLEMENT_REQUESTED", "DEADLINE_EXTENDED", "CASE_APPROVED", "CASE_REJECTED",
                "APPLICATION_WITHDRAWN", "CASE_TRANSFERRED", "CASE_CLOSED");
        assertThat(notices).allSatisfy(row -> {
            assertThat(row.get("body").toString()).doesNotContain(NATIONAL_ID);
            assertThat(String.valueOf(row.get("subject"))).doesNotContain(NATIONAL_ID);
        });
        assertThat(notices).filteredOn(row -> "SMS".equals(row.get("channel")))
                .allSatisfy(row -> assertThat(row.get("body").toString()).hasSizeLessThanOrEqualTo(NoticeTexts.SMS_LENGTH_MAX));
    }

    @Test
    void a_step_of_a_case_without_a_recorded_recipient_queues_nothing_and_does_not_fail() {
        policy.on(new CaseClosed("case-unknown", "done", TODAY), "event-9");

        assertThat(database.notices()).isEmpty();
    }
}
