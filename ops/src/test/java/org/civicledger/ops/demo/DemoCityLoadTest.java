package org.civicledger.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.civicledger.ops.LedgerApplication;
import org.civicledger.ops.demo.DemoCity.TargetState;
import org.civicledger.ops.demo.DemoCityLoader.LoadReport;
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

        Map<String, Integer> events = new HashMap<>();
        jdbc.query("SELECT payloadtype, COUNT(*) FROM domainevententry GROUP BY payloadtype",
                rs -> {
                    String type = rs.getString(1);
                    events.put(type.substring(type.lastIndexOf('$') + 1), rs.getInt(2));
                });
        assertThat(events).containsEntry("AgencyRegistered", 145).containsEntry("CaseTypeRegistered", 1_400)
                .containsEntry("CalendarYearPublished", 3).containsEntry("ApplicationSubmitted", cases);
        assertThat(events.keySet()).contains("CaseAccepted", "CaseReviewStarted", "SupplementRequested", "SupplementProvided",
                "DeadlineExtended", "CaseApproved", "CaseRejected", "CaseClosed", "ApplicationWithdrawn", "CaseTransferred");

        // A second demo run finds the city and publishes nothing again.
        assertThat(loader.publishMissingCalendars()).isEmpty();
        assertThat(loader.agencyCount()).isPositive();
    }
}
