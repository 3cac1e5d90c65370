package org.civicledger.projections.citizenpayments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.civicledger.events.common.Money;
import org.civicledger.events.payments.BillReference;
import org.civicledger.events.payments.BillStatus;
import org.civicledger.events.payments.PaymentStatus;
import org.civicledger.projections.support.Jdbc;
import org.civicledger.projections.support.Page;
import org.civicledger.projections.support.PageRequest;
import org.civicledger.projections.slots.ReadModelSlots;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads of the citizen-payments read model: a citizen's bills and payments, newest first, one page at a time. */
@Component
public class CitizenPaymentsQueries {

    private final JdbcTemplate jdbc;

    public CitizenPaymentsQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Reads the active slot of each read model (a blue/green rebuild fills the other one, {@link ReadModelSlots}). */
    @Autowired
    public CitizenPaymentsQueries(ReadModelSlots slots) {
        this(slots.reader());
    }

    public Page<BillView> bills(String citizenSubject, PageRequest page) {
        List<BillView> rows = jdbc.query("SELECT * FROM citizen_bill WHERE citizen_subject = ? "
                        + "ORDER BY issued_on DESC, last_position DESC LIMIT ? OFFSET ?",
                (rs, i) -> bill(rs), citizenSubject, page.fetchSize(), page.offset());
        return Page.of(rows, page);
    }

    public Optional<BillView> bill(String billId) {
        return jdbc.query("SELECT * FROM citizen_bill WHERE bill_id = ?", (rs, i) -> bill(rs), billId).stream().findFirst();
    }

    public Page<PaymentView> payments(String citizenSubject, PageRequest page) {
        List<PaymentView> rows = jdbc.query("SELECT * FROM citizen_payment WHERE citizen_subject = ? "
                        + "ORDER BY initiated_at DESC, payment_id DESC LIMIT ? OFFSET ?",
                (rs, i) -> payment(rs), citizenSubject, page.fetchSize(), page.offset());
        return Page.of(rows, page);
    }

    public Optional<PaymentView> payment(String paymentId) {
        return jdbc.query("SELECT * FROM citizen_payment WHERE payment_id = ?", (rs, i) -> payment(rs), paymentId).stream().findFirst();
    }

    private static BillView bill(ResultSet rs) throws SQLException {
        String currency = rs.getString("currency");
        return new BillView(rs.getString("bill_id"), rs.getString("citizen_subject"), rs.getString("agency_code"),
                rs.getString("fee_class_code"),
                new BillReference(BillReference.Kind.valueOf(rs.getString("reference_kind")), rs.getString("reference_id")),
                new Money(rs.getLong("amount_minor"), currency), rs.getObject("due_on", java.time.LocalDate.class),
                BillStatus.valueOf(rs.getString("status")), rs.getObject("issued_on", java.time.LocalDate.class), rs.getString("paid_by"),
                rs.getObject("paid_on", java.time.LocalDate.class), rs.getLong("last_position"));
    }

    private PaymentView payment(ResultSet rs) throws SQLException {
        String currency = rs.getString("currency");
        String paymentId = rs.getString("payment_id");
        List<String> billIds = jdbc.queryForList("SELECT bill_id FROM citizen_payment_bill WHERE payment_id = ? ORDER BY bill_id",
                String.class, paymentId);
        return new PaymentView(paymentId, rs.getString("citizen_subject"), rs.getString("provider_code"), rs.getString("channel"),
                PaymentStatus.valueOf(rs.getString("status")), new Money(rs.getLong("amount_minor"), currency),
                new Money(rs.getLong("received_minor"), currency), new Money(rs.getLong("refunded_minor"), currency),
                new Money(rs.getLong("charged_back_minor"), currency), new Money(rs.getLong("overpaid_minor"), currency), billIds,
                Jdbc.instant(rs, "initiated_at"), Jdbc.instant(rs, "finished_at"), rs.getLong("last_position"));
    }
}
