package org.civicledger.projections.slots;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.civicledger.events.common.Money;
import org.civicledger.events.reference.AgencyEvent.AgencyRegistered;
import org.civicledger.events.reference.CalendarEvents.CalendarYearPublished;
import org.civicledger.events.reference.CalendarEvents.Holiday;
import org.civicledger.events.reference.CaseTypeEvent.CaseTypeRegistered;
import org.civicledger.projections.ProjectionsModule;
import org.civicledger.projections.agencyqueue.AgencyDashboardTest;
import org.civicledger.projections.audit.AuditTrailProjection;
import org.civicledger.projections.casestatus.CaseStatusProjection;
import org.civicledger.projections.casestatus.CaseStatusQueries;
import org.civicledger.projections.citizenhistory.CitizenHistoryProjection;
import org.civicledger.projections.rebuild.ProjectionChecksum;
import org.civicledger.projections.rebuild.ReadModelTable;
import org.civicledger.projections.referencedata.ReferenceDataProjection;
import org.civicledger.projections.referencedata.ReferenceDataQueries;
import org.civicledger.projections.support.Cases;
import org.civicledger.projections.support.EventFeed;
import org.civicledger.projections.support.ReadModelDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The two table sets of the read models: every table has a slot-b copy of the same shape, the read models' own SQL
 * written through slot b lands in slot b only and gives the same rows, and readers follow {@code projection_slot}.
 */
class ReadModelSlotsTest {

    private static final List<String> FED = List.of(CaseStatusProjection.PROCESSING_GROUP, CitizenHistoryProjection.PROCESSING_GROUP,
            ReferenceDataProjection.PROCESSING_GROUP, AuditTrailProjection.PROCESSING_GROUP);

    @Test
    void readers_keep_the_last_known_slots_for_two_refresh_intervals_when_projection_slot_cannot_be_read_then_refuse() {
        JdbcTemplate jdbc = ReadModelDatabase.h2();
        ReadModelSlots slots = new ReadModelSlots(jdbc.getDataSource(), Duration.ofMillis(200));
        load(new EventFeed(Instant.parse("2025-01-02T01:00:00Z"), new ReferenceDataProjection(jdbc)));
        ReferenceDataQueries reference = new ReferenceDataQueries(slots);
        assertThat(reference.agency("AG-BUILD")).isPresent();
        long lastRead = System.nanoTime();

        jdbc.execute("ALTER TABLE projection_slot RENAME TO projection_slot_unreadable");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() - lastRead > 250_000_000L);
        assertThat(reference.agency("AG-BUILD")).as("within two intervals: the last known slot").isPresent();

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() - lastRead > 450_000_000L);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reference.agency("AG-BUILD"))
                .hasCauseInstanceOf(ReadModelSlots.StaleSlots.class).cause().hasMessageContaining("may have retired the slot");

        jdbc.execute("ALTER TABLE projection_slot_unreadable RENAME TO projection_slot");
        assertThat(reference.agency("AG-BUILD")).as("readable again").isPresent();
    }

    @Test
    void table_names_are_rewritten_as_whole_identifiers_only() {
        SlotSql sql = ReadModelSlots.renames(Map.of("citizen-payments", Slot.B, "case-status", Slot.B, "journal", Slot.A));
        assertThat(sql.rewrite("SELECT p.payment_id, b.bill_id FROM citizen_payment p JOIN citizen_payment_bill b ON b.payment_id = p.payment_id"))
                .isEqualTo("SELECT p.payment_id, b.bill_id FROM citizen_payment_b p JOIN citizen_payment_bill_b b ON b.payment_id = p.payment_id");
        assertThat(sql.rewrite("UPDATE case_status SET case_status_note = ? WHERE case_id IN (SELECT case_id FROM CASE_STEP)"))
                .isEqualTo("UPDATE case_status_b SET case_status_note = ? WHERE case_id IN (SELECT case_id FROM case_step_b)");
        assertThat(sql.rewrite("DELETE FROM journal_line")).as("slot a keeps its names").isEqualTo("DELETE FROM journal_line");
        assertThat(sql.rewrite("SELECT MAX(globalindex) FROM domainevententry")).isEqualTo("SELECT MAX(globalindex) FROM domainevententry");
        assertThat(ReadModelSlots.renames(Map.of("journal", Slot.A)).isIdentity()).isTrue();
    }

    @Test
    void every_read_model_table_has_a_slot_b_copy_with_the_same_columns_and_key_on_h2() throws SQLException {
        sameShape(ReadModelDatabase.h2());
    }

    @Test
    void every_read_model_table_has_a_slot_b_copy_with_the_same_columns_and_key_on_postgresql() throws SQLException {
        boolean reachable = ReadModelDatabase.postgresReachable();
        if (!reachable && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("PostgreSQL must be reachable under CI=true at " + ReadModelDatabase.POSTGRES_URL);
        }
        Assumptions.assumeTrue(reachable, "PostgreSQL is not reachable at " + ReadModelDatabase.POSTGRES_URL + ": skipped (required under CI=true)");
        String schema = "slots_test_" + ProcessHandle.current().pid();
        try {
            sameShape(ReadModelDatabase.postgres(schema));
        } finally {
            ReadModelDatabase.dropPostgres(schema);
        }
    }

    @Test
    void handlers_writing_through_slot_b_fill_slot_b_only_with_the_rows_slot_a_gets() {
        JdbcTemplate jdbc = ReadModelDatabase.h2();
        ReadModelSlots slots = new ReadModelSlots(jdbc.getDataSource(), Duration.ofSeconds(2));
        load(new EventFeed(Instant.parse("2025-01-02T01:00:00.123456Z"), new CaseStatusProjection(jdbc), new CitizenHistoryProjection(jdbc),
                new ReferenceDataProjection(jdbc), new AuditTrailProjection(jdbc)));
        ProjectionChecksum checksums = new ProjectionChecksum(jdbc.getDataSource(), slots);
        Map<String, ProjectionChecksum.Checksum> slotA = new TreeMap<>();
        for (String group : FED) {
            slotA.put(group, checksums.of(group, Slot.A));
            assertThat(checksums.of(group, Slot.B).rows()).as("slot b of %s before", group).isZero();
        }

        load(new EventFeed(Instant.parse("2025-01-02T01:00:00.123456Z"), new CaseStatusProjection(slots.writer("case-status", Slot.B)),
                new CitizenHistoryProjection(slots.writer("citizen-history", Slot.B)),
                new ReferenceDataProjection(slots.writer("reference-data", Slot.B)), new AuditTrailProjection(slots.writer("audit-trail", Slot.B))));

        for (String group : FED) {
            assertThat(checksums.of(group, Slot.A)).as("slot a of %s untouched", group).isEqualTo(slotA.get(group));
            if (group.equals(AuditTrailProjection.PROCESSING_GROUP)) {
                // The feed gives every message a new identifier, which the audit trail stores: same rows, other ids.
                assertThat(checksums.of(group, Slot.B).rows()).as("rows of slot b of %s", group).isEqualTo(slotA.get(group).rows());
            } else {
                assertThat(checksums.of(group, Slot.B)).as("slot b of %s", group).isEqualTo(slotA.get(group));
            }
        }
        // The reset handler of a slot-b instance empties slot b only.
        new ReferenceDataProjection(slots.writer("reference-data", Slot.B)).reset();
        assertThat(checksums.of("reference-data", Slot.B).rows()).isZero();
        assertThat(checksums.of("reference-data", Slot.A)).isEqualTo(slotA.get("reference-data"));
    }

    @Test
    void readers_read_the_slot_projection_slot_names_and_follow_a_switch_at_the_next_refresh() {
        JdbcTemplate jdbc = ReadModelDatabase.h2();
        ReadModelSlots slots = new ReadModelSlots(jdbc.getDataSource(), Duration.ofHours(1));
        load(new EventFeed(Instant.parse("2025-01-02T01:00:00Z"), new CaseStatusProjection(jdbc), new ReferenceDataProjection(jdbc)));
        ReferenceDataQueries reference = new ReferenceDataQueries(slots);
        CaseStatusQueries cases = new CaseStatusQueries(slots);
        assertThat(reference.agency("AG-BUILD")).isPresent();
        assertThat(cases.byId("counter-1")).isPresent();

        jdbc.update("INSERT INTO projection_slot (projection, active_slot) VALUES ('reference-data', 'b')");
        assertThat(reference.agency("AG-BUILD")).as("not refreshed yet: still slot a").isPresent();
        slots.refresh();
        assertThat(slots.active("reference-data")).isEqualTo(Slot.B);
        assertThat(reference.agency("AG-BUILD")).as("slot b is empty").isEmpty();
        assertThat(cases.byId("counter-1")).as("other read models stay on their slot").isPresent();
        jdbc.update("INSERT INTO ref_agency_b SELECT * FROM ref_agency");
        assertThat(reference.agency("AG-BUILD")).isPresent();
    }

    private static void load(EventFeed feed) {
        feed.deliver("AG-BUILD", new AgencyRegistered("AG-BUILD", "Building Office"));
        feed.deliver("BP", new CaseTypeRegistered("BP", "AG-BUILD", "Building permit", List.of("floor-plan"), Money.twd(250), 10, false));
        feed.deliver("2025", new CalendarYearPublished(2025, List.of(new Holiday(LocalDate.of(2025, 1, 1), "New Year")),
                List.of(LocalDate.of(2025, 2, 8)), "DGPA 2025"));
        AgencyDashboardTest.load(feed);
        feed.deliver("counter-1", Cases.submitted("counter-1", "AG-TAX", null));
    }

    private static void sameShape(JdbcTemplate jdbc) throws SQLException {
        try (Connection connection = jdbc.getDataSource().getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            for (List<ReadModelTable> tables : ProjectionsModule.TABLES.values()) {
                for (ReadModelTable table : tables) {
                    List<String> a = columns(meta, connection, table.name());
                    assertThat(a).as("columns of %s", table.name()).isNotEmpty();
                    assertThat(columns(meta, connection, Slot.B.table(table.name()))).as("columns of the slot-b copy of %s", table.name())
                            .isEqualTo(a);
                    assertThat(primaryKey(meta, connection, Slot.B.table(table.name()))).as("primary key of %s_b", table.name())
                            .isEqualTo(primaryKey(meta, connection, table.name())).isEqualTo(table.primaryKey());
                }
            }
        }
    }

    private static List<String> columns(DatabaseMetaData meta, Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rows = meta.getColumns(null, connection.getSchema(), table, null)) {
            while (rows.next()) {
                columns.add(rows.getInt("ORDINAL_POSITION") + " " + rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT) + " "
                        + rows.getString("TYPE_NAME").toLowerCase(Locale.ROOT) + "(" + rows.getInt("COLUMN_SIZE") + ") nullable="
                        + rows.getInt("NULLABLE"));
            }
        }
        columns.sort(null);
        return columns;
    }

    private static List<String> primaryKey(DatabaseMetaData meta, Connection connection, String table) throws SQLException {
        Map<Integer, String> key = new TreeMap<>();
        try (ResultSet rows = meta.getPrimaryKeys(null, connection.getSchema(), table)) {
            while (rows.next()) {
                key.put(rows.getInt("KEY_SEQ"), rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(key.values());
    }
}
