package org.civicledger.query.audit;

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
import org.civicledger.events.payments.PaymentEvent.PaymentExpired;
import org.civicledger.events.payments.PaymentEvent.PaymentInitiated;
import org.civicledger.events.payments.PaymentEvent.PaymentRefunded;
import org.civicledger.events.payments.PaymentEvent.PaymentSucceeded;
import org.civicledger.events.payments.PaymentStatus;
import org.junit.jupiter.api.Test;

class ItemAsOfTest {

    private static final Instant AT = Instant.parse("2026-03-02T01:00:00Z");
    private static final BillShare SHARE = new BillShare("bill-1", "AG-TAX", "HOUSE-TAX", "revenue:AG-TAX:HOUSE-TAX", Money.twd(700));

    @Test
    void an_overdue_bill_amended_to_a_later_due_date_is_open_again_then_paid() {
        ItemAsOf.BillAsOf bill = ItemAsOf.BillAsOf.empty("bill-1")
                .apply(new BillIssued("bill-1", "HOUSE-TAX", "AG-TAX", "revenue:AG-TAX:HOUSE-TAX",
                        new Payer("citizen-1", NationalId.withCheckDigit("A12345678"), "Lin Mei"), Money.twd(700), LocalDate.of(2026, 3, 31),
                        new BillReference(BillReference.Kind.TAX_BILL, "TX-1"), LocalDate.of(2026, 3, 1)), 10, AT)
                .apply(new BillFellOverdue("bill-1", LocalDate.of(2026, 3, 31), LocalDate.of(2026, 4, 1)), 20, AT.plusSeconds(60));
        assertThat(bill.status()).isEqualTo(BillStatus.OVERDUE);

        ItemAsOf.BillAsOf amended = bill.apply(new BillAmended("bill-1", Money.twd(650), LocalDate.of(2026, 4, 30), Money.twd(700),
                LocalDate.of(2026, 3, 31), "appeal granted", LocalDate.of(2026, 4, 2)), 30, AT.plusSeconds(120));
        assertThat(amended.status()).isEqualTo(BillStatus.OPEN);
        assertThat(amended.amount()).isEqualTo(Money.twd(650));
        assertThat(amended.amendments()).isEqualTo(1);

        ItemAsOf.BillAsOf paid = amended.apply(new BillPaid("bill-1", "payment-1", Money.twd(650), LocalDate.of(2026, 4, 3)), 40,
                AT.plusSeconds(180));
        assertThat(paid.status()).isEqualTo(BillStatus.PAID);
        assertThat(paid.paidBy()).isEqualTo("payment-1");
        assertThat(paid.payerSubject()).isEqualTo("citizen-1");
        assertThat(paid.position()).isEqualTo(new ItemAsOf.Position(4, 40L, AT.plusSeconds(180)));
        assertThat(paid.toString()).doesNotContain("Lin Mei").doesNotContain("A12345678");
    }

    @Test
    void a_payment_that_expired_and_then_succeeded_counts_the_money_and_adds_refunds_and_chargebacks() {
        ItemAsOf.PaymentAsOf payment = ItemAsOf.PaymentAsOf.empty("payment-1")
                .apply(new PaymentInitiated("payment-1", "PAY-TAIPEI", "app", "citizen-1", List.of(SHARE), Money.twd(700), AT,
                        AT.plusSeconds(900)), 1, AT)
                .apply(new PaymentExpired("payment-1", AT.plusSeconds(900)), 2, AT.plusSeconds(900));
        assertThat(payment.status()).isEqualTo(PaymentStatus.EXPIRED);
        assertThat(payment.received()).isEqualTo(Money.twd(0));

        ItemAsOf.PaymentAsOf settled = payment
                .apply(new PaymentSucceeded("payment-1", "evt-9", Money.twd(700), List.of(SHARE), AT.plusSeconds(950)), 3, AT.plusSeconds(950))
                .apply(new PaymentRefunded("payment-1", "refund-1", Money.twd(200), "fee reduced", AT.plusSeconds(1000)), 4, AT.plusSeconds(1000))
                .apply(new PaymentRefunded("payment-1", "refund-2", Money.twd(100), "fee reduced again", AT.plusSeconds(1100)), 5,
                        AT.plusSeconds(1100))
                .apply(new ChargebackRecorded("payment-1", "cb-1", Money.twd(400), "disputed", AT.plusSeconds(1200)), 6, AT.plusSeconds(1200));

        assertThat(settled.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(settled.received()).isEqualTo(Money.twd(700));
        assertThat(settled.refunded()).isEqualTo(Money.twd(300));
        assertThat(settled.refunds()).isEqualTo(2);
        assertThat(settled.chargedBack()).isEqualTo(Money.twd(400));
        assertThat(settled.finishedAt()).isEqualTo(AT.plusSeconds(950));
        assertThat(settled.billIds()).containsExactly("bill-1");
        assertThat(settled.position().eventsApplied()).isEqualTo(6);
    }
}
