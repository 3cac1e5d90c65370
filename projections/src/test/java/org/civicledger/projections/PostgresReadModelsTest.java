package org.civicledger.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicledger.projections.support.Cases.PASSWORD;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.civicledger.events.cases.CaseStatus;
import org.civicledger.events.common.Money;
import org.civicledger.events.reference.AgencyEvent.AgencyRegistered;
import org.civicledger.events.reference.CalendarEvents.CalendarYearPublished;
import org.civicledger.events.reference.CalendarEvents.Holiday;
import org.civicledger.events.reference.CaseTypeEvent.CaseTypeRegistered;
import org.civicledger.events.reference.CaseTypeEvent.CaseTypeRevised;
import org.civicledger.projections.agencyqueue.AgencyDashboardTest;
import org.civicledger.projections.agencyqueue.AgencyQueueQueries;
import org.civicledger.projections.agencyqueue.CityDashboard;
import org.civicledger.projections.agencyqueue.DashboardFigures;
import org.civicledger.projections.casestatus.CaseStatusProjection;
import org.civicledger.projections.casestatus.CaseStatusQueries;
import org.civicledger.projections.citizenhistory.CitizenHistoryProjection;
import org.civicledger.projections.citizenhistory.CitizenHistoryQueries;
import org.civicledger.projections.referencedata.ReferenceDataProjection;
import org.civicledger.projections.referencedata.ReferenceDataQueries;
import org.civicledger.projections.support.EventFeed;
import org.civicledger.projections.support.PageRequest;
import org.civicledger.projections.support.ReadModelDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The migration, the handlers and the queries on PostgreSQL, the production database: the same SQL the H2
 * tests run, so that a construct only H2 accepts (or a parameter type only H2 infers) is caught here.
 * Skipped, with a message, where no PostgreSQL answers.
 */
class PostgresReadModelsTest {

    private static final String SCHEMA = "read_models_test_" + ProcessHandle.current().pid();
    private static JdbcTemplate jdbc;
    private static EventFeed feed;

    @BeforeAll
    static void migratedSchema() {
        Assumptions.assumeTrue(ReadModelDatabase.postgresReachable(), "PostgreSQL is not reachable");
        jdbc = ReadModelDatabase.postgres(SCHEMA);
        feed = new EventFeed(Instant.parse("2025-01-02T01:00:00Z"),
                new CaseStatusProjection(jdbc), new CitizenHistoryProjection(jdbc), new ReferenceDataProjection(jdbc));
        feed.deliver("AG-BUILD", new AgencyRegistered("AG-BUILD", "Building Office"));
        feed.deliver("BP", new CaseTypeRegistered("BP", "AG-BUILD", "Building permit", List.of("floor-plan"), Money.twd(250), 10, false));
        feed.deliver("BP", new CaseTypeRevised("BP", "Building permit", List.of("floor-plan"), Money.twd(300), 12, false,
                Money.twd(250), 10, false, "fee schedule 2025"));
        feed.deliver("2025", new CalendarYearPublished(2025, List.of(new Holiday(LocalDate.of(2025, 1, 1), "New Year")),
                List.of(LocalDate.of(2025, 2, 8)), "DGPA 2025"));
        AgencyDashboardTest.load(feed);
        feed.deliver("counter-1", org.civicledger.projections.support.Cases.submitted("counter-1", "AG-TAX", null));
        feed.redeliver();
    }

    @AfterAll
    static void dropSchema() {
        if (jdbc != null) {
            ReadModelDatabase.dropPostgres(SCHEMA);
        }
    }

    @Test
    void the_dashboard_figures_come_out_the_same_as_on_h2() {
        AgencyQueueQueries queries = new AgencyQueueQueries(jdbc);
        DashboardFigures build = queries.dashboard("AG-BUILD", AgencyDashboardTest.TODAY);
        assertThat(build.overdue()).isEqualTo(2);
        assertThat(build.medianProcessingWorkingDays()).isEqualByComparingTo(new BigDecimal("8"));
        assertThat(build.decidedWithinDeadlinePercent()).isEqualByComparingTo(new BigDecimal("66.7"));
        CityDashboard city = queries.cityDashboard(AgencyDashboardTest.TODAY);
        assertThat(city.city().medianProcessingWorkingDays()).isEqualByComparingTo(new BigDecimal("6.5"));
        assertThat(city.city().total()).isEqualTo(10);
        assertThat(queries.queue("AG-BUILD", CaseStatus.IN_REVIEW, PageRequest.first(10)).items()).hasSize(2);
    }

    @Test
    void cases_citizens_and_reference_data_read_back() {
        CaseStatusQueries cases = new CaseStatusQueries(jdbc);
        assertThat(cases.byId("b-1").orElseThrow().steps()).hasSize(5);
        assertThat(cases.byId("counter-1").orElseThrow().applicantSubject()).isNull();
        assertThat(cases.byCaseNumberAndPassword("CN-b-2", PASSWORD)).isPresent();
        assertThat(cases.byCaseNumberAndPassword("CN-b-2", "wrong")).isEmpty();
        assertThat(cases.byCitizen("citizen-b-2", PageRequest.first(10)).items()).hasSize(1);
        assertThat(new CitizenHistoryQueries(jdbc).timeline("citizen-b-2", PageRequest.first(10)).items()).hasSize(4);

        ReferenceDataQueries reference = new ReferenceDataQueries(jdbc);
        assertThat(reference.caseType("BP").orElseThrow().revisions()).hasSize(2);
        assertThat(reference.calendar(2025).orElseThrow().makeUpWorkdays()).containsExactly(LocalDate.of(2025, 2, 8));
        assertThat(reference.agencies(PageRequest.first(10)).items()).hasSize(1);
    }
}
