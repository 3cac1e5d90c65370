package org.civicledger.projections.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicledger.projections.support.Cases.accepted;
import static org.civicledger.projections.support.Cases.submitted;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.civicledger.events.cases.CaseEvent.CaseReviewStarted;
import org.civicledger.projections.support.EventFeed;
import org.civicledger.projections.support.Page;
import org.civicledger.projections.support.PageRequest;
import org.civicledger.projections.support.ReadModelDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class AuditTrailProjectionTest {

    private JdbcTemplate jdbc;
    private AuditTrailQueries queries;
    private EventFeed feed;

    @BeforeEach
    void freshReadModel() {
        jdbc = ReadModelDatabase.h2();
        queries = new AuditTrailQueries(jdbc);
        feed = new EventFeed(Instant.parse("2025-03-03T01:00:00Z"), new AuditTrailProjection(jdbc));
    }

    private static Map<String, String> envelope(String subject, String role, String agency, String correlation, String causation) {
        Map<String, String> metaData = new java.util.HashMap<>();
        metaData.put("actorSubject", subject);
        metaData.put("actorRole", role);
        if (agency != null) {
            metaData.put("actorAgency", agency);
        }
        metaData.put("channel", "web");
        metaData.put("commandId", "cmd-" + causation);
        metaData.put("correlationId", correlation);
        metaData.put("causationId", causation);
        return metaData;
    }

    @Test
    void an_event_that_fills_a_gap_is_recorded_at_its_own_global_index_not_skipped() {
        long first = feed.deliver("case-1", submitted("case-1", "AG-BUILD", "citizen-1"),
                envelope("citizen-1", "CITIZEN", null, "corr-1", "msg-1"));
        feed.skipPositions(1);
        long third = feed.deliver("case-2", submitted("case-2", "AG-BUILD", "citizen-2"),
                envelope("citizen-2", "CITIZEN", null, "corr-2", "msg-2"));
        // Index 2 commits last; its token says 3, the highest index seen.
        feed.deliverFillingGap(jdbc, "case-3", submitted("case-3", "AG-BUILD", "citizen-3"), first + 1,
                envelope("citizen-3", "CITIZEN", null, "corr-3", "msg-3"));

        assertThat(queries.events(AuditFilter.all(), PageRequest.first(50)).items())
                .extracting(AuditEvent::globalIndex, AuditEvent::aggregateIdentifier)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(first, "case-1"),
                        org.assertj.core.groups.Tuple.tuple(first + 1, "case-3"), org.assertj.core.groups.Tuple.tuple(third, "case-2"));
    }

    @Test
    void every_event_is_recorded_with_its_envelope_and_no_payload() {
        long first = feed.deliver("case-1", submitted("case-1", "AG-BUILD", "citizen-1"),
                envelope("citizen-1", "CITIZEN", null, "corr-1", "msg-1"));
        feed.deliver("case-1", accepted("case-1", "CN-1", LocalDate.of(2025, 3, 4), LocalDate.of(2025, 3, 18)),
                envelope("officer-7", "OFFICER", "AG-BUILD", "corr-2", "msg-2"));

        Page<AuditEvent> all = queries.events(AuditFilter.all(), PageRequest.first(50));

        assertThat(all.items()).hasSize(2);
        AuditEvent submittedRow = all.items().get(0);
        assertThat(submittedRow.globalIndex()).isEqualTo(first);
        assertThat(submittedRow.aggregateIdentifier()).isEqualTo("case-1");
        assertThat(submittedRow.sequenceNumber()).isZero();
        assertThat(submittedRow.payloadType()).isEqualTo("ApplicationSubmitted");
        assertThat(submittedRow.actorSubject()).isEqualTo("citizen-1");
        assertThat(submittedRow.actorRole()).isEqualTo("CITIZEN");
        assertThat(submittedRow.channel()).isEqualTo("web");
        assertThat(submittedRow.correlationId()).isEqualTo("corr-1");
        assertThat(submittedRow.causationId()).isEqualTo("msg-1");
        assertThat(submittedRow.commandId()).isEqualTo("cmd-msg-1");
        assertThat(submittedRow.recordedAt()).isEqualTo(Instant.parse("2025-03-03T01:01:00Z"));
        assertThat(all.items().get(1).actorAgency()).isEqualTo("AG-BUILD");
    }

    @Test
    void a_redelivered_event_changes_nothing_and_a_reset_empties_the_trail() {
        feed.deliver("case-1", submitted("case-1", "AG-BUILD", "citizen-1"), envelope("citizen-1", "CITIZEN", null, "c", "m"));
        feed.redeliver();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event", Integer.class)).isEqualTo(1);
        feed.reset();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event", Integer.class)).isZero();
    }

    @Test
    void events_are_found_by_aggregate_actor_agency_time_and_correlation() {
        feed.deliver("case-1", submitted("case-1", "AG-BUILD", "citizen-1"), envelope("citizen-1", "CITIZEN", null, "corr-a", "m1"));
        feed.deliver("case-2", submitted("case-2", "AG-BUILD", "citizen-2"), envelope("citizen-2", "CITIZEN", null, "corr-b", "m2"));
        long accepted = feed.deliver("case-1", accepted("case-1", "CN-1", LocalDate.of(2025, 3, 4), LocalDate.of(2025, 3, 18)),
                envelope("officer-7", "OFFICER", "AG-BUILD", "corr-c", "m3"));
        long review = feed.deliver("case-1", new CaseReviewStarted("case-1", "officer-7"),
                envelope("officer-7", "OFFICER", "AG-BUILD", "corr-c", "m4"));

        assertThat(queries.events(new AuditFilter("case-1", null, null, null, null), PageRequest.first(50)).items()).hasSize(3);
        assertThat(queries.events(new AuditFilter(null, "citizen-2", null, null, null), PageRequest.first(50)).items())
                .extracting(AuditEvent::aggregateIdentifier).containsExactly("case-2");
        assertThat(queries.events(new AuditFilter(null, null, "AG-BUILD", null, null), PageRequest.first(50)).items())
                .extracting(AuditEvent::globalIndex).containsExactly(accepted, review);
        // Recorded at 01:01, 01:02, 01:03, 01:04: [01:02, 01:04) holds the second and the third.
        assertThat(queries.events(new AuditFilter(null, null, null, Instant.parse("2025-03-03T01:02:00Z"),
                Instant.parse("2025-03-03T01:04:00Z")), PageRequest.first(50)).items()).hasSize(2);
        assertThat(queries.correlation("corr-c")).extracting(AuditEvent::globalIndex).containsExactly(accepted, review);

        Page<AuditEvent> firstPage = queries.events(AuditFilter.all(), new PageRequest(0, 3));
        assertThat(firstPage.hasMore()).isTrue();
        List<AuditEvent> exported = new ArrayList<>();
        assertThat(queries.export(AuditFilter.all(), 2, exported::add)).isEqualTo(2);
        assertThat(exported).hasSize(2);
    }

    @Test
    void an_event_without_an_envelope_is_recorded_with_empty_actor_fields() {
        feed.deliver("case-9", submitted("case-9", "AG-BUILD", "citizen-9"));
        AuditEvent row = queries.events(AuditFilter.all(), PageRequest.first(5)).items().get(0);
        assertThat(row.actorSubject()).isNull();
        assertThat(row.correlationId()).isNull();
        assertThat(row.payloadType()).isEqualTo("ApplicationSubmitted");
    }
}
