package org.civicledger.projections;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicledger.projections.audit.AuditTrailProjection;
import org.civicledger.projections.casestatus.CaseStatusProjection;
import org.civicledger.projections.citizengrants.CitizenGrantsProjection;
import org.civicledger.projections.citizenhistory.CitizenHistoryProjection;
import org.civicledger.projections.citizenpayments.CitizenPaymentsProjection;
import org.civicledger.projections.documents.DocumentsProjection;
import org.civicledger.projections.journal.JournalProjection;
import org.civicledger.projections.paymentsdashboard.PaymentsDashboardProjection;
import org.civicledger.projections.settlements.SettlementReportProjection;
import org.civicledger.projections.rebuild.ReadModelTable;
import org.civicledger.projections.receipts.ReceiptsProjection;
import org.civicledger.projections.referencedata.ReferenceDataProjection;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The read models of Civic Ledger and their queries, for an assembly to import.
 *
 * <p>Each read model is one class whose processing group is named after it; the assembly runs every
 * group in a pooled streaming processor with a dead-letter queue, so a failing event is parked where an
 * operator sees it, never skipped: {@code case-status}, {@code citizen-history}, {@code reference-data}, {@code audit-trail}, {@code citizen-payments}, {@code journal},
 * {@code citizen-grants}, {@code payments-dashboard}, {@code receipts}, {@code settlement-report} and {@code documents}.
 * The agency queue and dashboards are queries over {@code case_status}, with no processing group of
 * their own. Schema: {@code db/migration/V2_*} on this module's class path (Flyway).
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
public class ProjectionsModule {

    /** The processing groups of this module's read models; the assembly gives each a pooled streaming processor. */
    public static final List<String> PROCESSING_GROUPS = List.of(
            CaseStatusProjection.PROCESSING_GROUP,
            CitizenHistoryProjection.PROCESSING_GROUP,
            ReferenceDataProjection.PROCESSING_GROUP,
            AuditTrailProjection.PROCESSING_GROUP,
            CitizenPaymentsProjection.PROCESSING_GROUP,
            JournalProjection.PROCESSING_GROUP,
            CitizenGrantsProjection.PROCESSING_GROUP,
            PaymentsDashboardProjection.PROCESSING_GROUP,
            ReceiptsProjection.PROCESSING_GROUP,
            SettlementReportProjection.PROCESSING_GROUP,
            DocumentsProjection.PROCESSING_GROUP);

    /**
     * The tables each processing group builds, with their primary keys: what its reset handler empties, what a
     * rebuild refills and what {@link org.civicledger.projections.rebuild.ProjectionChecksum} digests. No table
     * belongs to two groups.
     */
    public static final Map<String, List<ReadModelTable>> TABLES = tables();

    private static Map<String, List<ReadModelTable>> tables() {
        Map<String, List<ReadModelTable>> tables = new LinkedHashMap<>();
        tables.put(CaseStatusProjection.PROCESSING_GROUP, List.of(
                ReadModelTable.of("case_status", "case_id"),
                ReadModelTable.of("case_step", "case_id", "step_no")));
        tables.put(CitizenHistoryProjection.PROCESSING_GROUP, List.of(
                ReadModelTable.of("citizen_case", "case_id"),
                ReadModelTable.of("citizen_timeline", "citizen_subject", "position"),
                ReadModelTable.of("citizen_party", "item_id", "citizen_subject"),
                ReadModelTable.of("citizen_pending_entry", "item_id", "position")));
        tables.put(ReferenceDataProjection.PROCESSING_GROUP, List.of(
                ReadModelTable.of("ref_agency", "agency_code"),
                ReadModelTable.of("ref_case_type", "case_type_code"),
                ReadModelTable.of("ref_case_type_revision", "case_type_code", "revision_no"),
                ReadModelTable.of("ref_calendar_year", "calendar_year"),
                ReadModelTable.of("ref_holiday", "day_on")));
        tables.put(AuditTrailProjection.PROCESSING_GROUP, List.of(
                ReadModelTable.of("audit_event", "global_index")));
        tables.put(CitizenPaymentsProjection.PROCESSING_GROUP, List.of(
                ReadModelTable.of("citizen_bill", "bill_id"),
                ReadModelTable.of("citizen_payment", "payment_id"),
                ReadModelTable.of("citizen_payment_bill", "payment_id", "bill_id")));
        tables.put(JournalProjection.PROCESSING_GROUP, List.of(
                ReadModelTable.of("journal_line", "entry_id", "line_number")));
        tables.put(CitizenGrantsProjection.PROCESSING_GROUP, List.of(
                ReadModelTable.of("citizen_grant", "grant_id"),
                ReadModelTable.of("citizen_grant_use", "grant_id", "use_id")));
        tables.put(PaymentsDashboardProjection.PROCESSING_GROUP, List.of(
                ReadModelTable.of("pay_dash_payment", "payment_id"),
                ReadModelTable.of("pay_dash_payment_agency", "payment_id", "agency_code"),
                ReadModelTable.of("pay_dash_collection", "payment_id", "bill_id"),
                ReadModelTable.of("pay_dash_return", "entry_id", "agency_code", "currency"),
                ReadModelTable.of("pay_dash_bill", "bill_id")));
        tables.put(ReceiptsProjection.PROCESSING_GROUP, List.of(
                ReadModelTable.of("receipt", "receipt_id"),
                ReadModelTable.of("receipt_history", "receipt_id", "position")));
        tables.put(SettlementReportProjection.PROCESSING_GROUP, List.of(
                ReadModelTable.of("settlement_file", "settlement_id"),
                ReadModelTable.of("settlement_item", "settlement_id", "item_key")));
        tables.put(DocumentsProjection.PROCESSING_GROUP, List.of(
                ReadModelTable.of("document_view", "document_id"),
                ReadModelTable.of("document_recipient", "document_id", "subject"),
                ReadModelTable.of("document_signer", "document_id", "subject"),
                ReadModelTable.of("signing_key", "signer_subject", "key_id")));
        return java.util.Collections.unmodifiableMap(tables);
    }
}
