package org.civicledger.projections.paymentsdashboard;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicledger.projections.paymentsdashboard.PaymentsDashboard.OwedBills;
import org.civicledger.projections.paymentsdashboard.PaymentsDashboard.ProviderChannel;
import org.civicledger.projections.paymentsdashboard.PaymentsDashboard.ReturnDay;
import org.civicledger.projections.paymentsdashboard.PaymentsDashboard.RevenueDay;
import org.civicledger.projections.support.Jdbc;
import org.civicledger.projections.slots.ReadModelSlots;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads of the payments-dashboard read model: sums the database draws per day, fee class, provider and
 * channel. With an agency, only that agency's figures; a pay-all payment over bills of several agencies
 * counts among the payments of each of them.
 */
@Component
public class PaymentsDashboardQueries {

    /** The longest period one dashboard covers: a year and a day, so a year compared day by day fits. */
    public static final int DAYS_MAX = 367;

    private final JdbcTemplate jdbc;

    public PaymentsDashboardQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Reads the active slot of each read model (a blue/green rebuild fills the other one, {@link ReadModelSlots}). */
    @Autowired
    public PaymentsDashboardQueries(ReadModelSlots slots) {
        this(slots.reader());
    }

    /** The dashboard of {@code agencyCode} (null: city-wide) for the days {@code from}..{@code to}; bills owed as of {@code today}. */
    public PaymentsDashboard dashboard(String agencyCode, LocalDate from, LocalDate to, LocalDate today) {
        return new PaymentsDashboard(agencyCode, from, to, today, revenue(agencyCode, from, to), payments(agencyCode, from, to),
                returns(agencyCode, from, to), bills(agencyCode, today), position());
    }

    private List<RevenueDay> revenue(String agencyCode, LocalDate from, LocalDate to) {
        String sql = "SELECT collected_on, agency_code, fee_class_code, currency, COUNT(*) AS bills, SUM(amount_minor) AS collected, "
                + "SUM(overpaid_minor) AS overpaid FROM pay_dash_collection WHERE collected_on BETWEEN ? AND ?"
                + (agencyCode == null ? "" : " AND agency_code = ?")
                + " GROUP BY collected_on, agency_code, fee_class_code, currency ORDER BY collected_on, agency_code, fee_class_code, currency";
        return jdbc.query(sql, (rs, i) -> {
            long collected = rs.getLong("collected");
            long overpaid = rs.getLong("overpaid");
            return new RevenueDay(Jdbc.date(rs, "collected_on"), rs.getString("agency_code"), rs.getString("fee_class_code"),
                    rs.getString("currency"), rs.getLong("bills"), collected, overpaid, collected - overpaid);
        }, arguments(agencyCode, from, to));
    }

    private List<ProviderChannel> payments(String agencyCode, LocalDate from, LocalDate to) {
        String sql = "SELECT provider_code, channel, currency, status, COUNT(*) AS payments, SUM(amount_minor) AS amount "
                + "FROM pay_dash_payment p WHERE initiated_on BETWEEN ? AND ?"
                + (agencyCode == null ? "" : " AND EXISTS (SELECT 1 FROM pay_dash_payment_agency a WHERE a.payment_id = p.payment_id "
                        + "AND a.agency_code = ?)")
                + " GROUP BY provider_code, channel, currency, status ORDER BY provider_code, channel, currency, status";
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, String[]> keys = new LinkedHashMap<>();
        jdbc.query(sql, rs -> {
            String key = rs.getString("provider_code") + "\n" + rs.getString("channel") + "\n" + rs.getString("currency");
            keys.putIfAbsent(key, key.split("\n"));
            // initiated, pending, succeeded, failed, expired, mismatched, succeeded amount
            long[] figures = counts.computeIfAbsent(key, k -> new long[7]);
            long payments = rs.getLong("payments");
            figures[0] += payments;
            switch (rs.getString("status")) {
                case "INITIATED", "AUTHORIZED" -> figures[1] += payments;
                case "SUCCEEDED" -> {
                    figures[2] += payments;
                    figures[6] += rs.getLong("amount");
                }
                case "AMOUNT_MISMATCHED" -> {
                    figures[2] += payments;
                    figures[5] += payments;
                }
                case "FAILED" -> figures[3] += payments;
                case "EXPIRED" -> figures[4] += payments;
                default -> throw new IllegalStateException("unknown payment status " + rs.getString("status"));
            }
        }, arguments(agencyCode, from, to));
        List<ProviderChannel> rows = new ArrayList<>();
        counts.forEach((key, f) -> {
            String[] k = keys.get(key);
            long finished = f[2] + f[3] + f[4];
            rows.add(new ProviderChannel(k[0], k[1], k[2], f[0], f[1], f[2], f[3], f[4], f[5], f[6], basisPoints(f[2], finished),
                    basisPoints(f[3], finished)));
        });
        return rows;
    }

    private List<ReturnDay> returns(String agencyCode, LocalDate from, LocalDate to) {
        String sql = "SELECT returned_on, agency_code, kind, currency, COUNT(*) AS entries, SUM(amount_minor) AS amount FROM pay_dash_return "
                + "WHERE returned_on BETWEEN ? AND ?" + (agencyCode == null ? "" : " AND agency_code = ?")
                + " GROUP BY returned_on, agency_code, kind, currency ORDER BY returned_on, agency_code, kind, currency";
        return jdbc.query(sql, (rs, i) -> new ReturnDay(Jdbc.date(rs, "returned_on"), rs.getString("agency_code"), rs.getString("kind"),
                rs.getString("currency"), rs.getLong("entries"), rs.getLong("amount")), arguments(agencyCode, from, to));
    }

    private List<OwedBills> bills(String agencyCode, LocalDate today) {
        // Overdue: the overdue event came, or the due date has ended and its deadline has not run yet.
        String overdue = "(status = 'OVERDUE' OR due_on < ?)";
        String sql = "SELECT agency_code, fee_class_code, currency, COUNT(*) AS outstanding, SUM(amount_minor) AS outstanding_minor, "
                + "SUM(CASE WHEN " + overdue + " THEN 1 ELSE 0 END) AS overdue, "
                + "SUM(CASE WHEN " + overdue + " THEN amount_minor ELSE 0 END) AS overdue_minor "
                + "FROM pay_dash_bill WHERE status IN ('OPEN', 'OVERDUE')" + (agencyCode == null ? "" : " AND agency_code = ?")
                + " GROUP BY agency_code, fee_class_code, currency ORDER BY agency_code, fee_class_code, currency";
        Object[] arguments = agencyCode == null ? new Object[] {today, today} : new Object[] {today, today, agencyCode};
        return jdbc.query(sql, (rs, i) -> new OwedBills(rs.getString("agency_code"), rs.getString("fee_class_code"), rs.getString("currency"),
                rs.getLong("outstanding"), rs.getLong("outstanding_minor"), rs.getLong("overdue"), rs.getLong("overdue_minor")), arguments);
    }

    /** The highest event position the read model has applied to a payment or bill (0 when empty). */
    public long position() {
        Long position = jdbc.queryForObject("SELECT GREATEST(COALESCE((SELECT MAX(last_position) FROM pay_dash_payment), 0), "
                + "COALESCE((SELECT MAX(last_position) FROM pay_dash_bill), 0))", Long.class);
        return position == null ? 0 : position;
    }

    private static Object[] arguments(String agencyCode, LocalDate from, LocalDate to) {
        return agencyCode == null ? new Object[] {from, to} : new Object[] {from, to, agencyCode};
    }

    private static Integer basisPoints(long part, long whole) {
        return whole == 0 ? null : (int) (part * 10_000 / whole);
    }
}
