package org.civicledger.projections.agencyqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicledger.projections.support.Cases.accepted;
import static org.civicledger.projections.support.Cases.submitted;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.civicledger.events.cases.CaseEvent.CaseApproved;
import org.civicledger.events.cases.CaseEvent.CaseClosed;
import org.civicledger.events.cases.CaseEvent.CaseFlaggedOverdue;
import org.civicledger.events.cases.CaseEvent.CaseRejected;
import org.civicledger.events.cases.CaseEvent.CaseReviewStarted;
import org.civicledger.events.cases.CaseEvent.SupplementRequested;
import org.civicledger.events.cases.CaseStatus;
import org.civicledger.projections.casestatus.CaseStatusProjection;
import org.civicledger.projections.casestatus.CaseSummary;
import org.civicledger.projections.support.EventFeed;
import org.civicledger.projections.support.PageRequest;
import org.civicledger.projections.support.ReadModelDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A small known data set, as of 2025-04-01:
 * <pre>
 * AG-BUILD  b-1 approved,  3 working days, within deadline, then closed
 *           b-2 approved,  8 working days, within deadline
 *           b-3 rejected, 12 working days, after the deadline
 *           b-4 in review, deadline 2025-03-20 passed, not flagged yet      -> overdue
 *           b-5 in review, flagged overdue (deadline 2025-03-31)            -> overdue
 *           b-6 awaiting a supplement, deadline 2025-03-20 passed (paused)  -> not overdue
 *           b-7 submitted, no deadline yet
 * AG-TAX    t-1 approved,  5 working days, within deadline
 *           t-2 accepted, deadline 2025-04-10
 * </pre>
 */
public class AgencyDashboardTest {

    public static final LocalDate TODAY = LocalDate.of(2025, 4, 1);
    private static final LocalDate ACCEPTED_ON = LocalDate.of(2025, 3, 3);

    private AgencyQueueQueries queries;
    private EventFeed feed;

    @BeforeEach
    void knownCases() {
        JdbcTemplate jdbc = ReadModelDatabase.h2();
        queries = new AgencyQueueQueries(jdbc);
        feed = new EventFeed(Instant.parse("2025-03-03T01:00:00Z"), new CaseStatusProjection(jdbc));
        load(feed);
    }

    /** Loads the data set described above (also used by the PostgreSQL test). */
    public static void load(EventFeed feed) {
        decided(feed, "b-1", "AG-BUILD", true, 3, true);
        feed.deliver("b-1", new CaseClosed("b-1", "appeal window ended", LocalDate.of(2025, 3, 31)));
        decided(feed, "b-2", "AG-BUILD", true, 8, true);
        decided(feed, "b-3", "AG-BUILD", false, 12, false);
        inReview(feed, "b-4", "AG-BUILD", LocalDate.of(2025, 3, 20));
        inReview(feed, "b-5", "AG-BUILD", LocalDate.of(2025, 3, 31));
        feed.deliver("b-5", new CaseFlaggedOverdue("b-5", LocalDate.of(2025, 3, 31), LocalDate.of(2025, 4, 1)));
        inReview(feed, "b-6", "AG-BUILD", LocalDate.of(2025, 3, 20));
        feed.deliver("b-6", new SupplementRequested("b-6", "unreadable", List.of("floor-plan"), LocalDate.of(2025, 3, 10), 5));
        feed.deliver("b-7", submitted("b-7", "AG-BUILD", "citizen-7"));
        decided(feed, "t-1", "AG-TAX", true, 5, true);
        feed.deliver("t-2", submitted("t-2", "AG-TAX", "citizen-8"));
        feed.deliver("t-2", accepted("t-2", "CN-t-2", ACCEPTED_ON, LocalDate.of(2025, 4, 10)));
    }

    @Test
    void an_agency_dashboard_counts_its_cases_by_status() {
        DashboardFigures figures = queries.dashboard("AG-BUILD", TODAY);

        assertThat(figures.casesByStatus()).containsEntry(CaseStatus.CLOSED, 1L).containsEntry(CaseStatus.APPROVED, 1L)
                .containsEntry(CaseStatus.REJECTED, 1L).containsEntry(CaseStatus.IN_REVIEW, 2L)
                .containsEntry(CaseStatus.SUPPLEMENT_REQUESTED, 1L).containsEntry(CaseStatus.SUBMITTED, 1L)
                .containsEntry(CaseStatus.WITHDRAWN, 0L);
        assertThat(figures.total()).isEqualTo(7);
        assertThat(figures.open()).isEqualTo(4);
    }

    @Test
    void overdue_counts_open_cases_flagged_or_past_their_deadline_while_the_clock_runs() {
        assertThat(queries.dashboard("AG-BUILD", TODAY).overdue()).isEqualTo(2);
        assertThat(queries.dashboard("AG-TAX", TODAY).overdue()).isZero();
        assertThat(queries.dashboard("AG-TAX", LocalDate.of(2025, 4, 11)).overdue()).isEqualTo(1);
    }

    @Test
    void the_median_and_the_share_within_deadline_count_decided_cases_closed_or_not() {
        DashboardFigures figures = queries.dashboard("AG-BUILD", TODAY);

        assertThat(figures.decided()).isEqualTo(3);
        assertThat(figures.decidedWithinDeadline()).isEqualTo(2);
        assertThat(figures.medianProcessingWorkingDays()).isEqualByComparingTo(new BigDecimal("8"));
        assertThat(figures.decidedWithinDeadlinePercent()).isEqualByComparingTo(new BigDecimal("66.7"));
    }

    @Test
    void the_city_dashboard_adds_up_the_agencies_and_takes_the_median_over_all_decided_cases() {
        CityDashboard dashboard = queries.cityDashboard(TODAY);

        DashboardFigures city = dashboard.city();
        assertThat(city.agencyCode()).isNull();
        assertThat(city.total()).isEqualTo(9);
        assertThat(city.overdue()).isEqualTo(2);
        assertThat(city.decided()).isEqualTo(4);
        // 3, 5, 8, 12: the median of an even count is the mean of the middle two.
        assertThat(city.medianProcessingWorkingDays()).isEqualByComparingTo(new BigDecimal("6.5"));
        assertThat(city.decidedWithinDeadlinePercent()).isEqualByComparingTo(new BigDecimal("75.0"));
        assertThat(dashboard.agencies()).extracting(DashboardFigures::agencyCode).containsExactly("AG-BUILD", "AG-TAX");
        assertThat(dashboard.agencies().get(1).medianProcessingWorkingDays()).isEqualByComparingTo(new BigDecimal("5"));
    }

    @Test
    void an_agency_without_cases_has_figures_of_zero_and_no_median() {
        DashboardFigures figures = queries.dashboard("AG-NONE", TODAY);

        assertThat(figures.total()).isZero();
        assertThat(figures.medianProcessingWorkingDays()).isNull();
        assertThat(figures.decidedWithinDeadlinePercent()).isNull();
    }

    @Test
    void the_queue_lists_the_soonest_deadline_first_and_filters_by_status() {
        assertThat(queries.queue("AG-BUILD", CaseStatus.IN_REVIEW, PageRequest.first(50)).items())
                .extracting(CaseSummary::caseId).containsExactly("b-4", "b-5");
        List<CaseSummary> all = queries.queue("AG-BUILD", null, PageRequest.first(50)).items();
        assertThat(all).hasSize(7);
        assertThat(all.get(all.size() - 1).caseId()).isEqualTo("b-7");
        assertThat(queries.queue("AG-BUILD", null, new PageRequest(1, 5)).items()).hasSize(2);
    }

    private static void inReview(EventFeed feed, String caseId, String agency, LocalDate deadline) {
        feed.deliver(caseId, submitted(caseId, agency, "citizen-" + caseId));
        feed.deliver(caseId, accepted(caseId, "CN-" + caseId, ACCEPTED_ON, deadline));
        feed.deliver(caseId, new CaseReviewStarted(caseId, "officer-1"));
    }

    private static void decided(EventFeed feed, String caseId, String agency, boolean approved, int days, boolean withinDeadline) {
        inReview(feed, caseId, agency, LocalDate.of(2025, 3, 17));
        LocalDate decidedOn = ACCEPTED_ON.plusDays(days);
        feed.deliver(caseId, approved
                ? new CaseApproved(caseId, "ok", decidedOn, days, withinDeadline, decidedOn.plusDays(30))
                : new CaseRejected(caseId, "no", decidedOn, days, withinDeadline, decidedOn.plusDays(30)));
    }
}
