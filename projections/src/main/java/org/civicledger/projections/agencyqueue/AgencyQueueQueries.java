package org.civicledger.projections.agencyqueue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.civicledger.events.cases.CaseStatus;
import org.civicledger.projections.casestatus.CaseSummary;
import org.civicledger.projections.casestatus.CaseStatusQueries;
import org.civicledger.projections.support.Page;
import org.civicledger.projections.support.PageRequest;
import org.civicledger.projections.slots.ReadModelSlots;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * An agency's queue of cases and the dashboard figures, per agency and city-wide, computed by queries over
 * the case-status read model ({@code case_status}); this class keeps no table of its own.
 *
 * <p>The SQL runs on PostgreSQL and on H2 alike: the median is {@code PERCENTILE_CONT(0.5) WITHIN GROUP}, an
 * ordered-set aggregate both provide, so no case list is carried into Java to compute it. Per-agency
 * figures of the city dashboard are grouped queries, one per figure, whatever the number of agencies.
 */
@Repository
public class AgencyQueueQueries {

    /** Dashboards list at most this many agencies; the city has about 145. */
    public static final int AGENCIES_MAX = 1_000;

    private static final String OPEN_STATUSES = "'SUBMITTED', 'ACCEPTED', 'IN_REVIEW', 'SUPPLEMENT_REQUESTED'";
    private static final String OVERDUE = "status IN (" + OPEN_STATUSES + ") AND (overdue = TRUE OR (deadline < ? AND paused = FALSE))";

    private final JdbcTemplate jdbc;

    public AgencyQueueQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Reads the active slot of each read model (a blue/green rebuild fills the other one, {@link ReadModelSlots}). */
    @Autowired
    public AgencyQueueQueries(ReadModelSlots slots) {
        this(slots.reader());
    }

    /**
     * The cases of an agency, of one status when given, soonest deadline first (cases without a deadline
     * yet, the newly submitted, after them in order of arrival).
     */
    public Page<CaseSummary> queue(String agencyCode, CaseStatus status, PageRequest page) {
        String order = " ORDER BY deadline ASC NULLS LAST, submitted_at ASC, case_id LIMIT ? OFFSET ?";
        String select = "SELECT " + CaseStatusQueries.SUMMARY_COLUMNS + " FROM case_status WHERE agency_code = ?";
        List<CaseSummary> fetched = status == null
                ? jdbc.query(select + order, CaseStatusQueries.SUMMARY, agencyCode, page.fetchSize(), page.offset())
                : jdbc.query(select + " AND status = ?" + order, CaseStatusQueries.SUMMARY, agencyCode, status.name(),
                        page.fetchSize(), page.offset());
        return Page.of(fetched, page);
    }

    /** The figures of one agency as of {@code today}; all zero for an agency without cases. */
    public DashboardFigures dashboard(String agencyCode, LocalDate today) {
        Map<String, Partial> byAgency = figures(" WHERE agency_code = ?", today, agencyCode);
        Partial partial = byAgency.getOrDefault(agencyCode, new Partial());
        return partial.toFigures(agencyCode, today);
    }

    /** The city-wide figures as of {@code today}, with every agency's beside them. */
    public CityDashboard cityDashboard(LocalDate today) {
        Map<String, Partial> byAgency = figures("", today);
        Partial city = new Partial();
        List<DashboardFigures> agencies = new ArrayList<>();
        for (Map.Entry<String, Partial> entry : byAgency.entrySet()) {
            city.add(entry.getValue());
            agencies.add(entry.getValue().toFigures(entry.getKey(), today));
        }
        // The median does not add up from the agencies' medians: the city's is a query of its own.
        city.median = jdbc.queryForObject("SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY working_days_taken)"
                + " FROM case_status WHERE decided_on IS NOT NULL", BigDecimal.class);
        return new CityDashboard(city.toFigures(null, today), agencies);
    }

    /** The figures grouped by agency, for the agencies the filter (empty, or a {@code WHERE} clause with a leading space) selects. */
    private Map<String, Partial> figures(String filter, LocalDate today, Object... filterArguments) {
        Map<String, Partial> byAgency = new TreeMap<>();
        jdbc.query("SELECT agency_code, status, COUNT(*) AS cases FROM case_status" + filter
                + " GROUP BY agency_code, status ORDER BY agency_code LIMIT ?", rows -> {
                    partial(byAgency, rows.getString("agency_code")).byStatus
                            .merge(CaseStatus.valueOf(rows.getString("status")), rows.getLong("cases"), Long::sum);
                }, append(filterArguments, AGENCIES_MAX * CaseStatus.values().length));
        String overdueFilter = filter.isEmpty() ? " WHERE " : filter + " AND ";
        jdbc.query("SELECT agency_code, COUNT(*) AS cases FROM case_status" + overdueFilter + OVERDUE
                + " GROUP BY agency_code ORDER BY agency_code LIMIT ?", rows -> {
                    partial(byAgency, rows.getString("agency_code")).overdue = rows.getLong("cases");
                }, append(append(filterArguments, today), AGENCIES_MAX));
        String decidedFilter = filter.isEmpty() ? " WHERE " : filter + " AND ";
        jdbc.query("""
                SELECT agency_code, COUNT(*) AS decided,
                    SUM(CASE WHEN decided_within_deadline = TRUE THEN 1 ELSE 0 END) AS within_deadline,
                    PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY working_days_taken) AS median_days
                FROM case_status""" + decidedFilter + "decided_on IS NOT NULL GROUP BY agency_code ORDER BY agency_code LIMIT ?",
                rows -> {
                    Partial partial = partial(byAgency, rows.getString("agency_code"));
                    partial.decided = rows.getLong("decided");
                    partial.withinDeadline = rows.getLong("within_deadline");
                    partial.median = rows.getBigDecimal("median_days");
                }, append(filterArguments, AGENCIES_MAX));
        return byAgency;
    }

    private static Partial partial(Map<String, Partial> byAgency, String agencyCode) {
        return byAgency.computeIfAbsent(agencyCode, code -> new Partial());
    }

    private static Object[] append(Object[] arguments, Object last) {
        Object[] extended = new Object[arguments.length + 1];
        System.arraycopy(arguments, 0, extended, 0, arguments.length);
        extended[arguments.length] = last;
        return extended;
    }

    /** Figures being gathered for one agency (or summed up for the city). */
    private static final class Partial {
        private final Map<CaseStatus, Long> byStatus = new EnumMap<>(CaseStatus.class);
        private long overdue;
        private long decided;
        private long withinDeadline;
        private BigDecimal median;

        void add(Partial other) {
            other.byStatus.forEach((status, cases) -> byStatus.merge(status, cases, Long::sum));
            overdue += other.overdue;
            decided += other.decided;
            withinDeadline += other.withinDeadline;
        }

        DashboardFigures toFigures(String agencyCode, LocalDate asOf) {
            Map<CaseStatus, Long> counts = new EnumMap<>(CaseStatus.class);
            long total = 0;
            long open = 0;
            for (CaseStatus status : CaseStatus.values()) {
                long cases = byStatus.getOrDefault(status, 0L);
                counts.put(status, cases);
                total += cases;
                open += status.isOpen() ? cases : 0;
            }
            BigDecimal share = decided == 0 ? null
                    : BigDecimal.valueOf(withinDeadline * 100).divide(BigDecimal.valueOf(decided), 1, RoundingMode.HALF_UP);
            BigDecimal medianDays = median == null ? null : median.setScale(1, RoundingMode.HALF_UP);
            return new DashboardFigures(agencyCode, asOf, counts, total, open, overdue, decided, withinDeadline, medianDays, share);
        }
    }
}
