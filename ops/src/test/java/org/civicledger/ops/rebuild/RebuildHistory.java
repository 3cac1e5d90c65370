package org.civicledger.ops.rebuild;

import static org.awaitility.Awaitility.await;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.civicledger.command.cases.CaseFees;
import org.civicledger.events.cases.Applicant;
import org.civicledger.events.cases.CaseCommands.AcceptCase;
import org.civicledger.events.cases.CaseCommands.ApproveCase;
import org.civicledger.events.cases.CaseCommands.CloseCase;
import org.civicledger.events.cases.CaseCommands.ExtendDeadline;
import org.civicledger.events.cases.CaseCommands.ProvideSupplement;
import org.civicledger.events.cases.CaseCommands.RejectCase;
import org.civicledger.events.cases.CaseCommands.RequestSupplement;
import org.civicledger.events.cases.CaseCommands.StartReview;
import org.civicledger.events.cases.CaseCommands.SubmitApplication;
import org.civicledger.events.cases.CaseCommands.TransferCase;
import org.civicledger.events.cases.CaseCommands.WithdrawApplication;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.DocumentReference;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.common.Role;
import org.civicledger.events.grants.Beneficiary;
import org.civicledger.events.grants.GrantCommands.AwardGrant;
import org.civicledger.events.grants.GrantCommands.UseGrant;
import org.civicledger.events.payments.BillCommands.IssueBill;
import org.civicledger.events.payments.BillReference;
import org.civicledger.events.payments.CallbackOutcome;
import org.civicledger.events.payments.Payer;
import org.civicledger.events.payments.PaymentCommands.InitiatePayment;
import org.civicledger.events.payments.PaymentCommands.RecordProviderCallback;
import org.civicledger.events.payments.PaymentCommands.RefundPayment;
import org.civicledger.events.privacy.PrivacyCommands.EraseCitizenData;
import org.civicledger.events.reference.FeeKind;
import org.civicledger.events.reference.PaymentReferenceCommands.RegisterFeeClass;
import org.civicledger.events.reference.PaymentReferenceCommands.RegisterPaymentProvider;
import org.civicledger.events.reference.ProviderKind;
import org.civicledger.events.reference.CalendarEvents.Holiday;
import org.civicledger.events.reference.ReferenceCommands.DeclareHoliday;
import org.civicledger.events.reference.ReferenceCommands.PublishCalendarYear;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.civicledger.events.reference.ReferenceCommands.RegisterCaseType;
import org.civicledger.events.reference.ReferenceCommands.RenameAgency;
import org.civicledger.events.reference.ReferenceCommands.ReviseCaseType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A realistic history for rebuild tests: reference data with revisions, cases through every kind of step, a transfer,
 * a withdrawal, a case fee paid before its approval, a fine paid through a provider and partly refunded, its provider's settlement file, a grant and one use of it,
 * an erasure. Every read model gets rows from it.
 */
final class RebuildHistory {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Actor OPERATOR = new Actor("operator-rb", Role.OPERATOR, null);
    private static final Actor OFFICER = Actor.officer("officer-rb-1", "AG-RB1");
    private static final Actor OTHER_OFFICER = Actor.officer("officer-rb-2", "AG-RB2");

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final String suffix;
    private int commandNo;

    RebuildHistory(CommandGateway commands, JdbcTemplate jdbc, String suffix) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.suffix = suffix;
    }

    /** Reference data with changes, and cases through every kind of step, of two citizens (one erased) and two agencies. */
    void build() {
        send(new RegisterAgency("AG-RB1", "Building Office", nextId(), OPERATOR));
        send(new RegisterAgency("AG-RB2", "Land Office", nextId(), OPERATOR));
        send(new RenameAgency("AG-RB2", "Land Administration Office", "reorganisation", nextId(), OPERATOR));
        send(new RegisterCaseType("RB-PERMIT", "AG-RB1", "Building permit", List.of("plan"), Money.twd(250), 10, false, nextId(), OPERATOR));
        send(new RegisterCaseType("RB-SURVEY", "AG-RB2", "Land survey", List.of(), Money.twd(0), 20, false, nextId(), OPERATOR));
        send(new ReviseCaseType("RB-PERMIT", "Building permit", List.of("plan", "id-copy"), Money.twd(300), 12, null, "fee schedule 2031",
                nextId(), OPERATOR));
        send(new PublishCalendarYear(2031, List.of(new Holiday(LocalDate.of(2031, 1, 1), "New Year")),
                List.of(LocalDate.of(2031, 2, 8)), "rebuild test calendar", nextId(), OPERATOR));
        send(new DeclareHoliday(2031, LocalDate.of(2031, 7, 30), "Typhoon day", "typhoon", nextId(), OPERATOR));

        send(new RegisterPaymentProvider("RB-BANK", "Rebuild Bank", ProviderKind.BANK, List.of("atm"), "provider-secret/RB-BANK",
                nextId(), OPERATOR));
        Applicant first = applicant("citizen-rb-1", "A12345601");
        Applicant second = applicant("citizen-rb-2", "B22345602");
        // Approved after a supplement and an extension, then closed.
        submit("case-rb-1", first);
        send(new AcceptCase("case-rb-1", nextId(), OFFICER));
        send(new StartReview("case-rb-1", nextId(), OFFICER));
        send(new RequestSupplement("case-rb-1", "the plan is unreadable", List.of("plan"), nextId(), OFFICER));
        send(new ProvideSupplement("case-rb-1", documents(), nextId(), Actor.citizen("citizen-rb-1")));
        send(new ExtendDeadline("case-rb-1", 3, "site visit needed", nextId(), OFFICER));
        // The permit's fee (billed on submission) is paid before the approval, which waits for it.
        String feeBill = CaseFees.billIdOf("case-rb-1");
        send(new InitiatePayment("payment-rb-fee", List.of(feeBill), "RB-BANK", "atm", nextId(), Actor.citizen("citizen-rb-1")));
        send(new RecordProviderCallback("payment-rb-fee", "RB-BANK", "evt-rb-fee", CallbackOutcome.SUCCEEDED, Money.twd(300), null,
                nextId(), Actor.system("provider:RB-BANK")));
        await().atMost(WAIT).until(() -> "PAID".equals(jdbc.query("SELECT status FROM citizen_bill WHERE bill_id = ?",
                rows -> rows.next() ? rows.getString(1) : null, feeBill)));
        send(new ApproveCase("case-rb-1", "complete", nextId(), OFFICER));
        send(new CloseCase("case-rb-1", "done", nextId(), OFFICER));
        // Rejected; withdrawn; transferred to the other agency and accepted there; left submitted.
        submit("case-rb-2", second);
        send(new AcceptCase("case-rb-2", nextId(), OFFICER));
        send(new StartReview("case-rb-2", nextId(), OFFICER));
        send(new RejectCase("case-rb-2", "not permitted here", nextId(), OFFICER));
        submit("case-rb-3", second);
        send(new WithdrawApplication("case-rb-3", "changed my mind", nextId(), Actor.citizen("citizen-rb-2")));
        submit("case-rb-4", first);
        send(new TransferCase("case-rb-4", "AG-RB2", "their competence", nextId(), OFFICER));
        send(new AcceptCase("case-rb-4", nextId(), OTHER_OFFICER));
        submit("case-rb-5", second);
        // A fine paid through a provider, settled, partly refunded: the payments read model and the journal.
        send(new RegisterFeeClass("RB-FINE", "Building code fine", FeeKind.FINE, "AG-RB1", null, "revenue:AG-RB1:RB-FINE",
                nextId(), OPERATOR));
        send(new IssueBill("bill-rb-1", "RB-FINE", new Payer("citizen-rb-1", NationalId.withCheckDigit("A12345601"), "Name of citizen-rb-1"),
                Money.twd(1200), LocalDate.now(java.time.ZoneId.of("Asia/Taipei")).plusDays(180), new BillReference(BillReference.Kind.FINE_TICKET, "T-RB-1"), nextId(), OFFICER));
        send(new InitiatePayment("payment-rb-1", List.of("bill-rb-1"), "RB-BANK", "atm", nextId(), Actor.citizen("citizen-rb-1")));
        send(new RecordProviderCallback("payment-rb-1", "RB-BANK", "evt-rb-1", CallbackOutcome.SUCCEEDED, Money.twd(1200), null,
                nextId(), Actor.system("provider:RB-BANK")));
        // Settlement (the bill marked paid) is a processor's command: wait for it, or the live checksum races it.
        await().atMost(WAIT).until(() -> "PAID".equals(jdbc.query("SELECT status FROM citizen_bill WHERE bill_id = 'bill-rb-1'",
                rows -> rows.next() ? rows.getString(1) : null)));
        send(new RefundPayment("payment-rb-1", "refund-rb-1", Money.twd(200), "fine reduced on appeal", nextId(), OFFICER));
        // The provider's settlement file of that day: the settlement report and the settlement's journal entries.
        LocalDate day = jdbc.queryForObject("SELECT business_date FROM cmd_provider_transaction WHERE payment_id = 'payment-rb-1' "
                + "AND kind = 'PAYMENT'", LocalDate.class);
        String file = new org.civicledger.ops.demo.DemoSettlementFiles(jdbc).file("RB-BANK", day, false).text();
        send(new org.civicledger.events.settlements.SettlementCommands.ImportSettlementFile(
                org.civicledger.events.settlements.SettlementCommands.settlementId("RB-BANK", file.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "RB-BANK", file, nextId(), OPERATOR));
        // A grant with a use: the grants read model and the grant's journal entries.
        send(new AwardGrant("grant-rb-1", "AG-RB1", "RB-RIDES", new Beneficiary("citizen-rb-1", NationalId.withCheckDigit("A12345601"),
                "Name of citizen-rb-1"), Money.twd(1000), Money.twd(250), java.time.Instant.now().plus(Duration.ofDays(180)), nextId(), OFFICER));
        send(new UseGrant("grant-rb-1", "use-rb-1", Money.twd(200), "RB-BANK", "atm", "ride to the clinic", nextId(),
                Actor.citizen("citizen-rb-1")));
        // A counter receipt to someone without a citizen account: its entry waits in the history for an enrolment.
        send(new org.civicledger.events.receipts.ReceiptCommands.IssueCounterReceipt("receipt-rb-counter", "RB-FINE",
                new Payer(null, NationalId.withCheckDigit("C12345603"), "Name of a walk-in payer"), Money.twd(120), "CASH-RB-1",
                nextId(), OFFICER));
        // The second citizen's personal data is erased: events stay, read models keep their rows.
        send(new EraseCitizenData(NationalId.withCheckDigit("B22345602"), "erasure request RB-1", nextId(), OPERATOR));
        documentsHistory();
    }

    /** A contract signed by an officer with a real Ed25519 key, delivered to a citizen; then the key is revoked. */
    private void documentsHistory() {
        try {
            java.security.KeyPair key = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            org.civicledger.events.documents.Party officer = new org.civicledger.events.documents.Party(OFFICER.subject(),
                    org.civicledger.events.documents.PartyRole.OFFICER, "AG-RB1");
            String keyring = org.civicledger.events.documents.DocumentCommands.keyringOf(OFFICER.subject());
            send(new org.civicledger.events.documents.DocumentCommands.RegisterSigningKey(keyring, officer,
                    java.util.Base64.getEncoder().encodeToString(key.getPublic().getEncoded()), nextId(), OFFICER));
            byte[] content = ("Rebuild contract " + suffix).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String documentId = "doc-rb-" + suffix;
            send(new org.civicledger.events.documents.DocumentCommands.RegisterDocument(documentId, content,
                    org.civicledger.events.documents.DocumentKind.CONTRACT, "Rebuild contract", "AG-RB1",
                    List.of(new org.civicledger.events.documents.Party("citizen-rb-1", org.civicledger.events.documents.PartyRole.CITIZEN, null)),
                    null, List.of(new org.civicledger.events.documents.SignOffStep(List.of(officer))), nextId(), OFFICER));
            java.security.Signature signer = java.security.Signature.getInstance("Ed25519");
            signer.initSign(key.getPrivate());
            signer.update(org.civicledger.command.documents.Signatures.sha256(content));
            send(new org.civicledger.events.documents.DocumentCommands.SignDocument(documentId,
                    org.civicledger.command.documents.Signatures.keyId(key.getPublic().getEncoded()),
                    java.util.Base64.getEncoder().encodeToString(signer.sign()), nextId(), OFFICER));
            send(new org.civicledger.events.documents.DocumentCommands.RevokeSigningKey(keyring,
                    org.civicledger.command.documents.Signatures.keyId(key.getPublic().getEncoded()), "rotated out after the test", nextId(),
                    OFFICER));
        } catch (java.security.GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    void submit(String caseId, Applicant applicant) {
        send(new SubmitApplication(caseId, "RB-PERMIT", applicant, documents(), nextId(), Actor.citizen(applicant.citizenSubject())));
    }

    static Applicant applicant(String subject, String nationalIdFirstNine) {
        return new Applicant(subject, NationalId.withCheckDigit(nationalIdFirstNine), "Name of " + subject, subject + "@example.org", null);
    }

    static List<DocumentReference> documents() {
        return List.of(new DocumentReference("plan", "doc://plans/1"), new DocumentReference("id-copy", "doc://id/1"));
    }

    void send(Object command) {
        commands.sendAndWait(command);
    }

    String nextId() {
        return "cmd-rb-" + (++commandNo) + "-" + suffix;
    }

}
