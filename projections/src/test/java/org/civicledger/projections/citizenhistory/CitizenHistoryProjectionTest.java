package org.civicledger.projections.citizenhistory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicledger.projections.support.Cases.accepted;
import static org.civicledger.projections.support.Cases.submitted;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.civicledger.events.cases.CaseEvent.CaseApproved;
import org.civicledger.events.cases.CaseEvent.CaseReviewStarted;
import org.civicledger.events.cases.CaseEvent.SupplementRequested;
import org.civicledger.projections.support.EventFeed;
import org.civicledger.projections.support.Page;
import org.civicledger.projections.support.PageRequest;
import org.civicledger.projections.support.ReadModelDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class CitizenHistoryProjectionTest {

    private JdbcTemplate jdbc;
    private CitizenHistoryQueries queries;
    private EventFeed feed;

    @BeforeEach
    void freshReadModel() {
        jdbc = ReadModelDatabase.h2();
        queries = new CitizenHistoryQueries(jdbc);
        feed = new EventFeed(Instant.parse("2025-03-03T01:00:00Z"), new CitizenHistoryProjection(jdbc));
    }

    @Test
    void a_citizen_reads_every_event_of_their_cases_newest_first() {
        long submitted = feed.deliver("case-1", submitted("case-1", "AG-BUILD", "citizen-1"));
        feed.deliver("case-2", submitted("case-2", "AG-BUILD", "citizen-2"));
        long accepted = feed.deliver("case-1", accepted("case-1", "CN-1", LocalDate.of(2025, 3, 4), LocalDate.of(2025, 3, 18)));
        long approved = feed.deliver("case-1", new CaseApproved("case-1", "complete", LocalDate.of(2025, 3, 10), 4, true,
                LocalDate.of(2025, 4, 9)));

        Page<TimelineEntry> timeline = queries.timeline("citizen-1", PageRequest.first(50));

        assertThat(timeline.items()).extracting(TimelineEntry::position).containsExactly(approved, accepted, submitted);
        assertThat(timeline.items()).extracting(TimelineEntry::kind)
                .containsExactly("CaseApproved", "CaseAccepted", "ApplicationSubmitted");
        assertThat(timeline.items()).extracting(TimelineEntry::caseId).containsOnly("case-1");
        assertThat(timeline.items().get(1).summary()).contains("CN-1").contains("2025-03-18");
        assertThat(timeline.items().get(2).occurredAt()).isEqualTo(Instant.parse("2025-03-03T01:01:00Z"));
        assertThat(queries.timeline("citizen-2", PageRequest.first(50)).items()).hasSize(1);
    }

    @Test
    void a_timeline_is_read_one_page_at_a_time() {
        feed.deliver("case-1", submitted("case-1", "AG-BUILD", "citizen-1"));
        feed.deliver("case-1", accepted("case-1", "CN-1", LocalDate.of(2025, 3, 4), LocalDate.of(2025, 3, 18)));
        feed.deliver("case-1", new CaseReviewStarted("case-1", "officer-7"));

        Page<TimelineEntry> first = queries.timeline("citizen-1", new PageRequest(0, 2));
        Page<TimelineEntry> second = queries.timeline("citizen-1", new PageRequest(1, 2));

        assertThat(first.items()).hasSize(2);
        assertThat(first.hasMore()).isTrue();
        assertThat(second.items()).extracting(TimelineEntry::kind).containsExactly("ApplicationSubmitted");
        assertThat(second.hasMore()).isFalse();
    }

    @Test
    void a_counter_application_without_an_account_leaves_no_timeline() {
        feed.deliver("case-1", submitted("case-1", "AG-BUILD", null));
        feed.deliver("case-1", accepted("case-1", "CN-1", LocalDate.of(2025, 3, 4), LocalDate.of(2025, 3, 18)));

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM citizen_timeline", Integer.class)).isZero();
    }

    @Test
    void a_redelivered_event_adds_no_entry() {
        feed.deliver("case-1", submitted("case-1", "AG-BUILD", "citizen-1"));
        feed.redeliver();
        feed.deliver("case-1", new CaseReviewStarted("case-1", "officer-7"));
        feed.redeliver();

        assertThat(queries.timeline("citizen-1", PageRequest.first(50)).items()).hasSize(2);
    }

    @Test
    void no_national_id_name_contact_or_free_text_reason_is_stored() {
        feed.deliver("case-1", submitted("case-1", "AG-BUILD", "citizen-1"));
        feed.deliver("case-1", new SupplementRequested("case-1", "Mr Wang's plan is unreadable", List.of("floor-plan"),
                LocalDate.of(2025, 3, 6), 2));

        for (String table : List.of("citizen_timeline", "citizen_case")) {
            for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM " + table)) {
                assertThat(row.values().toString()).doesNotContain("A12345678").doesNotContain("Lin Mei-hua")
                        .doesNotContain("mei@example.org").doesNotContain("Wang");
            }
        }
    }

    @Test
    void a_reset_empties_the_read_model_for_a_replay() {
        feed.deliver("case-1", submitted("case-1", "AG-BUILD", "citizen-1"));

        feed.reset();

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM citizen_timeline", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM citizen_case", Integer.class)).isZero();
    }
}
