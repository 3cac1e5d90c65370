package org.civicledger.projections.casestatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.civicledger.projections.support.Cases.PASSWORD;
import static org.civicledger.projections.support.Cases.accepted;
import static org.civicledger.projections.support.Cases.submitted;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.civicledger.events.cases.CaseEvent.ApplicationWithdrawn;
import org.civicledger.events.cases.CaseEvent.CaseApproved;
import org.civicledger.events.cases.CaseEvent.CaseClosed;
import org.civicledger.events.cases.CaseEvent.CaseFlaggedOverdue;
import org.civicledger.events.cases.CaseEvent.CaseRejected;
import org.civicledger.events.cases.CaseEvent.CaseReviewStarted;
import org.civicledger.events.cases.CaseEvent.CaseTransferred;
import org.civicledger.events.cases.CaseEvent.DeadlineExtended;
import org.civicledger.events.cases.CaseEvent.SupplementProvided;
import org.civicledger.events.cases.CaseEvent.SupplementRequested;
import org.civicledger.events.cases.CaseStatus;
import org.civicledger.events.common.DocumentReference;
import org.civicledger.projections.support.EventFeed;
import org.civicledger.projections.support.PageRequest;
import org.civicledger.projections.support.ReadModelDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class CaseStatusProjectionTest {

    private static final LocalDate ACCEPTED_ON = LocalDate.of(2025, 3, 4);
    private static final LocalDate DEADLINE = LocalDate.of(2025, 3, 18);

    private JdbcTemplate jdbc;
    private CaseStatusQueries queries;
    private EventFeed feed;

    @BeforeEach
    void freshReadModel() {
        jdbc = ReadModelDatabase.h2();
        queries = new CaseStatusQueries(jdbc);
        feed = new EventFeed(Instant.parse("2025-03-03T01:00:00Z"), new CaseStatusProjection(jdbc));
    }

    @Test
    void every_step_of_a_case_shows_in_its_status_and_its_history() {
        feed.deliver("case-1", submitted("case-1", "AG-BUILD", "citizen-1"));
        assertThat(status("case-1")).isEqualTo(CaseStatus.SUBMITTED);

        feed.deliver("case-1", accepted("case-1", "CN-2025-000001", ACCEPTED_ON, DEADLINE));
        CaseStatusView view = queries.byId("case-1").orElseThrow();
        assertThat(view.status()).isEqualTo(CaseStatus.ACCEPTED);
        assertThat(view.caseNumber()).isEqualTo("CN-2025-000001");
        assertThat(view.acceptedOn()).isEqualTo(ACCEPTED_ON);
        assertThat(view.deadline()).isEqualTo(DEADLINE);

        feed.deliver("case-1", new CaseReviewStarted("case-1", "officer-7"));
        assertThat(status("case-1")).isEqualTo(CaseStatus.IN_REVIEW);

        feed.deliver("case-1", new SupplementRequested("case-1", "the plan of Mr Wang's flat is unreadable",
                List.of("floor-plan"), LocalDate.of(2025, 3, 6), 2));
        view = queries.byId("case-1").orElseThrow();
        assertThat(view.status()).isEqualTo(CaseStatus.SUPPLEMENT_REQUESTED);
        assertThat(view.paused()).isTrue();

        LocalDate movedDeadline = LocalDate.of(2025, 3, 24);
        feed.deliver("case-1", new SupplementProvided("case-1", List.of(new DocumentReference("floor-plan", "doc://plans/2")),
                LocalDate.of(2025, 3, 10), movedDeadline));
        view = queries.byId("case-1").orElseThrow();
        assertThat(view.status()).isEqualTo(CaseStatus.IN_REVIEW);
        assertThat(view.paused()).isFalse();
        assertThat(view.deadline()).isEqualTo(movedDeadline);

        LocalDate extendedDeadline = LocalDate.of(2025, 3, 31);
        feed.deliver("case-1", new DeadlineExtended("case-1", 5, "site visit needed", movedDeadline, extendedDeadline));
        view = queries.byId("case-1").orElseThrow();
        assertThat(view.extended()).isTrue();
        assertThat(view.deadline()).isEqualTo(extendedDeadline);

        feed.deliver("case-1", new CaseFlaggedOverdue("case-1", extendedDeadline, LocalDate.of(2025, 4, 1)));
        assertThat(queries.byId("case-1").orElseThrow().overdue()).isTrue();

        feed.deliver("case-1", new CaseTransferred("case-1", "AG-BUILD", "AG-URBAN", "zoning question"));
        assertThat(queries.byId("case-1").orElseThrow().agencyCode()).isEqualTo("AG-URBAN");

        long approvedAt = feed.deliver("case-1", new CaseApproved("case-1", "complete", LocalDate.of(2025, 4, 2), 17, false,
                LocalDate.of(2025, 5, 2)));
        view = queries.byId("case-1").orElseThrow();
        assertThat(view.status()).isEqualTo(CaseStatus.APPROVED);
        assertThat(view.decision()).isEqualTo(CaseStatus.APPROVED);
        assertThat(view.decidedOn()).isEqualTo(LocalDate.of(2025, 4, 2));
        assertThat(view.workingDaysTaken()).isEqualTo(17);
        assertThat(view.decidedWithinDeadline()).isFalse();
        assertThat(view.appealWindowEndsOn()).isEqualTo(LocalDate.of(2025, 5, 2));
        assertThat(view.lastPosition()).isEqualTo(approvedAt);

        long closedAt = feed.deliver("case-1", new CaseClosed("case-1", "appeal window ended", LocalDate.of(2025, 5, 5)),
                Map.of(CaseStatusProjection.ACTOR_ROLE_METADATA, "SYSTEM", "actorSubject", "ledger"));
        view = queries.byId("case-1").orElseThrow();
        assertThat(view.status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(view.closedOn()).isEqualTo(LocalDate.of(2025, 5, 5));
        assertThat(view.lastPosition()).isEqualTo(closedAt);
        assertThat(view.updatedAt()).isEqualTo(feed.now());

        assertThat(view.steps()).extracting(CaseStep::step).containsExactly("SUBMITTED", "ACCEPTED", "REVIEW_STARTED",
                "SUPPLEMENT_REQUESTED", "SUPPLEMENT_PROVIDED", "DEADLINE_EXTENDED", "FLAGGED_OVERDUE", "TRANSFERRED",
                "APPROVED", "CLOSED");
        assertThat(view.steps()).extracting(CaseStep::status).containsExactly(CaseStatus.SUBMITTED, CaseStatus.ACCEPTED,
                CaseStatus.IN_REVIEW, CaseStatus.SUPPLEMENT_REQUESTED, CaseStatus.IN_REVIEW, CaseStatus.IN_REVIEW,
                CaseStatus.IN_REVIEW, CaseStatus.IN_REVIEW, CaseStatus.APPROVED, CaseStatus.CLOSED);
        assertThat(view.steps()).extracting(CaseStep::actorRole).containsExactly("CITIZEN", "OFFICER", "OFFICER", "OFFICER",
                "CITIZEN", "OFFICER", "SYSTEM", "OFFICER", "OFFICER", "SYSTEM");
        assertThat(view.steps()).extracting(CaseStep::stepNo).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(view.steps().get(3).detail()).contains("floor-plan").doesNotContain("Wang");
        assertThat(view.steps()).extracting(CaseStep::detail).noneMatch(detail -> detail.contains("ledger"));
        assertThat(view.steps().get(0).occurredAt()).isEqualTo(Instant.parse("2025-03-03T01:01:00Z"));
    }

    @Test
    void a_rejection_and_a_withdrawal_end_their_cases() {
        feed.deliver("case-r", submitted("case-r", "AG-BUILD", "citizen-1"));
        feed.deliver("case-r", accepted("case-r", "CN-R", ACCEPTED_ON, DEADLINE));
        feed.deliver("case-r", new CaseReviewStarted("case-r", "officer-7"));
        feed.deliver("case-r", new CaseRejected("case-r", "not permitted here", LocalDate.of(2025, 3, 10), 4, true,
                LocalDate.of(2025, 4, 9)));
        feed.deliver("case-w", submitted("case-w", "AG-BUILD", "citizen-1"));
        feed.deliver("case-w", new ApplicationWithdrawn("case-w", "moved away", LocalDate.of(2025, 3, 5)));

        CaseStatusView rejected = queries.byId("case-r").orElseThrow();
        assertThat(rejected.status()).isEqualTo(CaseStatus.REJECTED);
        assertThat(rejected.decidedWithinDeadline()).isTrue();
        CaseStatusView withdrawn = queries.byId("case-w").orElseThrow();
        assertThat(withdrawn.status()).isEqualTo(CaseStatus.WITHDRAWN);
        assertThat(withdrawn.withdrawnOn()).isEqualTo(LocalDate.of(2025, 3, 5));
        assertThat(withdrawn.decidedOn()).isNull();
    }

    @Test
    void a_redelivered_event_adds_no_step_and_changes_nothing() {
        feed.deliver("case-1", submitted("case-1", "AG-BUILD", "citizen-1"));
        feed.redeliver();
        feed.deliver("case-1", accepted("case-1", "CN-1", ACCEPTED_ON, DEADLINE));
        feed.redeliver();
        feed.deliver("case-1", new CaseReviewStarted("case-1", "officer-7"));
        feed.redeliver();

        CaseStatusView view = queries.byId("case-1").orElseThrow();
        assertThat(view.steps()).hasSize(3);
        assertThat(view.status()).isEqualTo(CaseStatus.IN_REVIEW);
        assertThat(view.lastPosition()).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_status", Integer.class)).isEqualTo(1);
    }

    @Test
    void an_event_of_a_case_never_submitted_fails_so_that_it_is_dead_lettered() {
        assertThatThrownBy(() -> feed.deliver("case-x", new CaseReviewStarted("case-x", "officer-7")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("case-x");
    }

    @Test
    void a_reset_empties_the_read_model_for_a_replay() {
        feed.deliver("case-1", submitted("case-1", "AG-BUILD", "citizen-1"));
        feed.deliver("case-1", accepted("case-1", "CN-1", ACCEPTED_ON, DEADLINE));

        feed.reset();

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_status", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_step", Integer.class)).isZero();
    }

    @Test
    void the_case_number_and_its_password_open_the_status_steps_and_deadline() {
        feed.deliver("case-1", submitted("case-1", "AG-BUILD", "citizen-1"));
        feed.deliver("case-1", accepted("case-1", "CN-2025-000001", ACCEPTED_ON, DEADLINE));

        CaseStatusLookup lookup = queries.byCaseNumberAndPassword("CN-2025-000001", PASSWORD).orElseThrow();

        assertThat(lookup.status()).isEqualTo(CaseStatus.ACCEPTED);
        assertThat(lookup.deadline()).isEqualTo(DEADLINE);
        assertThat(lookup.steps()).extracting(CaseStep::step).containsExactly("SUBMITTED", "ACCEPTED");
    }

    @Test
    void a_wrong_password_and_an_unknown_case_number_find_nothing_alike() {
        feed.deliver("case-1", submitted("case-1", "AG-BUILD", "citizen-1"));
        feed.deliver("case-1", accepted("case-1", "CN-2025-000001", ACCEPTED_ON, DEADLINE));

        assertThat(queries.byCaseNumberAndPassword("CN-2025-000001", "wrong")).isEmpty();
        assertThat(queries.byCaseNumberAndPassword("CN-2025-999999", PASSWORD)).isEmpty();
        assertThat(queries.byCaseNumberAndPassword("CN-2025-000001", null)).isEmpty();
        assertThat(queries.byCaseNumberAndPassword("CN-2025-000001", "x".repeat(1000))).isEmpty();
    }

    @Test
    void a_citizen_sees_their_own_cases_only() {
        feed.deliver("case-1", submitted("case-1", "AG-BUILD", "citizen-1"));
        feed.deliver("case-2", submitted("case-2", "AG-BUILD", "citizen-2"));
        feed.deliver("case-3", submitted("case-3", "AG-TAX", "citizen-1"));
        feed.deliver("case-4", submitted("case-4", "AG-TAX", null));

        assertThat(queries.byCitizen("citizen-1", PageRequest.first(10)).items())
                .extracting(CaseSummary::caseId).containsExactlyInAnyOrder("case-1", "case-3");
        assertThat(queries.byCitizen("citizen-1", PageRequest.first(1)).hasMore()).isTrue();
        assertThat(queries.byId("case-4").orElseThrow().applicantSubject()).isNull();
    }

    @Test
    void the_read_model_keeps_no_personal_data_of_the_applicant() {
        feed.deliver("case-1", submitted("case-1", "AG-BUILD", "citizen-1"));
        feed.deliver("case-1", accepted("case-1", "CN-1", ACCEPTED_ON, DEADLINE));

        for (String table : List.of("case_status", "case_step")) {
            for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM " + table)) {
                assertThat(row.values().toString()).doesNotContain("A12345678").doesNotContain("Lin Mei-hua")
                        .doesNotContain("mei@example.org");
            }
        }
    }

    @Test
    void awaiting_a_case_returns_once_it_has_reached_the_position() {
        long submittedAt = feed.deliver("case-1", submitted("case-1", "AG-BUILD", "citizen-1"));

        CaseStatusQueries.Awaited reached = queries.awaitCase("case-1", submittedAt, Duration.ofSeconds(5));
        assertThat(reached.caughtUp()).isTrue();
        assertThat(reached.caseStatus().status()).isEqualTo(CaseStatus.SUBMITTED);

        long started = System.nanoTime();
        CaseStatusQueries.Awaited behind = queries.awaitCase("case-1", submittedAt + 1, Duration.ofMillis(100));
        assertThat(behind.caughtUp()).isFalse();
        assertThat(behind.caseStatus()).isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

        assertThat(queries.awaitCase("case-unknown", 1, Duration.ofMillis(50)).found()).isEmpty();
    }

    @Test
    void awaiting_sees_an_event_applied_while_it_waits() throws Exception {
        feed.deliver("case-1", submitted("case-1", "AG-BUILD", "citizen-1"));
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            feed.deliver("case-1", accepted("case-1", "CN-1", ACCEPTED_ON, DEADLINE));
        });
        writer.start();

        CaseStatusQueries.Awaited awaited = queries.awaitCase("case-1", 2, Duration.ofSeconds(5));
        writer.join();

        assertThat(awaited.caughtUp()).isTrue();
        assertThat(awaited.caseStatus().status()).isEqualTo(CaseStatus.ACCEPTED);
    }

    private CaseStatus status(String caseId) {
        return queries.byId(caseId).orElseThrow().status();
    }
}
