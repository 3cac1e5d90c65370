package org.civicledger.projections.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.civicledger.projections.support.Jdbc;
import org.civicledger.projections.support.Page;
import org.civicledger.projections.support.PageRequest;
import org.civicledger.projections.slots.ReadModelSlots;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/** Reads the audit trail ({@code audit_event}), in global order; every read is bounded. */
@Component
public class AuditTrailQueries {

    /** The most events one correlation chain answers with. */
    public static final int CHAIN_MAX = 1_000;
    /** The most rows one export request streams. */
    public static final int EXPORT_MAX = 10_000;

    private static final String COLUMNS = "global_index, event_identifier, aggregate_type, aggregate_identifier, sequence_number, "
            + "payload_type, recorded_at, actor_subject, actor_role, actor_agency, channel, command_id, correlation_id, causation_id";

    private static final RowMapper<AuditEvent> ROW = AuditTrailQueries::row;

    private final JdbcTemplate jdbc;

    public AuditTrailQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Reads the active slot of each read model (a blue/green rebuild fills the other one, {@link ReadModelSlots}). */
    @Autowired
    public AuditTrailQueries(ReadModelSlots slots) {
        this(slots.reader());
    }

    /** The events matching the filter, oldest first, one page. */
    public Page<AuditEvent> events(AuditFilter filter, PageRequest page) {
        List<Object> arguments = new ArrayList<>();
        String where = where(filter, arguments);
        arguments.add(page.fetchSize());
        arguments.add(page.offset());
        List<AuditEvent> rows = jdbc.query("SELECT " + COLUMNS + " FROM audit_event" + where
                + " ORDER BY global_index LIMIT ? OFFSET ?", ROW, arguments.toArray());
        return Page.of(rows, page);
    }

    /**
     * Streams the events matching the filter, oldest first, at most {@code limit} (capped at {@link #EXPORT_MAX}),
     * one row at a time; answers how many were handed over.
     */
    public int export(AuditFilter filter, int limit, Consumer<AuditEvent> sink) {
        List<Object> arguments = new ArrayList<>();
        String where = where(filter, arguments);
        arguments.add(Math.max(0, Math.min(limit, EXPORT_MAX)));
        int[] count = {0};
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM audit_event" + where
                    + " ORDER BY global_index LIMIT ?");
            statement.setFetchSize(500);
            for (int i = 0; i < arguments.size(); i++) {
                statement.setObject(i + 1, arguments.get(i));
            }
            return statement;
        }, (ResultSet rows) -> {
            sink.accept(row(rows, count[0]));
            count[0]++;
        });
        return count[0];
    }

    /** Every event of one correlation (one conversation: a request and all it caused), in global order. */
    public List<AuditEvent> correlation(String correlationId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM audit_event WHERE correlation_id = ? ORDER BY global_index LIMIT ?",
                ROW, correlationId, CHAIN_MAX);
    }

    private static String where(AuditFilter filter, List<Object> arguments) {
        List<String> conditions = new ArrayList<>();
        if (filter.aggregate() != null) {
            conditions.add("aggregate_identifier = ?");
            arguments.add(filter.aggregate());
        }
        if (filter.actor() != null) {
            conditions.add("actor_subject = ?");
            arguments.add(filter.actor());
        }
        if (filter.agency() != null) {
            conditions.add("actor_agency = ?");
            arguments.add(filter.agency());
        }
        if (filter.from() != null) {
            conditions.add("recorded_at >= ?");
            arguments.add(Jdbc.timestamp(filter.from()));
        }
        if (filter.to() != null) {
            conditions.add("recorded_at < ?");
            arguments.add(Jdbc.timestamp(filter.to()));
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static AuditEvent row(ResultSet rows, int rowNumber) throws SQLException {
        long sequence = rows.getLong("sequence_number");
        Long sequenceNumber = rows.wasNull() ? null : sequence;
        return new AuditEvent(rows.getLong("global_index"), rows.getString("event_identifier"), rows.getString("aggregate_type"),
                rows.getString("aggregate_identifier"), sequenceNumber, rows.getString("payload_type"),
                Jdbc.instant(rows, "recorded_at"), rows.getString("actor_subject"), rows.getString("actor_role"),
                rows.getString("actor_agency"), rows.getString("channel"), rows.getString("command_id"),
                rows.getString("correlation_id"), rows.getString("causation_id"));
    }
}
