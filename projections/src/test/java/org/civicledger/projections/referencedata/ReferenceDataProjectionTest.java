package org.civicledger.projections.referencedata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.civicledger.events.common.Money;
import org.civicledger.events.reference.AgencyEvent.AgencyRegistered;
import org.civicledger.events.reference.AgencyEvent.AgencyRenamed;
import org.civicledger.events.reference.CalendarEvents.CalendarYearPublished;
import org.civicledger.events.reference.CalendarEvents.Holiday;
import org.civicledger.events.reference.CalendarEvents.HolidayDeclared;
import org.civicledger.events.reference.CaseTypeEvent.CaseTypeRegistered;
import org.civicledger.events.reference.CaseTypeEvent.CaseTypeRevised;
import org.civicledger.projections.referencedata.CalendarView.CalendarDay;
import org.civicledger.projections.support.EventFeed;
import org.civicledger.projections.support.PageRequest;
import org.civicledger.projections.support.ReadModelDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class ReferenceDataProjectionTest {

    private JdbcTemplate jdbc;
    private ReferenceDataQueries queries;
    private EventFeed feed;

    @BeforeEach
    void freshReadModel() {
        jdbc = ReadModelDatabase.h2();
        queries = new ReferenceDataQueries(jdbc);
        feed = new EventFeed(Instant.parse("2025-01-02T01:00:00Z"), new ReferenceDataProjection(jdbc));
    }

    @Test
    void agencies_are_listed_by_code_under_their_current_name() {
        feed.deliver("AG-TAX", new AgencyRegistered("AG-TAX", "Revenue Service"));
        feed.deliver("AG-BUILD", new AgencyRegistered("AG-BUILD", "Building Office"));
        feed.deliver("AG-BUILD", new AgencyRenamed("AG-BUILD", "Building Office", "Construction Management Office", "reform"));
        feed.redeliver();

        assertThat(queries.agencies(PageRequest.first(50)).items()).extracting(AgencyView::agencyCode, AgencyView::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("AG-BUILD", "Construction Management Office"),
                        org.assertj.core.groups.Tuple.tuple("AG-TAX", "Revenue Service"));
    }

    @Test
    void a_case_type_shows_its_current_terms_and_every_revision() {
        feed.deliver("AG-BUILD", new AgencyRegistered("AG-BUILD", "Building Office"));
        feed.deliver("BP", new CaseTypeRegistered("BP", "AG-BUILD", "Building permit", List.of("floor-plan", "deed"),
                Money.twd(250), 10, false));
        feed.deliver("BP", new CaseTypeRevised("BP", "Building permit", List.of("floor-plan"), Money.twd(300), 12, true,
                Money.twd(250), 10, false, "fee schedule 2025"));
        feed.redeliver();

        CaseTypeView caseType = queries.caseType("BP").orElseThrow();

        assertThat(caseType.fee()).isEqualTo(Money.twd(300));
        assertThat(caseType.statutoryProcessingDays()).isEqualTo(12);
        assertThat(caseType.requiredDocuments()).containsExactly("floor-plan");
        assertThat(caseType.issuesCertificate()).as("issues a certificate since the revision").isTrue();
        assertThat(caseType.revisionNo()).isEqualTo(2);
        assertThat(caseType.revisions()).extracting(CaseTypeRevision::revisionNo, CaseTypeRevision::fee,
                        CaseTypeRevision::issuesCertificate, CaseTypeRevision::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, Money.twd(250), false, null),
                        org.assertj.core.groups.Tuple.tuple(2, Money.twd(300), true, "fee schedule 2025"));
        assertThat(queries.caseTypes("AG-BUILD", PageRequest.first(10)).items()).hasSize(1);
        assertThat(queries.caseTypes("AG-TAX", PageRequest.first(10)).items()).isEmpty();
        assertThat(queries.caseTypes(null, PageRequest.first(10)).items().get(0).revisions()).isEmpty();
    }

    @Test
    void a_revision_of_an_unknown_case_type_fails_so_that_it_is_dead_lettered() {
        assertThatThrownBy(() -> feed.deliver("XX", new CaseTypeRevised("XX", "x", List.of(), Money.twd(1), 1, false, Money.twd(1), 1, false, "r")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("XX");
    }

    @Test
    void the_calendar_of_a_year_has_its_holidays_make_up_days_and_declared_days_off() {
        feed.deliver("2025", new CalendarYearPublished(2025,
                List.of(new Holiday(LocalDate.of(2025, 1, 1), "New Year"), new Holiday(LocalDate.of(2025, 2, 28), "Peace Memorial Day")),
                List.of(LocalDate.of(2025, 2, 8)), "DGPA 2025"));
        feed.redeliver();
        feed.deliver("2025", new HolidayDeclared(2025, LocalDate.of(2025, 7, 29), "Typhoon day", "typhoon Danas"));

        CalendarView calendar = queries.calendar(2025).orElseThrow();

        assertThat(calendar.published()).isTrue();
        assertThat(calendar.source()).isEqualTo("DGPA 2025");
        assertThat(calendar.holidays()).extracting(CalendarDay::date)
                .containsExactly(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 28), LocalDate.of(2025, 7, 29));
        assertThat(calendar.makeUpWorkdays()).containsExactly(LocalDate.of(2025, 2, 8));
        assertThat(queries.calendar(2026)).isEmpty();
    }

    @Test
    void a_reset_empties_the_read_model_for_a_replay() {
        feed.deliver("AG-BUILD", new AgencyRegistered("AG-BUILD", "Building Office"));
        feed.deliver("BP", new CaseTypeRegistered("BP", "AG-BUILD", "Building permit", List.of(), Money.twd(0), 10, true));
        feed.deliver("2025", new CalendarYearPublished(2025, List.of(new Holiday(LocalDate.of(2025, 1, 1), "New Year")), List.of(), "s"));

        feed.reset();

        for (String table : List.of("ref_agency", "ref_case_type", "ref_case_type_revision", "ref_calendar_year", "ref_holiday")) {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class)).as(table).isZero();
        }
    }
}
