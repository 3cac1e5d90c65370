package org.civicledger.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.civicledger.events.cases.Applicant;
import org.civicledger.events.cases.CaseEvent;
import org.civicledger.events.common.DocumentReference;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.grants.Beneficiary;
import org.civicledger.events.grants.GrantEvent;
import org.civicledger.events.journal.JournalLine;
import org.civicledger.events.payments.BillEvent;
import org.civicledger.events.payments.BillReference;
import org.civicledger.events.payments.BillShare;
import org.civicledger.events.payments.CallbackOutcome;
import org.civicledger.events.payments.Payer;
import org.civicledger.events.common.Role;
import org.civicledger.events.documents.AccessKind;
import org.civicledger.events.documents.DocumentEvent;
import org.civicledger.events.documents.DocumentKind;
import org.civicledger.events.documents.Party;
import org.civicledger.events.documents.PartyRole;
import org.civicledger.events.documents.SignOffStep;
import org.civicledger.events.documents.SignatureAlgorithm;
import org.civicledger.events.documents.SigningKeyEvent;
import org.civicledger.events.payments.PaymentEvent;
import org.civicledger.events.payments.PaymentStatus;
import org.civicledger.events.privacy.PrivacyEvent;
import org.civicledger.events.receipts.CitizenAccountEvent;
import org.civicledger.events.receipts.ReceiptEvent;
import org.civicledger.events.receipts.ReceiptNumber;
import org.civicledger.events.reference.AgencyEvent;
import org.civicledger.events.reference.CalendarEvents;
import org.civicledger.events.reference.CalendarEvents.Holiday;
import org.civicledger.events.reference.CaseTypeEvent;
import org.civicledger.events.reference.FeeClassEvent;
import org.civicledger.events.reference.FeeKind;
import org.civicledger.events.reference.PaymentProviderEvent;
import org.civicledger.events.reference.ProviderKind;
import org.civicledger.events.settlements.DiscrepancyResolution;
import org.civicledger.events.settlements.ReconciliationOutcome;
import org.civicledger.events.settlements.SettlementEvent;
import org.civicledger.events.settlements.SettlementFileLine;
import org.civicledger.events.settlements.SettlementLine;
import org.civicledger.events.settlements.SettlementLineType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Freezes the JSON of every event, because stored events must load for as long as the ledger lives.
 *
 * <p>Each event has an approved file {@code src/test/resources/approved/<EventName>.json}. A rename,
 * a removed field or a changed date format breaks the comparison; the approved JSON must also still
 * deserialize into an equal record. Changing an event means a new revision and an upcaster, not an
 * edit of its approved file. A new event fails here until its sample is added below and its JSON,
 * written to {@code target/received-json/}, is reviewed and moved next to the others.
 */
class EventJsonApprovalTest {

    private static final Path APPROVED = Path.of("src", "test", "resources", "approved");
    private static final Path RECEIVED = Path.of("target", "received-json");

    /**
     * Configured as Spring Boot configures the ObjectMapper that Axon's JacksonSerializer uses: the modules
     * of spring-boot-starter-json (found on the classpath), ISO dates, unknown properties tolerated.
     */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private static final String CASE_ID = "case-2025-0001";
    private static final LocalDate DAY = LocalDate.of(2025, 10, 2);
    private static final List<DocumentReference> DOCUMENTS = List.of(
            new DocumentReference("id-card", "mydoc://documents/id-card-1"),
            new DocumentReference("application-form", "mydoc://documents/form-1"));

    /** One fixed, fully populated sample per event; insertion order is the order of the report. */
    private static Map<Class<?>, Object> samples() {
        Map<Class<?>, Object> samples = new LinkedHashMap<>();
        add(samples, new CaseEvent.ApplicationSubmitted(CASE_ID, "RESIDENCE-CERTIFICATE", "CIVIL-AFFAIRS",
                new Applicant("citizen-lin-mei", new NationalId("A123456789"), "Lin Mei", "lin.mei@example.org", "+886912345678"),
                DOCUMENTS, 5, Money.twd(15), Instant.parse("2025-10-01T01:00:00Z")));
        add(samples, new CaseEvent.CaseAccepted(CASE_ID, "CIVIL-AFFAIRS-2025-000001",
                "pbkdf2-sha256$120000$c2l4dGVlbi1ieXRlLXNsdA$8ZxH7mJq2bO0mXcQ1Wq3a5u9yY8b2dK3sR4tV6wX0zA", DAY, 5,
                LocalDate.of(2025, 10, 13)));
        add(samples, new CaseEvent.CaseReviewStarted(CASE_ID, "officer-wang"));
        add(samples, new CaseEvent.SupplementRequested(CASE_ID, "the household register is missing",
                List.of("household-register"), LocalDate.of(2025, 10, 8), 3));
        add(samples, new CaseEvent.SupplementProvided(CASE_ID,
                List.of(new DocumentReference("household-register", "mydoc://documents/register-1")),
                LocalDate.of(2025, 10, 16), LocalDate.of(2025, 10, 20)));
        add(samples, new CaseEvent.DeadlineExtended(CASE_ID, 3, "a site visit is needed", LocalDate.of(2025, 10, 13),
                LocalDate.of(2025, 10, 16)));
        add(samples, new CaseEvent.CaseFlaggedOverdue(CASE_ID, LocalDate.of(2025, 10, 13), LocalDate.of(2025, 10, 14)));
        add(samples, new CaseEvent.CaseApproved(CASE_ID, "all documents in order", LocalDate.of(2025, 10, 9), 4, true,
                LocalDate.of(2025, 11, 10)));
        add(samples, new CaseEvent.CaseRejected(CASE_ID, "the applicant does not live in the city", LocalDate.of(2025, 10, 14),
                6, false, LocalDate.of(2025, 11, 13)));
        add(samples, new CaseEvent.ApplicationWithdrawn(CASE_ID, "moved to another city", LocalDate.of(2025, 10, 7)));
        add(samples, new CaseEvent.CaseTransferred(CASE_ID, "CIVIL-AFFAIRS", "URBAN-DEVELOPMENT",
                "the address is in the urban development district"));
        add(samples, new CaseEvent.CaseClosed(CASE_ID, "appeal window ended on 2025-11-10", LocalDate.of(2025, 11, 11)));

        add(samples, new AgencyEvent.AgencyRegistered("CIVIL-AFFAIRS", "Department of Civil Affairs"));
        add(samples, new AgencyEvent.AgencyRenamed("CIVIL-AFFAIRS", "Civil Affairs Bureau", "Department of Civil Affairs",
                "reorganisation of 2025"));

        add(samples, new CaseTypeEvent.CaseTypeRegistered("RESIDENCE-CERTIFICATE", "CIVIL-AFFAIRS", "Residence certificate",
                List.of("id-card", "application-form"), Money.twd(15), 5, true));
        add(samples, new CaseTypeEvent.CaseTypeRevised("RESIDENCE-CERTIFICATE", "Residence certificate",
                List.of("id-card", "application-form"), Money.twd(20), 3, false, Money.twd(15), 5, true, "fee schedule of 2026"));

        add(samples, new CalendarEvents.CalendarYearPublished(2025,
                List.of(new Holiday(LocalDate.of(2025, 10, 6), "Mid-Autumn Festival"),
                        new Holiday(LocalDate.of(2025, 10, 10), "National Day")),
                List.of(LocalDate.of(2025, 2, 8)), "Directorate-General of Personnel Administration"));
        add(samples, new CalendarEvents.HolidayDeclared(2025, LocalDate.of(2025, 10, 3), "Typhoon day", "typhoon Krathon"));

        add(samples, new PrivacyEvent.CitizenDataErased("b3JnLmNpdmljbGVkZ2VyLnN1YmplY3QtcmVmLTAwMDE", 1,
                "erasure request ER-2025-0042", LocalDate.of(2025, 12, 1)));

        addPaymentSamples(samples);
        addGrantSamples(samples);
        addReceiptSamples(samples);
        addDocumentSamples(samples);
        return samples;
    }

    /**
     * What the approved JSON of each earlier revision reads as today, through the ledger's upcasters: per event class,
     * per earlier revision. Every event whose revision is past 1 has an entry for each revision before it.
     */
    private static Map<Class<?>, Map<String, Object>> earlierRevisions() {
        Map<Class<?>, Map<String, Object>> earlier = new LinkedHashMap<>();
        // Revision 1 had no certificate flag; the naming rule of the time gave RESIDENCE-CERTIFICATE a certificate.
        earlier.put(CaseTypeEvent.CaseTypeRegistered.class, Map.of("1", new CaseTypeEvent.CaseTypeRegistered("RESIDENCE-CERTIFICATE",
                "CIVIL-AFFAIRS", "Residence certificate", List.of("id-card", "application-form"), Money.twd(15), 5, true)));
        earlier.put(CaseTypeEvent.CaseTypeRevised.class, Map.of("1", new CaseTypeEvent.CaseTypeRevised("RESIDENCE-CERTIFICATE",
                "Residence certificate", List.of("id-card", "application-form"), Money.twd(20), 3, true, Money.twd(15), 5, true,
                "fee schedule of 2026")));
        return earlier;
    }

    private static final String BILL_ID = "bill-2025-0001";
    private static final String PAYMENT_ID = "payment-2025-0001";
    private static final Instant MOMENT = Instant.parse("2025-10-20T02:30:00Z");

    private static void addPaymentSamples(Map<Class<?>, Object> samples) {
        add(samples, new FeeClassEvent.FeeClassRegistered("RESIDENCE-CERTIFICATE-FEE", "Residence certificate fee",
                FeeKind.GOVERNMENT_FEE, "CIVIL-AFFAIRS", Money.twd(15), "revenue:CIVIL-AFFAIRS:RESIDENCE-CERTIFICATE-FEE"));
        add(samples, new FeeClassEvent.FeeClassRevised("RESIDENCE-CERTIFICATE-FEE", "Residence certificate fee", Money.twd(20),
                "revenue:CIVIL-AFFAIRS:CERTIFICATES", Money.twd(15), "revenue:CIVIL-AFFAIRS:RESIDENCE-CERTIFICATE-FEE",
                "fee schedule of 2026"));
        add(samples, new PaymentProviderEvent.PaymentProviderRegistered("TAIPEI-BANK", "Taipei City Bank", ProviderKind.BANK,
                List.of("atm", "web-atm", "counter"), "provider-secret/TAIPEI-BANK/2025"));
        add(samples, new PaymentProviderEvent.PaymentProviderRevised("TAIPEI-BANK", "Taipei City Bank", List.of("atm", "web-atm"),
                "provider-secret/TAIPEI-BANK/2026", List.of("atm", "web-atm", "counter"), "provider-secret/TAIPEI-BANK/2025",
                "counter payments moved to the city's own counters; yearly secret rotation"));

        add(samples, new BillEvent.BillIssued(BILL_ID, "RESIDENCE-CERTIFICATE-FEE", "CIVIL-AFFAIRS",
                "revenue:CIVIL-AFFAIRS:RESIDENCE-CERTIFICATE-FEE", new Payer("citizen-lin-mei", new NationalId("A123456789"), "Lin Mei"),
                Money.twd(15), LocalDate.of(2025, 10, 31), new BillReference(BillReference.Kind.CASE, CASE_ID), DAY));
        add(samples, new BillEvent.BillAmended(BILL_ID, Money.twd(10), LocalDate.of(2025, 11, 14), Money.twd(15),
                LocalDate.of(2025, 10, 31), "reduced fee for a second copy", LocalDate.of(2025, 10, 3)));
        add(samples, new BillEvent.BillCancelled(BILL_ID, "the application was withdrawn", LocalDate.of(2025, 10, 7)));
        add(samples, new BillEvent.BillFellOverdue(BILL_ID, LocalDate.of(2025, 10, 31), LocalDate.of(2025, 11, 1)));
        add(samples, new BillEvent.BillPaid(BILL_ID, PAYMENT_ID, Money.twd(15), LocalDate.of(2025, 10, 20)));

        List<BillShare> shares = List.of(new BillShare(BILL_ID, "CIVIL-AFFAIRS", "RESIDENCE-CERTIFICATE-FEE",
                "revenue:CIVIL-AFFAIRS:RESIDENCE-CERTIFICATE-FEE", Money.twd(15)));
        add(samples, new PaymentEvent.PaymentInitiated(PAYMENT_ID, "TAIPEI-BANK", "web-atm", "citizen-lin-mei", shares,
                Money.twd(15), MOMENT, MOMENT.plusSeconds(3600)));
        add(samples, new PaymentEvent.PaymentAuthorized(PAYMENT_ID, "tb-evt-1001", MOMENT.plusSeconds(60)));
        add(samples, new PaymentEvent.PaymentSucceeded(PAYMENT_ID, "tb-evt-1002", Money.twd(15), shares, MOMENT.plusSeconds(90)));
        add(samples, new PaymentEvent.PaymentFailed(PAYMENT_ID, "tb-evt-1003", "insufficient funds", MOMENT.plusSeconds(90)));
        add(samples, new PaymentEvent.PaymentExpired(PAYMENT_ID, MOMENT.plusSeconds(3600)));
        add(samples, new PaymentEvent.PaymentAmountMismatched(PAYMENT_ID, "tb-evt-1004", Money.twd(15), Money.twd(150),
                MOMENT.plusSeconds(90)));
        add(samples, new PaymentEvent.ProviderCallbackIgnored(PAYMENT_ID, "tb-evt-1005", CallbackOutcome.AUTHORIZED,
                PaymentStatus.SUCCEEDED, "the payment is succeeded already; a callback never moves it back", MOMENT.plusSeconds(120)));
        add(samples, new PaymentEvent.OverpaymentRecorded(PAYMENT_ID, BILL_ID, Money.twd(15),
                "bill bill-2025-0001 was paid by payment-2025-0002"));
        add(samples, new PaymentEvent.PaymentRefunded(PAYMENT_ID, "refund-1", Money.twd(5), "charged for two copies, one issued",
                MOMENT.plusSeconds(86_400)));
        add(samples, new PaymentEvent.ChargebackRecorded(PAYMENT_ID, "cb-77", Money.twd(15), "card holder disputes the charge",
                MOMENT.plusSeconds(172_800)));
        add(samples, new PaymentEvent.JournalEntryRecorded(PAYMENT_ID, PAYMENT_ID + "/1", "payment-succeeded",
                MOMENT.plusSeconds(90),
                List.of(JournalLine.debit("provider-clearing:TAIPEI-BANK", "CIVIL-AFFAIRS", 15, "TWD"),
                        JournalLine.credit("revenue:CIVIL-AFFAIRS:RESIDENCE-CERTIFICATE-FEE", "CIVIL-AFFAIRS", 15, "TWD"))));
        settlementSamples(samples);
    }

    private static void settlementSamples(Map<Class<?>, Object> samples) {
        String settlementId = "stl-0123456789abcdef0123456789abcdef01234567";
        SettlementFileLine line = new SettlementFileLine(2, "LP-20261125-000001", SettlementLineType.PAYMENT, PAYMENT_ID, PAYMENT_ID,
                Money.twd(15), Money.twd(1), MOMENT.plusSeconds(90));
        add(samples, new SettlementEvent.SettlementFileImported(settlementId, "TAIPEI-BANK", DAY, "9f".repeat(32),
                List.of(new SettlementLine(line, ReconciliationOutcome.MATCHED, Money.twd(15))), Money.twd(15), Money.twd(1),
                MOMENT.plusSeconds(86_400)));
        add(samples, new SettlementEvent.SettlementDiscrepancyFound(settlementId, "d1",
                ReconciliationOutcome.AMOUNT_MISMATCH, 3, SettlementLineType.REFUND, "LP-20261125-000002", PAYMENT_ID, "refund-1",
                Money.twd(5), Money.twd(6), MOMENT.plusSeconds(86_400)));
        add(samples, new SettlementEvent.SettlementDiscrepancyResolved(settlementId, "d1",
                DiscrepancyResolution.ADJUST_CLEARING, "provider deducted its refund fee from the refund", MOMENT.plusSeconds(90_000)));
        add(samples, new SettlementEvent.SettlementJournalEntryRecorded(settlementId, settlementId + "/1", "settlement-fees",
                MOMENT.plusSeconds(86_400), List.of(JournalLine.debit("provider-fees:TAIPEI-BANK", null, 1, "TWD"),
                        JournalLine.credit("provider-clearing:TAIPEI-BANK", null, 1, "TWD"))));
    }

    private static final String GRANT_ID = "grant-2025-0001";

    private static void addGrantSamples(Map<Class<?>, Object> samples) {
        add(samples, new GrantEvent.GrantAwarded(GRANT_ID, "SOCIAL-WELFARE", "MATERNITY-RIDE",
                new Beneficiary("citizen-lin-mei", new NationalId("A123456789"), "Lin Mei"), Money.twd(8_000), Money.twd(250),
                MOMENT, Instant.parse("2026-10-20T16:00:00Z")));
        add(samples, new GrantEvent.GrantUsed(GRANT_ID, "ride-0001", Money.twd(180), "TAIPEI-TAXI", "app",
                "ride to Taipei City Hospital", Money.twd(7_820), MOMENT.plusSeconds(86_400)));
        add(samples, new GrantEvent.GrantExpired(GRANT_ID, Money.twd(7_820), Instant.parse("2026-10-20T16:00:00Z")));
        add(samples, new GrantEvent.GrantRevoked(GRANT_ID, "the beneficiary moved to another city", Money.twd(7_820),
                MOMENT.plusSeconds(172_800)));
        add(samples, new GrantEvent.GrantJournalEntryRecorded(GRANT_ID, GRANT_ID + "/1", "grant-awarded", MOMENT,
                List.of(JournalLine.debit("grant-expense:SOCIAL-WELFARE:MATERNITY-RIDE", "SOCIAL-WELFARE", 8_000, "TWD"),
                        JournalLine.credit("grants-payable:SOCIAL-WELFARE:MATERNITY-RIDE", "SOCIAL-WELFARE", 8_000, "TWD"))));
    }

    private static void addReceiptSamples(Map<Class<?>, Object> samples) {
        ReceiptNumber number = new ReceiptNumber("CIVIL-AFFAIRS", 2025, 42);
        add(samples, new ReceiptEvent.ReceiptIssued("rcpt-" + BILL_ID, number, "CIVIL-AFFAIRS", "RESIDENCE-CERTIFICATE-FEE",
                new Payer("citizen-lin-mei", new NationalId("A123456789"), "Lin Mei"), "citizen-lin-mei", Money.twd(15), PAYMENT_ID,
                BILL_ID, "K7Q2M9XW4TZB", MOMENT.plusSeconds(95), LocalDate.of(2025, 10, 20), null));
        add(samples, new ReceiptEvent.ReceiptVoided("rcpt-" + BILL_ID, number, "the payer's name was misspelt",
                MOMENT.plusSeconds(3_600), "rcpt-reissue-0001"));
        add(samples, new ReceiptEvent.ReceiptAttributed("rcpt-counter-0001", "citizen-lin-mei", MOMENT.plusSeconds(7_200)));
        add(samples, new CitizenAccountEvent.CitizenAccountEnrolled("b3JnLmNpdmljbGVkZ2VyLnN1YmplY3QtcmVmLTAwMDE",
                "citizen-lin-mei", MOMENT.plusSeconds(7_200)));
    }

    private static final String DOCUMENT_ID = "2f1c7e0a-5b6d-3c4e-8f90-a1b2c3d4e5f6";
    private static final Party OFFICER_CHEN = new Party("officer-chen", PartyRole.OFFICER, "CIVIL-AFFAIRS");
    private static final Party VENDOR_WU = new Party("vendor-wu", PartyRole.VENDOR, null);

    private static void addDocumentSamples(Map<Class<?>, Object> samples) {
        add(samples, new DocumentEvent.DocumentRegistered(DOCUMENT_ID,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 4, DocumentKind.CONTRACT,
                "Street lighting maintenance 2026", "CIVIL-AFFAIRS", List.of(VENDOR_WU), LocalDate.of(2026, 12, 31), MOMENT));
        add(samples, new DocumentEvent.DocumentDelivered(DOCUMENT_ID, VENDOR_WU, MOMENT.plusSeconds(300)));
        add(samples, new DocumentEvent.DocumentAccessed(DOCUMENT_ID, "vendor-wu", Role.CITIZEN, AccessKind.DOWNLOAD, MOMENT.plusSeconds(400)));
        add(samples, new DocumentEvent.DocumentRevoked(DOCUMENT_ID, "issued with the wrong lot number", MOMENT.plusSeconds(900)));
        add(samples, new DocumentEvent.SignOffRequested(DOCUMENT_ID,
                List.of(new SignOffStep(List.of(OFFICER_CHEN)), new SignOffStep(List.of(VENDOR_WU))), MOMENT.plusSeconds(10)));
        add(samples, new DocumentEvent.DocumentSigned(DOCUMENT_ID, 1, OFFICER_CHEN, "0b2f4e6a8c1d3f5b7a9c0e2d4f6b8a1c",
                SignatureAlgorithm.ED25519, "c2lnbmF0dXJlLWJ5dGVz", MOMENT.plusSeconds(60)));
        add(samples, new DocumentEvent.SignOffDeclined(DOCUMENT_ID, 2, VENDOR_WU, "the price schedule is not the one agreed",
                MOMENT.plusSeconds(120)));
        add(samples, new DocumentEvent.DocumentExecuted(DOCUMENT_ID, MOMENT.plusSeconds(180)));
        add(samples, new SigningKeyEvent.SigningKeyRegistered("signing-keys:officer-chen", OFFICER_CHEN,
                "0b2f4e6a8c1d3f5b7a9c0e2d4f6b8a1c", SignatureAlgorithm.ED25519,
                "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=", MOMENT.minusSeconds(3600)));
        add(samples, new SigningKeyEvent.SigningKeyRotated("signing-keys:officer-chen", "0b2f4e6a8c1d3f5b7a9c0e2d4f6b8a1c",
                "7d3a9e1f5b2c8a4e6f0d1b3c5a7e9f2d", MOMENT.plusSeconds(7200)));
        add(samples, new SigningKeyEvent.SigningKeyRevoked("signing-keys:officer-chen", "7d3a9e1f5b2c8a4e6f0d1b3c5a7e9f2d",
                "laptop stolen", MOMENT.plusSeconds(9000)));
    }

    private static void add(Map<Class<?>, Object> samples, Object event) {
        samples.put(event.getClass(), event);
    }

    /** Every event class of the contract: the records of the sealed interfaces, and the calendar's events. */
    private static List<Class<?>> eventClasses() {
        Stream<Class<?>> sealed = Stream.of(CaseEvent.class, AgencyEvent.class, CaseTypeEvent.class, PrivacyEvent.class,
                        FeeClassEvent.class, PaymentProviderEvent.class, BillEvent.class, PaymentEvent.class, GrantEvent.class,
                        ReceiptEvent.class, CitizenAccountEvent.class, DocumentEvent.class, SigningKeyEvent.class)
                .flatMap(type -> Arrays.stream(type.getPermittedSubclasses()));
        // CalendarEvents is a holder class, not a sealed interface; Holiday is a value inside its events.
        Stream<Class<?>> calendar = Arrays.stream(CalendarEvents.class.getDeclaredClasses())
                .filter(type -> type != Holiday.class);
        Stream<Class<?>> settlements = Arrays.stream(SettlementEvent.class.getPermittedSubclasses());
        return Stream.concat(Stream.concat(sealed, calendar), settlements).toList();
    }

    @Test
    void every_event_has_a_sample_here_so_none_escapes_approval() {
        assertThat(samples().keySet()).containsExactlyInAnyOrderElementsOf(eventClasses());
    }

    @Test
    void every_event_carries_a_revision_from_its_first_day() {
        assertThat(eventClasses()).isNotEmpty().allSatisfy(type ->
                assertThat(type.getAnnotation(Revision.class)).as(type.getName() + " has @Revision").isNotNull());
    }

    @TestFactory
    Stream<DynamicTest> the_json_of_each_event_is_as_approved() {
        return samples().entrySet().stream().map(sample -> DynamicTest.dynamicTest(sample.getKey().getSimpleName(),
                () -> verifyJson(approvedName(sample.getKey(), revisionOf(sample.getKey())), sample.getValue())));
    }

    @TestFactory
    Stream<DynamicTest> each_approved_json_still_loads_into_an_equal_event() {
        return samples().entrySet().stream().map(sample -> DynamicTest.dynamicTest(sample.getKey().getSimpleName(), () -> {
            Path approved = APPROVED.resolve(approvedName(sample.getKey(), revisionOf(sample.getKey())) + ".json");
            assertThat(approved).as("approved JSON of " + sample.getKey().getSimpleName()).exists();
            Object loaded = MAPPER.readValue(Files.readString(approved, StandardCharsets.UTF_8), sample.getKey());
            assertThat(loaded).isEqualTo(sample.getValue());
        }));
    }

    @Test
    void every_event_past_its_first_revision_keeps_the_approved_json_of_each_earlier_one() {
        for (Class<?> type : eventClasses()) {
            int current = Integer.parseInt(revisionOf(type));
            for (int earlier = 1; earlier < current; earlier++) {
                String revision = String.valueOf(earlier);
                assertThat(APPROVED.resolve(approvedName(type, revision) + ".json")).as("approved JSON of %s revision %s", type, revision)
                        .exists();
                assertThat(earlierRevisions().getOrDefault(type, Map.of())).as("what %s revision %s reads as today", type, revision)
                        .containsKey(revision);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> the_approved_json_of_each_earlier_revision_loads_through_the_upcasters_into_the_expected_event() {
        return earlierRevisions().entrySet().stream().flatMap(type -> type.getValue().entrySet().stream().map(revision ->
                DynamicTest.dynamicTest(type.getKey().getSimpleName() + " revision " + revision.getKey(), () -> {
                    String json = Files.readString(APPROVED.resolve(approvedName(type.getKey(), revision.getKey()) + ".json"),
                            StandardCharsets.UTF_8);
                    assertThat(StoredEvents.read(type.getKey(), revision.getKey(), json)).isEqualTo(revision.getValue());
                })));
    }

    /** Revision 1 is {@code <EventName>.json}, as it always was; a later one is {@code <EventName>.rev<N>.json}. */
    private static String approvedName(Class<?> type, String revision) {
        return "1".equals(revision) ? type.getSimpleName() : type.getSimpleName() + ".rev" + revision;
    }

    private static String revisionOf(Class<?> type) {
        return type.getAnnotation(Revision.class).value();
    }

    private static void verifyJson(String name, Object event) throws IOException {
        String received = MAPPER.writeValueAsString(event).replace("\r\n", "\n") + "\n";
        Path approved = APPROVED.resolve(name + ".json");
        if (Files.exists(approved) && Files.readString(approved, StandardCharsets.UTF_8).replace("\r\n", "\n").equals(received)) {
            return;
        }
        Files.createDirectories(RECEIVED);
        Path receivedFile = RECEIVED.resolve(name + ".json");
        Files.writeString(receivedFile, received, StandardCharsets.UTF_8);
        if (!Files.exists(approved)) {
            fail("no approved JSON for " + name + "; review " + receivedFile.toAbsolutePath() + " and move it to " + approved);
        }
        assertThat(received)
                .as("JSON of " + name + " differs from " + approved + " (received copy in " + receivedFile + ")")
                .isEqualTo(Files.readString(approved, StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }
}
