package org.civicledger.projections.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicledger.projections.support.Cases.accepted;
import static org.civicledger.projections.support.Cases.submitted;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.civicledger.events.cases.CaseEvent.CaseApproved;
import org.civicledger.events.cases.CaseEvent.CaseReviewStarted;
import org.civicledger.projections.audit.AuditTrailProjection;
import org.civicledger.projections.casestatus.CaseStatusProjection;
import org.civicledger.projections.citizenhistory.CitizenHistoryProjection;
import org.civicledger.projections.support.EventFeed;
import org.civicledger.projections.support.ReadModelDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A replay starts from emptied tables, so the read models skip the "is this event's row there already" look-ups they
 * make live. They must learn that it is a replay from the message: Axon hands a handler's {@code TrackingToken}
 * parameter unwrapped from its {@code ReplayToken}, and a check on that parameter never said "replay" (each replayed
 * event then cost a query per read model).
 */
class ReplayLookupsTest {

    private static final List<String> TABLES = List.of("audit_event", "case_status", "case_step", "citizen_case", "citizen_timeline");

    private LookupCounting jdbc;
    private EventFeed feed;

    /** Counts the existence look-ups ({@code SELECT COUNT(*)}) the read models make. */
    static final class LookupCounting extends JdbcTemplate {
        final List<String> lookups = new ArrayList<>();

        LookupCounting(JdbcTemplate over) {
            super(over.getDataSource());
        }

        @Override
        public <T> T queryForObject(String sql, Class<T> requiredType, Object... args) {
            if (sql.startsWith("SELECT COUNT(*)")) {
                lookups.add(sql);
            }
            return super.queryForObject(sql, requiredType, args);
        }
    }

    @BeforeEach
    void readModels() {
        jdbc = new LookupCounting(ReadModelDatabase.h2());
        feed = new EventFeed(Instant.parse("2025-03-03T01:00:00Z"), new AuditTrailProjection(jdbc), new CaseStatusProjection(jdbc),
                new CitizenHistoryProjection(jdbc));
    }

    @Test
    void a_replay_rebuilds_the_same_rows_without_looking_up_any_row_first() {
        for (String caseId : List.of("case-1", "case-2")) {
            feed.deliver(caseId, submitted(caseId, "AG-BUILD", "citizen-1"), Map.of("actorRole", "CITIZEN"));
            feed.deliver(caseId, accepted(caseId, "CN-" + caseId, LocalDate.of(2025, 3, 4), LocalDate.of(2025, 3, 18)),
                    Map.of("actorRole", "OFFICER"));
            feed.deliver(caseId, new CaseReviewStarted(caseId, "officer-1"), Map.of("actorRole", "OFFICER"));
            feed.deliver(caseId, new CaseApproved(caseId, "complete", LocalDate.of(2025, 3, 10), 5, true, LocalDate.of(2025, 4, 9)),
                    Map.of("actorRole", "OFFICER"));
        }
        Map<String, List<Map<String, Object>>> live = contents();
        assertThat(jdbc.lookups).as("live, each event's rows are looked up before they are written")
                .anyMatch(sql -> sql.contains("audit_event")).anyMatch(sql -> sql.contains("case_step"))
                .anyMatch(sql -> sql.contains("citizen_timeline"));

        jdbc.lookups.clear();
        feed.reset();
        assertThat(contents().values()).allMatch(List::isEmpty);
        feed.replayAll();

        assertThat(jdbc.lookups).as("look-ups during the replay").isEmpty();
        assertThat(contents()).isEqualTo(live);
    }

    private Map<String, List<Map<String, Object>>> contents() {
        Map<String, List<Map<String, Object>>> contents = new java.util.LinkedHashMap<>();
        for (String table : TABLES) {
            contents.put(table, jdbc.queryForList("SELECT * FROM " + table + " ORDER BY 1, 2"));
        }
        return contents;
    }
}
