package org.civicledger.projections;

import java.util.List;
import org.civicledger.projections.audit.AuditTrailProjection;
import org.civicledger.projections.casestatus.CaseStatusProjection;
import org.civicledger.projections.citizenhistory.CitizenHistoryProjection;
import org.civicledger.projections.referencedata.ReferenceDataProjection;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The read models of Civic Ledger and their queries, for an assembly to import.
 *
 * <p>Each read model is one class whose processing group is named after it; the assembly runs every
 * group in a pooled streaming processor with a dead-letter queue, so a failing event is parked where an
 * operator sees it, never skipped: {@code case-status}, {@code citizen-history}, {@code reference-data} and {@code audit-trail}.
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
            AuditTrailProjection.PROCESSING_GROUP);
}
