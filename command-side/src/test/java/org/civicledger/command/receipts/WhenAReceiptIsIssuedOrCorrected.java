package org.civicledger.command.receipts;

import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.command.bills.BillFacts;
import org.civicledger.command.privacy.MasterKey;
import org.civicledger.command.privacy.SubjectHasher;
import org.civicledger.command.reference.PaymentCatalog.FeeClassTerms;
import org.civicledger.command.support.FixtureClock;
import org.civicledger.command.support.InMemoryBillBook;
import org.civicledger.command.support.InMemoryPaymentCatalog;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.common.RuleViolation;
import org.civicledger.events.payments.BillStatus;
import org.civicledger.events.payments.Payer;
import org.civicledger.events.receipts.ReceiptCommands.IssueCounterReceipt;
import org.civicledger.events.receipts.ReceiptCommands.IssueReceiptForBill;
import org.civicledger.events.receipts.ReceiptCommands.VoidReceipt;
import org.civicledger.events.receipts.ReceiptEvent.ReceiptIssued;
import org.civicledger.events.receipts.ReceiptEvent.ReceiptVoided;
import org.civicledger.events.receipts.ReceiptNumber;
import org.civicledger.events.reference.FeeKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The receipt desk's rules, one given/when/then each, on Axon's aggregate fixture with an in-memory receipt book (the
 * real book's numbering is {@link WhenReceiptNumbersAreTaken}'s). On 20 October 2025 the Civil Affairs agency takes NT$15.
 */
class WhenAReceiptIsIssuedOrCorrected {

    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final Instant NOW = LocalDate.of(2025, 10, 20).atTime(10, 0).atZone(TAIPEI).toInstant();
    private static final String AGENCY = "CIVIL-AFFAIRS";
    private static final Actor OFFICER = Actor.officer("officer-wang", AGENCY);
    private static final Actor OFFICER_OF_OTHER_AGENCY = Actor.officer("officer-lee", "TAX");
    private static final Actor ISSUANCE = Actor.system("receipt-issuance");
    private static final Payer PAYER = new Payer("citizen-lin-mei", new NationalId("A123456789"), "Lin Mei");
    private static final String CODE = "K7Q2M9XW4TZB";

    private AggregateTestFixture<Receipt> fixture;
    private InMemoryReceiptBook book;
    private InMemoryBillBook bills;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Receipt.class);
        book = new InMemoryReceiptBook();
        bills = new InMemoryBillBook();
        InMemoryPaymentCatalog catalog = new InMemoryPaymentCatalog().withFeeClass(
                new FeeClassTerms("CERT", "Residence certificate fee", FeeKind.GOVERNMENT_FEE, AGENCY, Money.twd(15), "revenue:CIVIL-AFFAIRS:CERT"));
        SubjectHasher hasher = new SubjectHasher(MasterKey.of(new byte[MasterKey.LENGTH_BYTES]));
        fixture.registerAnnotatedCommandHandler(new ReceiptDesk(fixture::getRepository, () -> {
            throw new UnsupportedOperationException("no enrollment here");
        }, book, bills, catalog, hasher, () -> CODE, new FixtureClock(fixture::currentTime, TAIPEI)));
    }

    private static ReceiptIssued issued(String receiptId, long sequence, Actor unused) {
        return new ReceiptIssued(receiptId, new ReceiptNumber(AGENCY, 2025, sequence), AGENCY, "CERT", PAYER, "citizen-lin-mei",
                Money.twd(15), "CASH-1", null, CODE, NOW, LocalDate.of(2025, 10, 20), null);
    }

    @Test
    void a_counter_receipt_takes_the_next_number_of_its_agencys_book_for_the_year() {
        book.next(AGENCY, 2025);
        book.next(AGENCY, 2025);
        fixture.givenCurrentTime(NOW)
                .when(new IssueCounterReceipt("rcpt-1", "CERT", PAYER, Money.twd(15), "CASH-1", "cmd-1", OFFICER))
                .expectEvents(issued("rcpt-1", 3, OFFICER));
    }

    @Test
    void a_counter_receipt_is_issued_by_an_officer_of_the_fee_classs_agency_only() {
        fixture.givenCurrentTime(NOW)
                .when(new IssueCounterReceipt("rcpt-1", "CERT", PAYER, Money.twd(15), "CASH-1", "cmd-1", OFFICER_OF_OTHER_AGENCY))
                .expectNoEvents()
                .expectException(violates(RuleViolation.Kind.FORBIDDEN, "IssuingAgencyIssues"));
    }

    @Test
    void a_bill_that_is_not_paid_gets_no_receipt() {
        bills.with(new BillFacts("bill-1", AGENCY, "CERT", "revenue:CIVIL-AFFAIRS:CERT", PAYER, Money.twd(15), BillStatus.OPEN));
        fixture.givenCurrentTime(NOW)
                .when(new IssueReceiptForBill("rcpt-bill-1", "bill-1", "payment-1", "receipt/bill-1", ISSUANCE))
                .expectNoEvents()
                .expectException(violates(RuleViolation.Kind.CONFLICT, "BillIsPaid"));
    }

    @Test
    void a_receipt_is_voided_with_its_reason_and_its_number_stays_in_the_book() {
        book.register("rcpt-1", new ReceiptNumber(AGENCY, 2025, 1), null, null, null);
        fixture.given(issued("rcpt-1", 1, OFFICER))
                .andGivenCurrentTime(NOW)
                .when(new VoidReceipt("rcpt-1", "printed on the wrong form", "cmd-void", OFFICER))
                .expectEvents(new ReceiptVoided("rcpt-1", new ReceiptNumber(AGENCY, 2025, 1), "printed on the wrong form", NOW, null));
    }

    @Test
    void an_officer_of_another_agency_cannot_void_a_receipt() {
        book.register("rcpt-1", new ReceiptNumber(AGENCY, 2025, 1), null, null, null);
        fixture.given(issued("rcpt-1", 1, OFFICER))
                .when(new VoidReceipt("rcpt-1", "not ours", "cmd-void", OFFICER_OF_OTHER_AGENCY))
                .expectNoEvents()
                .expectException(violates(RuleViolation.Kind.FORBIDDEN, "IssuingAgencyCorrects"));
    }

    @Test
    void a_receipt_is_voided_once() {
        book.register("rcpt-1", new ReceiptNumber(AGENCY, 2025, 1), null, null, null);
        fixture.given(issued("rcpt-1", 1, OFFICER), new ReceiptVoided("rcpt-1", new ReceiptNumber(AGENCY, 2025, 1), "first", NOW, null))
                .when(new VoidReceipt("rcpt-1", "again", "cmd-void-2", OFFICER))
                .expectNoEvents()
                .expectException(violates(RuleViolation.Kind.CONFLICT, "ReceiptIsVoidedOnce"));
    }

    @Test
    void a_void_needs_a_reason() {
        book.register("rcpt-1", new ReceiptNumber(AGENCY, 2025, 1), null, null, null);
        fixture.given(issued("rcpt-1", 1, OFFICER))
                .when(new VoidReceipt("rcpt-1", " ", "cmd-void", OFFICER))
                .expectNoEvents()
                .expectException(violates(RuleViolation.Kind.INVALID, "CorrectionHasAReason"));
    }

    /** The book in memory: a counter per agency and year, and the receipts registered. */
    static final class InMemoryReceiptBook implements ReceiptBook {

        private final Map<String, Long> counters = new HashMap<>();
        private final Map<String, ReceiptNumber> registered = new HashMap<>();

        /** One thread, no other transaction: nothing to wait for, so holding is nothing in memory. */
        @Override
        public void hold(java.util.Collection<Book> books) {
        }

        @Override
        public ReceiptNumber next(String agencyCode, int year) {
            return new ReceiptNumber(agencyCode, year, counters.merge(agencyCode + "/" + year, 1L, Long::sum));
        }

        @Override
        public void register(String receiptId, ReceiptNumber number, String billId, String payerRef, String citizenSubject) {
            registered.put(receiptId, number);
        }

        @Override
        public boolean exists(String receiptId) {
            return registered.containsKey(receiptId);
        }

        @Override
        public List<String> unattributed(String payerRef, int limit) {
            return new ArrayList<>();
        }

        @Override
        public void attributed(String receiptId, String citizenSubject) {
        }

        @Override
        public Optional<String> accountOf(String subjectRef) {
            return Optional.empty();
        }

        @Override
        public Optional<String> subjectRefOf(String citizenSubject) {
            return Optional.empty();
        }

        @Override
        public void enrolled(String subjectRef, String citizenSubject) {
        }
    }
}
