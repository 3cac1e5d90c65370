package org.civicledger.command.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicledger.command.notices.NoticeFixtures.NATIONAL_ID;
import static org.civicledger.command.notices.NoticeFixtures.NOW;
import static org.civicledger.command.notices.NoticeFixtures.SUBJECTS;
import static org.civicledger.command.notices.NoticeFixtures.TODAY;
import static org.civicledger.command.notices.NoticeFixtures.applicant;
import static org.civicledger.command.notices.NoticeFixtures.submitted;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.civicledger.command.cases.CaseCredentials;
import org.civicledger.events.cases.Applicant;
import org.civicledger.events.cases.CaseEvent.CaseApproved;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.privacy.PrivacyEvent.CitizenDataErased;
import org.junit.jupiter.api.Test;

/** Erasure reaches the notice tables: recipients deleted, notices scrubbed, pending ones never sent. */
class WhenAnApplicantsDataIsErased {

    private final NoticeDatabase database = new NoticeDatabase();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final CaseNoticePolicy policy = new CaseNoticePolicy(database.outbox, SUBJECTS, clock);
    private final OutboxApplicantNotices credentials = new OutboxApplicantNotices(database.outbox, clock);
    private final NoticeErasure erasure = new NoticeErasure(database.outbox);
    private final String subjectRef = SUBJECTS.refFor(new NationalId(NATIONAL_ID));

    @Test
    void the_recipient_goes_and_every_notice_keeps_only_its_bookkeeping() {
        policy.on(submitted("case-1", applicant("xiaoming@example.org", "0912345678")), "event-1");
        credentials.credentialsIssued("case-1", applicant("xiaoming@example.org", "0912345678"),
                new CaseCredentials("1140303-0001", "pass-1234", "hash"));
        database.jdbc.update("UPDATE notice_outbox SET status = 'SENT' WHERE notice_id = 'event-1/EMAIL'");
        Applicant other = new Applicant("citizen-2", NationalId.withCheckDigit("B12345678"), "陳大文", "dawen@example.org", null);
        policy.on(submitted("case-2", other), "event-9");

        erasure.on(new CitizenDataErased(subjectRef, 1, "request ER-1", TODAY));

        assertThat(database.jdbc.queryForList("SELECT case_id FROM notice_recipient", String.class)).containsExactly("case-2");
        List<Map<String, Object>> erased = database.jdbc.queryForList(
                "SELECT * FROM notice_outbox WHERE case_id = 'case-1' ORDER BY notice_id");
        assertThat(erased).hasSize(4).allSatisfy(row -> {
            assertThat(row.get("recipient")).isEqualTo(NoticeTexts.ERASED);
            assertThat(row.get("body")).isEqualTo(NoticeTexts.ERASED);
            assertThat(row.get("subject_ref")).isEqualTo(subjectRef);
        });
        assertThat(erased).extracting(row -> row.get("status")).containsExactly("ERASED", "ERASED", "SENT", "ERASED");
        assertThat(database.jdbc.queryForObject("SELECT COUNT(*) FROM notice_outbox WHERE case_id = 'case-2' "
                + "AND recipient = 'dawen@example.org'", Integer.class)).isEqualTo(1);
    }

    @Test
    void a_later_step_of_an_erased_applicants_case_queues_nothing() {
        policy.on(submitted("case-1", applicant("xiaoming@example.org", null)), "event-1");
        erasure.on(new CitizenDataErased(subjectRef, 1, "request ER-1", TODAY));

        policy.on(new CaseApproved("case-1", "complete", TODAY, 3, true, TODAY.plusDays(30)), "event-2");
        credentials.credentialsIssued("case-1", Applicant.erased("citizen-1"), new CaseCredentials("n", "p", "h"));

        assertThat(database.jdbc.queryForObject("SELECT COUNT(*) FROM notice_outbox WHERE status <> 'ERASED'", Integer.class))
                .isZero();
    }
}
