package org.civicledger.projections.agencyqueue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.civicledger.events.cases.CaseStatus;

/**
 * The figures of a dashboard, for one agency or (with {@code agencyCode} null) the whole city, as of a day.
 *
 * <ul>
 *   <li>{@code casesByStatus}: every status, zero included;
 *   <li>{@code overdue}: open cases flagged overdue, or whose deadline passed before {@code asOf} while the
 *       statutory clock runs (a case awaiting a supplement is not counted: its clock is paused);
 *   <li>{@code decided}: cases with a decision (approved or rejected, closed later or not);
 *   <li>{@code medianProcessingWorkingDays}: median working days taken by decided cases, null when none;
 *   <li>{@code decidedWithinDeadlinePercent}: share of decided cases decided within their statutory deadline,
 *       in percent with one decimal, null when none.
 * </ul>
 *
 * Decimals are {@link BigDecimal} with one decimal place: figures for people, not floating point.
 */
public record DashboardFigures(
        String agencyCode,
        LocalDate asOf,
        Map<CaseStatus, Long> casesByStatus,
        long total,
        long open,
        long overdue,
        long decided,
        long decidedWithinDeadline,
        BigDecimal medianProcessingWorkingDays,
        BigDecimal decidedWithinDeadlinePercent) {

    public DashboardFigures {
        casesByStatus = Map.copyOf(casesByStatus);
    }
}
