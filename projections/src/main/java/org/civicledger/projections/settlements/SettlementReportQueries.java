package org.civicledger.projections.settlements;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.civicledger.projections.support.Jdbc;
import org.civicledger.projections.slots.ReadModelSlots;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reconciliation reports from the settlement-report read model. */
@Component
public class SettlementReportQueries {

    private final JdbcTemplate jdbc;

    public SettlementReportQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Reads the active slot of each read model (a blue/green rebuild fills the other one, {@link ReadModelSlots}). */
    @Autowired
    public SettlementReportQueries(ReadModelSlots slots) {
        this(slots.reader());
    }

    /** The provider's reconciliation of {@code day}, or empty when no file of that day has been imported (yet). */
    public Optional<SettlementReport> report(String providerCode, LocalDate day) {
        List<SettlementReport.File> files = jdbc.query("SELECT settlement_id, file_sha256, line_count, settled_total_minor, fee_total_minor, "
                        + "currency, imported_at FROM settlement_file WHERE provider_code = ? AND settlement_date = ? ORDER BY imported_at, settlement_id",
                (rs, row) -> new SettlementReport.File(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getLong(5),
                        rs.getString(6), Jdbc.instant(rs, "imported_at")), providerCode, day);
        if (files.isEmpty()) {
            return Optional.empty();
        }
        List<SettlementReport.Item> items = jdbc.query("SELECT settlement_id, line_number, outcome, type, provider_transaction_id, payment_id, "
                        + "ledger_reference, settled_minor, ledger_minor, fee_minor, currency, discrepancy_id, resolution, resolution_reason, "
                        + "resolved_at FROM settlement_item WHERE provider_code = ? AND settlement_date = ? "
                        + "ORDER BY settlement_id, line_number NULLS LAST, item_key",
                (rs, row) -> new SettlementReport.Item(rs.getString(1), Jdbc.integer(rs, "line_number"), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), (Long) rs.getObject(8, Long.class),
                        (Long) rs.getObject(9, Long.class), (Long) rs.getObject(10, Long.class), rs.getString(11), rs.getString(12),
                        rs.getString(13), rs.getString(14), Jdbc.instant(rs, "resolved_at")), providerCode, day);
        int matched = 0;
        int missing = 0;
        int unexpected = 0;
        int mismatch = 0;
        int unresolved = 0;
        for (SettlementReport.Item item : items) {
            switch (item.outcome()) {
                case "MATCHED" -> matched++;
                case "MISSING_IN_SETTLEMENT" -> missing++;
                case "UNEXPECTED_IN_SETTLEMENT" -> unexpected++;
                default -> mismatch++;
            }
            if (item.discrepancyId() != null && item.resolution() == null) {
                unresolved++;
            }
        }
        Long position = jdbc.queryForObject("SELECT MAX(event_position) FROM settlement_file WHERE provider_code = ? AND settlement_date = ?",
                Long.class, providerCode, day);
        return Optional.of(new SettlementReport(providerCode, day, files, new SettlementReport.Summary(matched, missing, unexpected, mismatch,
                unresolved), items, position == null ? 0 : position));
    }
}
