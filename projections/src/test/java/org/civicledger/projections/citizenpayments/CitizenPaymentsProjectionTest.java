package org.civicledger.projections.citizenpayments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.payments.BillEvent.BillAmended;
import org.civicledger.events.payments.BillEvent.BillFellOverdue;
import org.civicledger.events.payments.BillEvent.BillIssued;
import org.civicledger.events.payments.BillEvent.BillPaid;
import org.civicledger.events.payments.BillReference;
import org.civicledger.events.payments.BillShare;
import org.civicledger.events.payments.BillStatus;
import org.civicledger.events.payments.Payer;
import org.civicledger.events.payments.PaymentEvent.ChargebackRecorded;
import org.civicledger.events.payments.PaymentEvent.OverpaymentRecorded;
import org.civicledger.events.payments.PaymentEvent.PaymentAuthorized;
import org.civicledger.events.payments.PaymentEvent.PaymentExpired;
import org.civicledger.events.payments.PaymentEvent.PaymentInitiated;
import org.civicledger.events.payments.PaymentEvent.PaymentRefunded;
import org.civicledger.events.payments.PaymentEvent.PaymentSucceeded;
import org.civicledger.events.payments.PaymentStatus;
import org.civicledger.projections.support.EventFeed;
import org.civicledger.projections.support.PageRequest;
import org.civicledger.projections.support.ReadModelDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class CitizenPaymentsProjectionTest {

    private static final Instant AT = Instant.parse("2025-10-20T02:30:00Z");
    private static final Payer LIN_MEI = new Payer("citizen-lin-mei", new NationalId("A123456789"), "Lin Mei");
    private static final Payer CHEN_WEI = new Payer("citizen-chen-wei", new NationalId("F131104093"), "Chen Wei");
    private static final BillShare CERT = new BillShare("bill-cert", "CIVIL", "CERT", "revenue:CIVIL:CERT", Money.twd(15));
    private static final BillShare TAX = new BillShare("bill-tax", "TAX", "HOUSE-TAX", "revenue:TAX:HOUSE-TAX", Money.twd(700));

    private JdbcTemplate jdbc;
    private CitizenPaymentsQueries queries;
    private EventFeed feed;

    @BeforeEach
    void freshReadModel() {
        jdbc = ReadModelDatabase.h2();
        queries = new CitizenPaymentsQueries(jdbc);
        feed = new EventFeed(AT, new CitizenPaymentsProjection(jdbc));
    }

    private static BillIssued issued(BillShare share, Payer payer, LocalDate issuedOn) {
        return new BillIssued(share.billId(), share.feeClassCode(), share.agencyCode(), share.revenueAccount(), payer, share.amount(),
                LocalDate.of(2025, 10, 31), new BillReference(BillReference.Kind.TAX_BILL, "ref-" + share.billId()), issuedOn);
    }

    private void payBoth() {
        feed.deliver("bill-cert", issued(CERT, LIN_MEI, LocalDate.of(2025, 10, 1)));
        feed.deliver("bill-tax", issued(TAX, LIN_MEI, LocalDate.of(2025, 10, 2)));
        feed.deliver("payment-1", new PaymentInitiated("payment-1", "TAIPEI-BANK", "atm", "citizen-lin-mei", List.of(CERT, TAX),
                Money.twd(715), AT, AT.plusSeconds(3600)));
        feed.deliver("payment-1", new PaymentAuthorized("payment-1", "evt-1", AT.plusSeconds(30)));
        feed.deliver("payment-1", new PaymentSucceeded("payment-1", "evt-2", Money.twd(715), List.of(CERT, TAX), AT.plusSeconds(60)));
        feed.deliver("bill-cert", new BillPaid("bill-cert", "payment-1", Money.twd(15), LocalDate.of(2025, 10, 20)));
    }

    @Test
    void a_citizen_sees_their_bills_newest_first_and_which_payment_paid_them() {
        payBoth();
        feed.deliver("bill-other", issued(new BillShare("bill-other", "CIVIL", "CERT", "revenue:CIVIL:CERT", Money.twd(15)), CHEN_WEI,
                LocalDate.of(2025, 10, 3)));

        List<BillView> bills = queries.bills("citizen-lin-mei", PageRequest.first(10)).items();

        assertThat(bills).extracting(BillView::billId).containsExactly("bill-tax", "bill-cert");
        assertThat(bills.get(1).status()).isEqualTo(BillStatus.PAID);
        assertThat(bills.get(1).paidBy()).isEqualTo("payment-1");
        assertThat(bills.get(0).status()).isEqualTo(BillStatus.OPEN);
        assertThat(bills.get(0).amount()).isEqualTo(Money.twd(700));
        assertThat(queries.bills("citizen-chen-wei", PageRequest.first(10)).items()).hasSize(1);
    }

    @Test
    void a_payment_shows_its_bills_what_was_taken_and_what_went_back() {
        payBoth();
        feed.deliver("payment-1", new OverpaymentRecorded("payment-1", "bill-tax", Money.twd(700), "paid by payment-0 already"));
        feed.deliver("payment-1", new PaymentRefunded("payment-1", "refund-1", Money.twd(700), "paid twice", AT.plusSeconds(7200)));
        feed.deliver("payment-1", new ChargebackRecorded("payment-1", "cb-1", Money.twd(10), "disputed", AT.plusSeconds(9000)));

        PaymentView payment = queries.payments("citizen-lin-mei", PageRequest.first(10)).items().get(0);

        assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(payment.billIds()).containsExactly("bill-cert", "bill-tax");
        assertThat(payment.received()).isEqualTo(Money.twd(715));
        assertThat(payment.overpaid()).isEqualTo(Money.twd(700));
        assertThat(payment.refunded()).isEqualTo(Money.twd(700));
        assertThat(payment.chargedBack()).isEqualTo(Money.twd(10));
        assertThat(payment.finishedAt()).isEqualTo(AT.plusSeconds(60));
    }

    @Test
    void a_redelivered_refund_is_counted_once() {
        payBoth();
        feed.deliver("payment-1", new PaymentRefunded("payment-1", "refund-1", Money.twd(5), "fee waived", AT.plusSeconds(7200)));
        feed.redeliver();

        assertThat(queries.payment("payment-1").orElseThrow().refunded()).isEqualTo(Money.twd(5));
    }

    @Test
    void an_expired_payment_took_nothing_and_an_overdue_bill_amended_to_a_later_date_is_open_again() {
        feed.deliver("bill-cert", issued(CERT, LIN_MEI, LocalDate.of(2025, 10, 1)));
        feed.deliver("payment-1", new PaymentInitiated("payment-1", "TAIPEI-BANK", "atm", "citizen-lin-mei", List.of(CERT),
                Money.twd(15), AT, AT.plusSeconds(3600)));
        feed.deliver("payment-1", new PaymentExpired("payment-1", AT.plusSeconds(3600)));
        feed.deliver("bill-cert", new BillFellOverdue("bill-cert", LocalDate.of(2025, 10, 31), LocalDate.of(2025, 11, 1)));
        assertThat(queries.bill("bill-cert").orElseThrow().status()).isEqualTo(BillStatus.OVERDUE);

        feed.deliver("bill-cert", new BillAmended("bill-cert", Money.twd(10), LocalDate.of(2025, 11, 30), Money.twd(15),
                LocalDate.of(2025, 10, 31), "instalment", LocalDate.of(2025, 11, 3)));

        PaymentView payment = queries.payment("payment-1").orElseThrow();
        assertThat(payment.status()).isEqualTo(PaymentStatus.EXPIRED);
        assertThat(payment.received()).isEqualTo(Money.twd(0));
        BillView bill = queries.bill("bill-cert").orElseThrow();
        assertThat(bill.status()).isEqualTo(BillStatus.OPEN);
        assertThat(bill.amount()).isEqualTo(Money.twd(10));
        assertThat(bill.dueOn()).isEqualTo(LocalDate.of(2025, 11, 30));
    }

    @Test
    void no_national_id_or_name_of_a_payer_is_stored() {
        payBoth();

        String everything = jdbc.queryForList("SELECT * FROM citizen_bill").toString()
                + jdbc.queryForList("SELECT * FROM citizen_payment").toString();
        assertThat(everything).doesNotContain("A123456789").doesNotContain("Lin Mei");
    }

    @Test
    void an_event_of_an_unknown_payment_is_an_error_not_skipped() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> feed.deliver("payment-9",
                        new PaymentRefunded("payment-9", "refund-1", Money.twd(5), "fee waived", AT)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_replay_starts_from_nothing() {
        payBoth();
        new CitizenPaymentsProjection(jdbc).reset();

        assertThat(queries.bills("citizen-lin-mei", PageRequest.first(10)).items()).isEmpty();
        assertThat(queries.payment("payment-1")).isEmpty();
    }
}
