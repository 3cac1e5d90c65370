package org.civicledger.ops.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.civicledger.command.payments.PaymentResult;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.journal.TrialBalance;
import org.civicledger.events.payments.BillCommands.IssueBill;
import org.civicledger.events.payments.BillReference;
import org.civicledger.events.payments.BillStatus;
import org.civicledger.events.payments.CallbackOutcome;
import org.civicledger.events.payments.Payer;
import org.civicledger.events.payments.PaymentCommands.InitiatePayment;
import org.civicledger.events.payments.PaymentCommands.RecordProviderCallback;
import org.civicledger.events.payments.PaymentCommands.RefundPayment;
import org.civicledger.events.payments.PaymentEvent.JournalEntryRecorded;
import org.civicledger.events.payments.PaymentStatus;
import org.civicledger.events.reference.FeeKind;
import org.civicledger.events.reference.PaymentReferenceCommands.RegisterFeeClass;
import org.civicledger.events.reference.PaymentReferenceCommands.RegisterPaymentProvider;
import org.civicledger.events.reference.ProviderKind;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.civicledger.projections.citizenhistory.CitizenHistoryQueries;
import org.civicledger.projections.citizenhistory.TimelineEntry;
import org.civicledger.projections.citizenpayments.CitizenPaymentsQueries;
import org.civicledger.projections.citizenpayments.PaymentView;
import org.civicledger.command.cases.CaseFees;
import org.civicledger.command.reference.CaseFeeClass;
import org.civicledger.events.cases.Applicant;
import org.civicledger.events.cases.CaseCommands.AcceptCase;
import org.civicledger.events.cases.CaseCommands.ApproveCase;
import org.civicledger.events.cases.CaseCommands.StartReview;
import org.civicledger.events.cases.CaseCommands.SubmitApplication;
import org.civicledger.events.cases.CaseCommands.WithdrawApplication;
import org.civicledger.events.common.RuleViolation;
import org.civicledger.events.reference.ReferenceCommands.RegisterCaseType;
import org.civicledger.projections.citizenpayments.BillView;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bills paid through a provider in the real assembly: reference data, a bill whose payer is sealed in
 * storage, a payment and its callback, the settlement processor marking the bill paid, a refund, the
 * citizen-payments read model and the journal; and two payments of one bill, where the settlement (inside
 * its processor's transaction) turns the second into an overpayment. Run on H2 and PostgreSQL by the subclasses.
 */
public abstract class PaymentFlowContract {

    private static final Actor LOADER = Actor.system("test-loader");
    private static final Duration SETTLED_WITHIN = Duration.ofSeconds(30);

    @Autowired
    protected CommandGateway commands;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected EventStore eventStore;
    @Autowired
    protected CitizenPaymentsQueries payments;
    @Autowired
    protected CitizenHistoryQueries history;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String agency = "AG-" + suffix;
    private final String feeClass = "FEE-" + suffix;
    private final String provider = "BANK-" + suffix;
    private final String revenue = "revenue:" + agency + ":" + feeClass;
    private final Actor officer = Actor.officer("officer-" + suffix, agency);
    private final Actor citizen = Actor.citizen("citizen-" + suffix);
    private final Actor gateway = Actor.system("provider:" + provider);
    private final Payer payer = new Payer(citizen.subject(), new NationalId("A123456789"), "Lin Mei-" + suffix);

    private void referenceData() {
        commands.sendAndWait(new RegisterAgency(agency, "Department of Tests", "ra-" + suffix, LOADER));
        commands.sendAndWait(new RegisterFeeClass(feeClass, "Test permit fee", FeeKind.GOVERNMENT_FEE, agency, null, revenue,
                "rf-" + suffix, LOADER));
        commands.sendAndWait(new RegisterPaymentProvider(provider, "Test Bank", ProviderKind.BANK, List.of("atm"),
                "provider-secret/" + provider, "rp-" + suffix, LOADER));
    }

    private void issue(String billId, long dollars) {
        commands.sendAndWait(new IssueBill(billId, feeClass, payer, Money.twd(dollars), LocalDate.of(2026, 12, 31),
                new BillReference(BillReference.Kind.FINE_TICKET, "T-" + billId), "cmd-" + billId, officer));
    }

    private void pay(String paymentId, String billId) {
        commands.sendAndWait(new InitiatePayment(paymentId, List.of(billId), provider, "atm", "cmd-" + paymentId, citizen));
    }

    private void succeed(String paymentId, long dollars) {
        commands.sendAndWait(new RecordProviderCallback(paymentId, provider, "evt-" + paymentId, CallbackOutcome.SUCCEEDED,
                Money.twd(dollars), null, "cmd-evt-" + paymentId, gateway));
    }

    private TrialBalance journalOf(String... paymentIds) {
        List<JournalEntryRecorded> entries = new ArrayList<>();
        for (String paymentId : paymentIds) {
            eventStore.readEvents(paymentId).asStream().map(message -> message.getPayload())
                    .filter(JournalEntryRecorded.class::isInstance).map(JournalEntryRecorded.class::cast).forEach(entries::add);
        }
        return TrialBalance.of(entries);
    }

    private long overpaid(String paymentId) {
        return payments.payment(paymentId).map(payment -> payment.overpaid().amountMinor()).orElse(0L);
    }

    @Test
    void a_bill_is_paid_through_a_provider_settled_refunded_and_shown_in_the_payers_history() {
        referenceData();
        String billId = "bill-" + suffix;
        String paymentId = "payment-" + suffix;
        issue(billId, 700);
        pay(paymentId, billId);
        succeed(paymentId, 700);

        await().atMost(SETTLED_WITHIN).until(() -> payments.bill(billId).map(bill -> bill.status() == BillStatus.PAID).orElse(false));
        assertThat(payments.bill(billId).orElseThrow().paidBy()).isEqualTo(paymentId);

        PaymentResult refunded = commands.sendAndWait(new RefundPayment(paymentId, "refund-" + suffix, Money.twd(200),
                "fee reduced on appeal", "cmd-refund-" + suffix, officer));
        assertThat(refunded.refundable()).isEqualTo(Money.twd(500));

        await().atMost(SETTLED_WITHIN).until(() -> payments.payment(paymentId).map(p -> p.refunded().equals(Money.twd(200))).orElse(false));
        PaymentView shown = payments.payments(citizen.subject(), org.civicledger.projections.support.PageRequest.first(10)).items().get(0);
        assertThat(shown.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(shown.billIds()).containsExactly(billId);

        TrialBalance balance = journalOf(paymentId);
        assertThat(balance.isZero()).isTrue();
        assertThat(balance.balanceMinor(revenue, "TWD")).isEqualTo(-500);
        assertThat(balance.balanceMinor("refunds-payable:" + agency, "TWD")).isEqualTo(-200);
        assertThat(balance.balanceMinor("provider-clearing:" + provider, "TWD")).isEqualTo(700);

        // One timeline shows it all: the bill, the payment, the receipt its payment brought, the refund.
        await().atMost(SETTLED_WITHIN).untilAsserted(() -> assertThat(history.timeline(citizen.subject(),
                        org.civicledger.projections.support.PageRequest.first(50)).items()).extracting(TimelineEntry::kind)
                .containsSubsequence("PaymentRefunded", "ReceiptIssued", "BillPaid", "PaymentSucceeded", "PaymentInitiated", "BillIssued")
                .doesNotHaveDuplicates());
        List<TimelineEntry> timeline = history.timeline(citizen.subject(), org.civicledger.projections.support.PageRequest.first(50)).items();
        assertThat(timeline).filteredOn(entry -> entry.kind().equals("PaymentRefunded")).singleElement()
                .satisfies(entry -> assertThat(entry.summary()).contains("NT$200").doesNotContain("appeal"))
                .satisfies(entry -> assertThat(entry.itemId()).isEqualTo(paymentId));
        assertThat(timeline).filteredOn(entry -> entry.kind().equals("BillIssued")).singleElement()
                .satisfies(entry -> assertThat(entry.itemId()).isEqualTo(billId));
        assertThat(history.timeline(citizen.subject(), "receipt", org.civicledger.projections.support.PageRequest.first(50)).items())
                .extracting(TimelineEntry::kind).containsExactly("ReceiptIssued");
    }

    private String submitFeeCase(String caseId) {
        commands.sendAndWait(new SubmitApplication(caseId, "CT-" + suffix,
                new Applicant(citizen.subject(), payer.nationalId(), payer.name(), "lin.mei@example.org", null), List.of(),
                "cmd-" + caseId, citizen));
        return CaseFees.billIdOf(caseId);
    }

    @Test
    void a_case_with_a_fee_is_billed_on_submission_and_approved_only_once_the_fee_is_paid() {
        referenceData();
        commands.sendAndWait(new RegisterCaseType("CT-" + suffix, agency, "Test permit", List.of(), Money.twd(350), 10,
                false, "rct-" + suffix, LOADER));
        String caseId = "case-" + suffix;
        String billId = submitFeeCase(caseId);

        // Billed in the submission's own transaction: the bill is in the event store as soon as the case is.
        var issued = eventStore.readEvents(billId).asStream().findFirst().orElseThrow().getPayload();
        assertThat(issued).isInstanceOf(org.civicledger.events.payments.BillEvent.BillIssued.class);
        var bill = (org.civicledger.events.payments.BillEvent.BillIssued) issued;
        assertThat(bill.amount()).isEqualTo(Money.twd(350));
        assertThat(bill.feeClassCode()).isEqualTo(CaseFeeClass.code(agency));
        assertThat(bill.agencyCode()).isEqualTo(agency);
        assertThat(bill.reference()).isEqualTo(new BillReference(BillReference.Kind.CASE, caseId));
        assertThat(bill.payer().citizenSubject()).isEqualTo(citizen.subject());
        await().atMost(SETTLED_WITHIN).until(() -> payments.bill(billId).isPresent());
        assertThat(payments.bills(citizen.subject(), org.civicledger.projections.support.PageRequest.first(10)).items())
                .extracting(BillView::billId).contains(billId);

        commands.sendAndWait(new AcceptCase(caseId, "acc-" + suffix, officer));
        commands.sendAndWait(new StartReview(caseId, "rev-" + suffix, officer));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> commands.sendAndWait(
                        new ApproveCase(caseId, "in order", "apr-1-" + suffix, officer)))
                .isInstanceOf(RuleViolation.class)
                .hasMessageContaining("waits for its fee of 350 TWD");

        String paymentId = "payment-fee-" + suffix;
        pay(paymentId, billId);
        succeed(paymentId, 350);
        await().atMost(SETTLED_WITHIN).until(() -> payments.bill(billId).map(b -> b.status() == BillStatus.PAID).orElse(false));

        commands.sendAndWait(new ApproveCase(caseId, "in order", "apr-2-" + suffix, officer));
        TrialBalance balance = journalOf(paymentId);
        assertThat(balance.isZero()).isTrue();
        assertThat(balance.balanceMinor("revenue:" + agency + ":" + CaseFeeClass.code(agency), "TWD")).isEqualTo(-350);
    }

    @Test
    void a_withdrawn_application_cancels_its_unpaid_fee_bill() {
        referenceData();
        commands.sendAndWait(new RegisterCaseType("CT-" + suffix, agency, "Test permit", List.of(), Money.twd(120), 10,
                false, "rct-" + suffix, LOADER));
        String caseId = "case-w-" + suffix;
        String billId = submitFeeCase(caseId);
        commands.sendAndWait(new WithdrawApplication(caseId, "applied by mistake", "wd-" + suffix, citizen));

        var last = eventStore.readEvents(billId).asStream().reduce((first, second) -> second).orElseThrow().getPayload();
        assertThat(last).isInstanceOf(org.civicledger.events.payments.BillEvent.BillCancelled.class);
        await().atMost(SETTLED_WITHIN).until(() -> payments.bill(billId).map(b -> b.status() == BillStatus.CANCELLED).orElse(false));
    }

    @Test
    void the_payers_national_id_and_name_are_sealed_in_the_stored_bill() {
        referenceData();
        String billId = "bill-sealed-" + suffix;
        issue(billId, 15);

        byte[] payload = jdbc.queryForObject("SELECT payload FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 0",
                byte[].class, billId);
        String stored = new String(payload, StandardCharsets.UTF_8);
        assertThat(stored).contains("\"sealed\"").contains(citizen.subject())
                .doesNotContain("A123456789").doesNotContain(payer.name());
    }

    @Test
    void a_bill_paid_by_two_payments_is_paid_once_and_the_second_payment_is_owed_back() {
        referenceData();
        String billId = "bill-twice-" + suffix;
        String first = "payment-a-" + suffix;
        String second = "payment-b-" + suffix;
        issue(billId, 300);
        pay(first, billId);
        pay(second, billId);
        succeed(first, 300);
        succeed(second, 300);

        await().atMost(SETTLED_WITHIN).until(() -> overpaid(first) + overpaid(second) == 300
                && payments.bill(billId).map(bill -> bill.status() == BillStatus.PAID).orElse(false));
        String paidBy = payments.bill(billId).orElseThrow().paidBy();
        String owedBack = paidBy.equals(first) ? second : first;
        assertThat(payments.payment(owedBack).orElseThrow().overpaid()).isEqualTo(Money.twd(300));

        TrialBalance balance = journalOf(first, second);
        assertThat(balance.isZero()).isTrue();
        assertThat(balance.balanceMinor(revenue, "TWD")).isEqualTo(-300);
        assertThat(balance.balanceMinor("overpayments", "TWD")).isEqualTo(-300);
    }
}
