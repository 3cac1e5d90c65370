package org.civicledger.projections.settlements;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.civicledger.events.settlements.SettlementEvent.SettlementDiscrepancyFound;
import org.civicledger.events.settlements.SettlementEvent.SettlementDiscrepancyResolved;
import org.civicledger.events.settlements.SettlementEvent.SettlementFileImported;
import org.civicledger.events.settlements.SettlementFileLine;
import org.civicledger.events.settlements.SettlementLine;
import org.civicledger.projections.support.EventPositions;
import org.civicledger.projections.support.Jdbc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The settlement-report read model: per provider and settlement day, the files imported and every transaction
 * reconciled ({@code settlement_file}, {@code settlement_item}), from which {@link SettlementReportQueries}
 * draws the reconciliation report.
 *
 * <p>Runs in the processing group {@value #PROCESSING_GROUP}. A file already held is skipped and every other
 * write is keyed by the event's ids, so a redelivered event changes nothing. A file's lines are written in one
 * JDBC batch: a provider's day may hold tens of thousands.
 */
@Component
@ProcessingGroup(SettlementReportProjection.PROCESSING_GROUP)
public class SettlementReportProjection {

    public static final String PROCESSING_GROUP = "settlement-report";

    private final JdbcTemplate jdbc;

    public SettlementReportProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static String lineKey(int lineNumber) {
        return "L" + lineNumber;
    }

    @EventHandler
    public void on(SettlementFileImported event, EventMessage<?> message, TrackingToken token) {
        Integer held = jdbc.queryForObject("SELECT COUNT(*) FROM settlement_file WHERE settlement_id = ?", Integer.class,
                event.settlementId());
        if (held != null && held > 0) {
            return;
        }
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        jdbc.update("INSERT INTO settlement_file (settlement_id, provider_code, settlement_date, file_sha256, line_count, settled_total_minor, "
                        + "fee_total_minor, currency, imported_at, event_position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                event.settlementId(), event.providerCode(), event.settlementDate(), event.fileSha256(), event.lines().size(),
                event.settledTotal().amountMinor(), event.feeTotal().amountMinor(), event.settledTotal().currency(),
                Jdbc.timestamp(event.importedAt()), position);
        List<Object[]> rows = new ArrayList<>(event.lines().size());
        for (SettlementLine line : event.lines()) {
            SettlementFileLine file = line.line();
            rows.add(new Object[] {event.settlementId(), lineKey(file.lineNumber()), event.providerCode(), event.settlementDate(),
                file.lineNumber(), line.outcome().name(), file.type().name(), file.providerTransactionId(), file.paymentId(),
                file.ledgerReference(), file.amount().amountMinor(), line.ledgerAmount() == null ? null : line.ledgerAmount().amountMinor(),
                file.fee().amountMinor(), file.amount().currency()});
        }
        jdbc.batchUpdate("INSERT INTO settlement_item (settlement_id, item_key, provider_code, settlement_date, line_number, outcome, type, "
                + "provider_transaction_id, payment_id, ledger_reference, settled_minor, ledger_minor, fee_minor, currency) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    @EventHandler
    public void on(SettlementDiscrepancyFound event) {
        if (event.lineNumber() != null) {
            jdbc.update("UPDATE settlement_item SET discrepancy_id = ? WHERE settlement_id = ? AND item_key = ?", event.discrepancyId(),
                    event.settlementId(), lineKey(event.lineNumber()));
            return;
        }
        jdbc.update("DELETE FROM settlement_item WHERE settlement_id = ? AND item_key = ?", event.settlementId(), event.discrepancyId());
        jdbc.update("INSERT INTO settlement_item (settlement_id, item_key, provider_code, settlement_date, line_number, outcome, type, "
                        + "provider_transaction_id, payment_id, ledger_reference, settled_minor, ledger_minor, fee_minor, currency, discrepancy_id) "
                        + "SELECT settlement_id, ?, provider_code, settlement_date, NULL, ?, ?, NULL, ?, ?, NULL, ?, NULL, ?, ? "
                        + "FROM settlement_file WHERE settlement_id = ?",
                event.discrepancyId(), event.kind().name(), event.type().name(), event.paymentId(), event.ledgerReference(),
                event.ledgerAmount().amountMinor(), event.ledgerAmount().currency(), event.discrepancyId(), event.settlementId());
    }

    @EventHandler
    public void on(SettlementDiscrepancyResolved event) {
        jdbc.update("UPDATE settlement_item SET resolution = ?, resolution_reason = ?, resolved_at = ? WHERE settlement_id = ? "
                        + "AND discrepancy_id = ?", event.resolution().name(), event.reason(), Jdbc.timestamp(event.resolvedAt()),
                event.settlementId(), event.discrepancyId());
    }

    @ResetHandler
    public void reset() {
        jdbc.update("DELETE FROM settlement_item");
        jdbc.update("DELETE FROM settlement_file");
    }
}
