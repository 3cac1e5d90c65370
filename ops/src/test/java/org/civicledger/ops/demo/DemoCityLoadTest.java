package org.civicledger.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.civicledger.ops.LedgerApplication;
import org.civicledger.ops.demo.DemoCity.TargetState;
import org.civicledger.ops.demo.DemoCityLoader.LoadReport;
import org.civicledger.query.payments.ProviderSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A small demo city loaded into the embedded ledger: every step is an event, and cases end in every state.
 *
 * <p>The reference data is the full city (1,545 commands); the cases are few, because each acceptance hashes
 * a case password (PBKDF2, deliberately slow).
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "ledger.notices.dispatch.enabled=false")
class DemoCityLoadTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", () -> dataDir.toString());
    }

    @Autowired
    CommandGateway gateway;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProviderSecrets secrets;

    @Test
    void a_small_demo_city_has_cases_in_every_state_and_is_loaded_once() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        DemoCityLoader loader = new DemoCityLoader(gateway, jdbc, 4, new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(loader.publishMissingCalendars()).containsExactly(2025, 2026, 2027);
        assertThat(loader.agencyCount()).isZero();

        int cases = TargetState.values().length * 2;
        LoadReport report = loader.load(new DemoCity(DemoCity.DEFAULT_SEED), cases);

        assertThat(report.failures()).as(printed.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(report.casesByState().values()).allSatisfy(count -> assertThat(count).isPositive());
        assertThat(report.sample().casePassword()).isNotBlank();
        assertThat(report.sample().caseNumber()).startsWith(report.sample().agencyCode() + "-");
        assertThat(loader.agencyCount()).isEqualTo(145);
        assertThat(loader.caseTypeCount()).isEqualTo(1_400);

        Map<String, Integer> events = eventCounts();
        assertThat(events).containsEntry("AgencyRegistered", 145).containsEntry("CaseTypeRegistered", 1_400)
                .containsEntry("CalendarYearPublished", 3).containsEntry("ApplicationSubmitted", cases);
        assertThat(events.keySet()).contains("CaseAccepted", "CaseReviewStarted", "SupplementRequested", "SupplementProvided",
                "DeadlineExtended", "CaseApproved", "CaseRejected", "CaseClosed", "ApplicationWithdrawn", "CaseTransferred");
        // Each case of a type with a fee was billed with its application, and each approved case's fee was paid
        // before its approval (which waits for it).
        int feeBills = feeBillEvents("BillIssued");
        assertThat(feeBills).isPositive().isEqualTo(new DemoCity(DemoCity.DEFAULT_SEED).cases(cases).stream()
                .filter(spec -> spec.caseType().feeTwd() > 0).count());
        assertThat(feeBillEvents("BillPaid")).isLessThanOrEqualTo(feeBills);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry a WHERE a.payloadtype LIKE '%CaseApproved' "
                + "AND EXISTS (SELECT 1 FROM domainevententry b WHERE b.aggregateidentifier = CONCAT('fee-', a.aggregateidentifier)) "
                + "AND NOT EXISTS (SELECT 1 FROM domainevententry b WHERE b.aggregateidentifier = CONCAT('fee-', a.aggregateidentifier) "
                + "AND b.payloadtype LIKE '%BillPaid')", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry a WHERE a.payloadtype LIKE '%CaseApproved' "
                + "AND EXISTS (SELECT 1 FROM domainevententry b WHERE b.aggregateidentifier = CONCAT('fee-', a.aggregateidentifier) "
                + "AND b.payloadtype LIKE '%BillPaid')", Integer.class)).isPositive();

        // Payments: the reference data, and bills taken to every outcome through signed callbacks.
        DemoPaymentsLoader payments = new DemoPaymentsLoader(gateway, jdbc, secrets, null, ZoneId.of("Asia/Taipei"), 4,
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        int bills = 3 + DemoPayments.BillOutcome.values().length * 2;
        DemoPaymentsLoader.PaymentsReport paid = payments.load(new DemoCity(DemoCity.DEFAULT_SEED), new DemoPayments(DemoCity.DEFAULT_SEED),
                bills);
        assertThat(paid.failures()).as(printed.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(paid.billsByOutcome().values()).allSatisfy(count -> assertThat(count).isPositive());
        assertThat(payments.feeClassCount()).isEqualTo(89);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cmd_fee_class WHERE kind = 'FINE'", Integer.class)).isEqualTo(24);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cmd_payment_provider", Integer.class)).isEqualTo(22);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT kind) FROM cmd_payment_provider", Integer.class)).isEqualTo(4);
        Map<String, Integer> paymentEvents = eventCounts();
        assertThat(paymentEvents).containsEntry("BillIssued", bills + feeBills).containsKeys("PaymentSucceeded", "PaymentFailed",
                "PaymentRefunded", "BillCancelled", "PaymentAuthorized", "JournalEntryRecorded");
        // Each signed callback became one event on its payment (none was refused or ignored).
        // (The case loader's fee payments succeed with one callback each, recorded without a signature.)
        int feePayments = feeBillEvents("BillPaid");
        assertThat(paymentEvents.get("PaymentAuthorized") + paymentEvents.get("PaymentSucceeded") + paymentEvents.get("PaymentFailed"))
                .isEqualTo(paid.callbacks() + feePayments);

        // The trial balance over the demo's journal is zero, city-wide and per agency, once the journal read model has it all.
        int entries = paymentEvents.get("JournalEntryRecorded");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                jdbc.queryForObject("SELECT COUNT(DISTINCT entry_id) FROM journal_line", Integer.class) >= entries);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT entry_id) FROM journal_line", Integer.class)).isEqualTo(entries);
        assertThat(jdbc.queryForList("SELECT COALESCE(agency_code, '-') AS agency, currency, SUM(debit_minor - credit_minor) AS balance "
                + "FROM journal_line GROUP BY agency_code, currency HAVING SUM(debit_minor - credit_minor) <> 0")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT SUM(debit_minor) FROM journal_line", Long.class)).isPositive();

        // A second demo run finds the city and publishes nothing again.
        assertThat(loader.publishMissingCalendars()).isEmpty();
        assertThat(loader.agencyCount()).isPositive();
    }

    private int feeBillEvents(String type) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier LIKE 'fee-%' AND payloadtype LIKE ?",
                Integer.class, "%" + type);
    }

    private Map<String, Integer> eventCounts() {
        Map<String, Integer> events = new HashMap<>();
        jdbc.query("SELECT payloadtype, COUNT(*) FROM domainevententry GROUP BY payloadtype",
                rs -> {
                    String type = rs.getString(1);
                    events.put(type.substring(type.lastIndexOf('$') + 1), rs.getInt(2));
                });
        return events;
    }
}
