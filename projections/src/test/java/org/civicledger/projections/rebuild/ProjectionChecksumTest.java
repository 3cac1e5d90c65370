package org.civicledger.projections.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.civicledger.events.common.Money;
import org.civicledger.events.reference.AgencyEvent.AgencyRegistered;
import org.civicledger.events.reference.CalendarEvents.CalendarYearPublished;
import org.civicledger.events.reference.CalendarEvents.Holiday;
import org.civicledger.events.reference.CaseTypeEvent.CaseTypeRegistered;
import org.civicledger.projections.ProjectionsModule;
import org.civicledger.projections.agencyqueue.AgencyDashboardTest;
import org.civicledger.projections.casestatus.CaseStatusProjection;
import org.civicledger.projections.citizenhistory.CitizenHistoryProjection;
import org.civicledger.projections.referencedata.ReferenceDataProjection;
import org.civicledger.projections.support.Cases;
import org.civicledger.projections.support.EventFeed;
import org.civicledger.projections.support.ReadModelDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read-model checksum: stable for the same rows, different for any changed value (NULL and empty text
 * included), and the same on H2 and PostgreSQL for the same events.
 */
class ProjectionChecksumTest {

    private static final List<String> GROUPS = List.of(CaseStatusProjection.PROCESSING_GROUP, CitizenHistoryProjection.PROCESSING_GROUP,
            ReferenceDataProjection.PROCESSING_GROUP);

    @Test
    void the_same_rows_give_the_same_checksum_and_any_changed_value_another() {
        JdbcTemplate jdbc = ReadModelDatabase.h2();
        load(jdbc);
        ProjectionChecksum checksums = new ProjectionChecksum(jdbc.getDataSource());
        for (String group : GROUPS) {
            assertThat(checksums.of(group)).isEqualTo(checksums.of(group));
            assertThat(checksums.of(group).rows()).isPositive();
        }
        ProjectionChecksum.Checksum before = checksums.of("case-status");

        jdbc.update("UPDATE case_status SET decision = '' WHERE case_id = 'counter-1' AND decision IS NULL");
        ProjectionChecksum.Checksum empty = checksums.of("case-status");
        assertThat(empty.sha256()).isNotEqualTo(before.sha256());
        jdbc.update("UPDATE case_status SET decision = NULL WHERE case_id = 'counter-1'");
        assertThat(checksums.of("case-status")).isEqualTo(before);

        jdbc.update("UPDATE case_step SET occurred_at = occurred_at + INTERVAL '1' SECOND WHERE step_no = 0 AND case_id = 'counter-1'");
        assertThat(checksums.of("case-status").sha256()).isNotEqualTo(before.sha256());
        assertThat(checksums.of("case-status").rows()).isEqualTo(before.rows());
    }

    @Test
    void h2_and_postgresql_give_the_same_checksum_for_the_same_events() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ReadModelDatabase.postgresReachable(), "PostgreSQL is not reachable");
        String schema = "checksum_test_" + ProcessHandle.current().pid();
        JdbcTemplate h2 = ReadModelDatabase.h2();
        JdbcTemplate postgres = ReadModelDatabase.postgres(schema);
        try {
            load(h2);
            load(postgres);
            ProjectionChecksum onH2 = new ProjectionChecksum(h2.getDataSource());
            ProjectionChecksum onPostgres = new ProjectionChecksum(postgres.getDataSource());
            for (String group : GROUPS) {
                assertThat(onPostgres.of(group)).as(group).isEqualTo(onH2.of(group));
            }
            assertThat(ProjectionsModule.TABLES.keySet()).containsAll(GROUPS);
        } finally {
            ReadModelDatabase.dropPostgres(schema);
        }
    }

    /** The same events, with the same times and positions, into a fresh read-model database. */
    private static void load(JdbcTemplate jdbc) {
        EventFeed feed = new EventFeed(Instant.parse("2025-01-02T01:00:00.123456Z"),
                new CaseStatusProjection(jdbc), new CitizenHistoryProjection(jdbc), new ReferenceDataProjection(jdbc));
        feed.deliver("AG-BUILD", new AgencyRegistered("AG-BUILD", "建築管理工程處 Building Office"));
        feed.deliver("AG-Build-b", new AgencyRegistered("AG-Build-b", "Lower-case key after upper-case ones"));
        feed.deliver("BP", new CaseTypeRegistered("BP", "AG-BUILD", "Building permit", List.of("floor-plan"), Money.twd(250), 10, false));
        feed.deliver("2025", new CalendarYearPublished(2025, List.of(new Holiday(LocalDate.of(2025, 1, 1), "New Year")),
                List.of(LocalDate.of(2025, 2, 8)), "DGPA 2025"));
        AgencyDashboardTest.load(feed);
        feed.deliver("counter-1", Cases.submitted("counter-1", "AG-TAX", null));
    }
}
