package org.civicledger.projections.citizenhistory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicledger.projections.support.Cases.accepted;
import static org.civicledger.projections.support.Cases.submitted;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.civicledger.events.cases.CaseEvent.CaseApproved;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.common.Role;
import org.civicledger.events.documents.AccessKind;
import org.civicledger.events.documents.DocumentEvent.DocumentAccessed;
import org.civicledger.events.documents.DocumentEvent.DocumentDelivered;
import org.civicledger.events.documents.DocumentEvent.DocumentExecuted;
import org.civicledger.events.documents.DocumentEvent.DocumentRegistered;
import org.civicledger.events.documents.DocumentEvent.DocumentRevoked;
import org.civicledger.events.documents.DocumentEvent.DocumentSigned;
import org.civicledger.events.documents.DocumentEvent.SignOffRequested;
import org.civicledger.events.documents.DocumentKind;
import org.civicledger.events.documents.Party;
import org.civicledger.events.documents.PartyRole;
import org.civicledger.events.documents.SignOffStep;
import org.civicledger.events.documents.SignatureAlgorithm;
import org.civicledger.events.grants.Beneficiary;
import org.civicledger.events.journal.JournalLine;
import org.civicledger.events.grants.GrantEvent.GrantAwarded;
import org.civicledger.events.grants.GrantEvent.GrantExpired;
import org.civicledger.events.grants.GrantEvent.GrantJournalEntryRecorded;
import org.civicledger.events.grants.GrantEvent.GrantUsed;
import org.civicledger.events.payments.BillEvent.BillIssued;
import org.civicledger.events.payments.BillEvent.BillPaid;
import org.civicledger.events.payments.BillReference;
import org.civicledger.events.payments.BillShare;
import org.civicledger.events.payments.Payer;
import org.civicledger.events.payments.PaymentEvent.JournalEntryRecorded;
import org.civicledger.events.payments.PaymentEvent.PaymentInitiated;
import org.civicledger.events.payments.PaymentEvent.PaymentRefunded;
import org.civicledger.events.payments.PaymentEvent.PaymentSucceeded;
import org.civicledger.events.receipts.ReceiptEvent.ReceiptAttributed;
import org.civicledger.events.receipts.ReceiptEvent.ReceiptIssued;
import org.civicledger.events.receipts.ReceiptEvent.ReceiptVoided;
import org.civicledger.events.receipts.ReceiptNumber;
import org.civicledger.events.cases.CaseEvent.CaseReviewStarted;
import org.civicledger.events.cases.CaseEvent.SupplementRequested;
import org.civicledger.projections.support.EventFeed;
import org.civicledger.projections.support.Page;
import org.civicledger.projections.support.PageRequest;
import org.civicledger.projections.support.ReadModelDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class CitizenHistoryProjectionTest {

    private JdbcTemplate jdbc;
    private CitizenHistoryQueries queries;
    private EventFeed feed;

    @BeforeEach
    void freshReadModel() {
        jdbc = ReadModelDatabase.h2();
        queries = new CitizenHistoryQueries(jdbc);
        feed = new EventFeed(Instant.parse("2025-03-03T01:00:00Z"), new CitizenHistoryProjection(jdbc));
    }

    @Test
    void a_citizen_reads_every_event_of_their_cases_newest_first() {
        long submitted = feed.deliver("case-1", submitted("case-1", "AG-BUILD", "citizen-1"));
        feed.deliver("case-2", submitted("case-2", "AG-BUILD", "citizen-2"));
        long accepted = feed.deliver("case-1", accepted("case-1", "CN-1", LocalDate.of(2025, 3, 4), LocalDate.of(2025, 3, 18)));
        long approved = feed.deliver("case-1", new CaseApproved("case-1", "complete", LocalDate.of(2025, 3, 10), 4, true,
                LocalDate.of(2025, 4, 9)));

        Page<TimelineEntry> timeline = queries.timeline("citizen-1", PageRequest.first(50));

        assertThat(timeline.items()).extracting(TimelineEntry::position).containsExactly(approved, accepted, submitted);
        assertThat(timeline.items()).extracting(TimelineEntry::kind)
                .containsExactly("CaseApproved", "CaseAccepted", "ApplicationSubmitted");
        assertThat(timeline.items()).extracting(TimelineEntry::caseId).containsOnly("case-1");
        assertThat(timeline.items().get(1).summary()).contains("CN-1").contains("2025-03-18");
        assertThat(timeline.items().get(2).occurredAt()).isEqualTo(Instant.parse("2025-03-03T01:01:00Z"));
        assertThat(queries.timeline("citizen-2", PageRequest.first(50)).items()).hasSize(1);
    }

    @Test
    void a_timeline_is_read_one_page_at_a_time() {
        feed.deliver("case-1", submitted("case-1", "AG-BUILD", "citizen-1"));
        feed.deliver("case-1", accepted("case-1", "CN-1", LocalDate.of(2025, 3, 4), LocalDate.of(2025, 3, 18)));
        feed.deliver("case-1", new CaseReviewStarted("case-1", "officer-7"));

        Page<TimelineEntry> first = queries.timeline("citizen-1", new PageRequest(0, 2));
        Page<TimelineEntry> second = queries.timeline("citizen-1", new PageRequest(1, 2));

        assertThat(first.items()).hasSize(2);
        assertThat(first.hasMore()).isTrue();
        assertThat(second.items()).extracting(TimelineEntry::kind).containsExactly("ApplicationSubmitted");
        assertThat(second.hasMore()).isFalse();
    }

    @Test
    void a_counter_application_without_an_account_leaves_no_timeline() {
        feed.deliver("case-1", submitted("case-1", "AG-BUILD", null));
        feed.deliver("case-1", accepted("case-1", "CN-1", LocalDate.of(2025, 3, 4), LocalDate.of(2025, 3, 18)));

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM citizen_timeline", Integer.class)).isZero();
    }

    @Test
    void a_redelivered_event_adds_no_entry() {
        feed.deliver("case-1", submitted("case-1", "AG-BUILD", "citizen-1"));
        feed.redeliver();
        feed.deliver("case-1", new CaseReviewStarted("case-1", "officer-7"));
        feed.redeliver();

        assertThat(queries.timeline("citizen-1", PageRequest.first(50)).items()).hasSize(2);
    }

    @Test
    void no_national_id_name_contact_or_free_text_reason_is_stored() {
        feed.deliver("case-1", submitted("case-1", "AG-BUILD", "citizen-1"));
        feed.deliver("case-1", new SupplementRequested("case-1", "Mr Wang's plan is unreadable", List.of("floor-plan"),
                LocalDate.of(2025, 3, 6), 2));

        for (String table : List.of("citizen_timeline", "citizen_case")) {
            for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM " + table)) {
                assertThat(row.values().toString()).doesNotContain("A12345678").doesNotContain("Lin Mei-hua")
                        .doesNotContain("mei@example.org").doesNotContain("Wang");
            }
        }
    }

    @Test
    void a_reset_empties_the_read_model_for_a_replay() {
        feed.deliver("case-1", submitted("case-1", "AG-BUILD", "citizen-1"));

        feed.reset();

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM citizen_timeline", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM citizen_case", Integer.class)).isZero();
    }

    private static final Instant AT = Instant.parse("2025-03-03T01:00:00Z");
    private static final Payer LIN_MEI = new Payer("citizen-1", NationalId.withCheckDigit("A12345678"), "Lin Mei-hua");
    private static final BillShare FEE = new BillShare("fee-case-1", "AG-BUILD", "CASE-FEES.AG-BUILD", "revenue:AG-BUILD:CASE-FEES",
            Money.twd(1250));

    private static final List<JournalLine> BOOKED = List.of(JournalLine.debit("provider-clearing:PAY-TAIPEI", "AG-BUILD", 1250, "TWD"),
            JournalLine.credit("revenue:AG-BUILD:CASE-FEES", "AG-BUILD", 1250, "TWD"));

    private static BillIssued bill(String billId, Payer payer, BillReference reference) {
        return new BillIssued(billId, FEE.feeClassCode(), FEE.agencyCode(), FEE.revenueAccount(), payer, FEE.amount(),
                LocalDate.of(2025, 3, 31), reference, LocalDate.of(2025, 3, 3));
    }

    private static ReceiptIssued receipt(String receiptId, long sequence, String citizenSubject, String reissueOf) {
        return new ReceiptIssued(receiptId, new ReceiptNumber("AG-BUILD", 2025, sequence), "AG-BUILD", FEE.feeClassCode(),
                citizenSubject == null ? new Payer(null, NationalId.withCheckDigit("B12345678"), "Chen Wei") : LIN_MEI, citizenSubject,
                FEE.amount(), "payment-1", FEE.billId(), "code-" + sequence, AT, LocalDate.of(2025, 3, 3), reissueOf);
    }

    @Test
    void a_citizen_reads_their_case_its_fee_bill_the_payment_the_refund_and_the_receipts_in_one_timeline() {
        feed.deliver("case-1", submitted("case-1", "AG-BUILD", "citizen-1"));
        feed.deliver(FEE.billId(), bill(FEE.billId(), LIN_MEI, new BillReference(BillReference.Kind.CASE, "case-1")));
        feed.deliver("bill-other", bill("bill-other", new Payer("citizen-2", NationalId.withCheckDigit("B12345678"), "Chen Wei"),
                new BillReference(BillReference.Kind.FINE_TICKET, "T-1")));
        feed.deliver("payment-1", new PaymentInitiated("payment-1", "PAY-TAIPEI", "app", "citizen-1", List.of(FEE), Money.twd(1250),
                AT, AT.plusSeconds(900)));
        feed.deliver("payment-1", new JournalEntryRecorded("payment-1", "entry-1", "payment-succeeded", AT, BOOKED));
        feed.deliver("payment-1", new PaymentSucceeded("payment-1", "evt-1", Money.twd(1250), List.of(FEE), AT.plusSeconds(60)));
        feed.deliver(FEE.billId(), new BillPaid(FEE.billId(), "payment-1", Money.twd(1250), LocalDate.of(2025, 3, 3)));
        feed.deliver("receipt-1", receipt("receipt-1", 1, "citizen-1", null));
        feed.deliver("payment-1", new PaymentRefunded("payment-1", "refund-1", Money.twd(250), "Mr Wang overcharged", AT.plusSeconds(600)));
        feed.deliver("receipt-1", new ReceiptVoided("receipt-1", new ReceiptNumber("AG-BUILD", 2025, 1), "typo by Mr Wang", AT, "receipt-2"));
        feed.deliver("receipt-2", receipt("receipt-2", 2, "citizen-1", "receipt-1"));

        List<TimelineEntry> timeline = queries.timeline("citizen-1", PageRequest.first(50)).items();

        assertThat(timeline).extracting(TimelineEntry::kind).containsExactly("ReceiptIssued", "ReceiptVoided", "PaymentRefunded",
                "ReceiptIssued", "BillPaid", "PaymentSucceeded", "PaymentInitiated", "BillIssued", "ApplicationSubmitted");
        assertThat(timeline).extracting(TimelineEntry::category).containsExactly("receipt", "receipt", "payment", "receipt", "bill",
                "payment", "payment", "bill", "case");
        assertThat(timeline).extracting(TimelineEntry::itemId).containsExactly("receipt-2", "receipt-1", "payment-1", "receipt-1",
                FEE.billId(), "payment-1", "payment-1", FEE.billId(), "case-1");
        // The fee bill belongs to its case; the payment and receipts are the bill's, not the case's.
        assertThat(timeline.get(7).caseId()).isEqualTo("case-1");
        assertThat(timeline.get(6).caseId()).isNull();
        assertThat(timeline.get(7).summary()).contains("NT$1,250").contains("2025-03-31").contains("case case-1");
        assertThat(timeline.get(2).summary()).isEqualTo("Refund of NT$250 to you (refund refund-1)");
        assertThat(timeline.get(0).summary()).contains("replacing receipt receipt-1").contains("NT$1,250");
        assertThat(timeline.get(1).summary()).contains("reissued as receipt-2").doesNotContain("typo");
        assertThat(queries.timeline("citizen-2", PageRequest.first(50)).items()).extracting(TimelineEntry::itemId)
                .containsExactly("bill-other");
    }

    @Test
    void a_grant_its_uses_and_its_expiry_are_in_the_beneficiarys_timeline() {
        feed.deliver("grant-1", new GrantAwarded("grant-1", "AG-SOCIAL", "RIDES", new Beneficiary("citizen-1",
                NationalId.withCheckDigit("A12345678"), "Lin Mei-hua"), Money.twd(8000), Money.twd(250), AT, AT.plusSeconds(86_400)));
        feed.deliver("grant-1", new GrantJournalEntryRecorded("grant-1", "entry-1", "grant-awarded", AT, BOOKED));
        feed.deliver("grant-1", new GrantUsed("grant-1", "use-1", Money.twd(180), "TAXI-55", "app", "ride to the clinic",
                Money.twd(7820), AT.plusSeconds(60)));
        feed.deliver("grant-1", new GrantExpired("grant-1", Money.twd(7820), AT.plusSeconds(86_400)));

        List<TimelineEntry> timeline = queries.timeline("citizen-1", PageRequest.first(50)).items();

        assertThat(timeline).extracting(TimelineEntry::kind).containsExactly("GrantExpired", "GrantUsed", "GrantAwarded");
        assertThat(timeline).extracting(TimelineEntry::category).containsOnly("grant");
        assertThat(timeline.get(1).summary()).isEqualTo("Grant used: NT$180 at TAXI-55; NT$7,820 left");
        assertThat(timeline.get(2).summary()).contains("NT$8,000").contains("NT$250 per use");
    }

    @Test
    void a_receipt_issued_before_enrolment_enters_the_timeline_at_its_own_position_when_it_is_attributed() {
        long issued = feed.deliver("receipt-9", receipt("receipt-9", 9, null, null));
        feed.deliver("case-1", submitted("case-1", "AG-BUILD", "citizen-1"));
        assertThat(queries.timeline("citizen-1", PageRequest.first(50)).items()).extracting(TimelineEntry::category).containsOnly("case");

        long attributed = feed.deliver("receipt-9", new ReceiptAttributed("receipt-9", "citizen-1", AT.plusSeconds(3600)));
        feed.redeliver();
        long voided = feed.deliver("receipt-9", new ReceiptVoided("receipt-9", new ReceiptNumber("AG-BUILD", 2025, 9), "wrong fee",
                AT.plusSeconds(7200), null));

        List<TimelineEntry> timeline = queries.timeline("citizen-1", PageRequest.first(50)).items();
        assertThat(timeline).extracting(TimelineEntry::position).containsExactly(voided, attributed, issued + 1, issued);
        assertThat(timeline).extracting(TimelineEntry::kind).containsExactly("ReceiptVoided", "ReceiptAttributed",
                "ApplicationSubmitted", "ReceiptIssued");
        assertThat(timeline.get(3).occurredAt()).isEqualTo(AT.plusSeconds(60));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM citizen_pending_entry", Integer.class)).isZero();
    }

    @Test
    void a_document_concerns_its_citizen_recipients_and_signers_and_never_names_other_people() {
        Party citizen = new Party("citizen-1", PartyRole.CITIZEN, null);
        Party signer = new Party("citizen-3", PartyRole.CITIZEN, null);
        Party vendor = new Party("vendor-rep-1", PartyRole.VENDOR, null);
        Party officer = new Party("officer-7", PartyRole.OFFICER, "AG-BUILD");
        feed.deliver("doc-1", new DocumentRegistered("doc-1", "ab".repeat(32), 1200, DocumentKind.CONTRACT, "Lease of stall 12",
                "AG-BUILD", List.of(citizen, vendor), LocalDate.of(2026, 3, 3), AT));
        feed.deliver("doc-1", new SignOffRequested("doc-1", List.of(new SignOffStep(List.of(officer)), new SignOffStep(List.of(signer))),
                AT));
        feed.deliver("doc-1", new DocumentSigned("doc-1", 1, officer, "key-1", SignatureAlgorithm.ED25519, "c2ln", AT));
        feed.deliver("doc-1", new DocumentSigned("doc-1", 2, signer, "key-2", SignatureAlgorithm.ECDSA_P256, "c2ln", AT));
        feed.deliver("doc-1", new DocumentExecuted("doc-1", AT));
        feed.deliver("doc-1", new DocumentDelivered("doc-1", citizen, AT));
        feed.deliver("doc-1", new DocumentDelivered("doc-1", vendor, AT));
        feed.deliver("doc-1", new DocumentAccessed("doc-1", "officer-7", Role.OFFICER, AccessKind.DOWNLOAD, AT));
        feed.deliver("doc-1", new DocumentRevoked("doc-1", "Mr Wang's lease ended early", AT));

        List<TimelineEntry> recipient = queries.timeline("citizen-1", PageRequest.first(50)).items();
        List<TimelineEntry> citizenSigner = queries.timeline("citizen-3", PageRequest.first(50)).items();

        assertThat(recipient).extracting(TimelineEntry::kind).containsExactly("DocumentRevoked", "DocumentAccessed", "DocumentDelivered",
                "DocumentExecuted", "DocumentSigned", "DocumentSigned", "SignOffRequested", "DocumentRegistered");
        assertThat(recipient.get(1).summary()).isEqualTo("Document downloaded by a person in the role officer");
        assertThat(recipient.get(4).summary()).startsWith("Signed at step 2 by another citizen");
        assertThat(recipient.get(5).summary()).startsWith("Signed at step 1 by an officer of agency AG-BUILD");
        assertThat(recipient.get(7).summary()).contains("Lease of stall 12").contains("contract").contains("2026-03-03");
        // The signer joins at the request: the registration before it is not theirs; no one else's delivery is.
        assertThat(citizenSigner).extracting(TimelineEntry::kind).containsExactly("DocumentRevoked", "DocumentAccessed",
                "DocumentExecuted", "DocumentSigned", "DocumentSigned", "SignOffRequested");
        assertThat(citizenSigner.get(5).summary()).endsWith("your signature is asked at step 2");
        assertThat(citizenSigner.get(3).summary()).startsWith("Signed at step 2 by you");
        assertThat(queries.timeline("vendor-rep-1", PageRequest.first(50)).items()).isEmpty();
        assertThat(queries.timeline("officer-7", PageRequest.first(50)).items()).isEmpty();
        assertThat(jdbc.queryForList("SELECT summary FROM citizen_timeline").toString()).doesNotContain("Wang")
                .doesNotContain("vendor-rep-1").doesNotContain("officer-7").doesNotContain("citizen-3");
    }

    @Test
    void redelivered_payment_and_document_events_add_no_entry_and_a_reset_empties_every_table() {
        feed.deliver(FEE.billId(), bill(FEE.billId(), LIN_MEI, new BillReference(BillReference.Kind.TAX_BILL, "TX-1")));
        feed.redeliver();
        feed.deliver("receipt-7", receipt("receipt-7", 7, null, null));
        feed.redeliver();
        feed.deliver("doc-1", new DocumentRegistered("doc-1", "ab".repeat(32), 1200, DocumentKind.NOTICE, "Notice", "AG-BUILD",
                List.of(new Party("citizen-1", PartyRole.CITIZEN, null)), null, AT));
        feed.redeliver();

        assertThat(queries.timeline("citizen-1", PageRequest.first(50)).items()).extracting(TimelineEntry::kind)
                .containsExactly("DocumentRegistered", "BillIssued");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM citizen_pending_entry", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT * FROM citizen_pending_entry").toString()).doesNotContain("Chen Wei").doesNotContain("B12345678");

        feed.reset();

        for (String table : List.of("citizen_timeline", "citizen_case", "citizen_party", "citizen_pending_entry")) {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class)).as(table).isZero();
        }
    }
}
