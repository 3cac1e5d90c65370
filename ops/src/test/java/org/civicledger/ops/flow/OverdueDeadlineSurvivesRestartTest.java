package org.civicledger.ops.flow;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.civicledger.command.cases.CaseResult;
import org.civicledger.events.cases.Applicant;
import org.civicledger.events.cases.CaseCommands.AcceptCase;
import org.civicledger.events.cases.CaseCommands.SubmitApplication;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.DocumentReference;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.reference.ReferenceCommands.PublishCalendarYear;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.civicledger.events.reference.ReferenceCommands.RegisterCaseType;
import org.civicledger.ops.LedgerApplication;
import org.civicledger.ops.support.TestClockConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The statutory deadline of a case is stored, not held in memory: a ledger stopped before the
 * deadline passes flags the case overdue once it is started again after it.
 */
class OverdueDeadlineSurvivesRestartTest {

    private static final Actor LOADER = Actor.system("test-loader");

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(LedgerApplication.class, TestClockConfiguration.class)
                .web(WebApplicationType.NONE)
                .run("--ledger.data-dir=" + dataDir, "--ledger.notices.dispatch.enabled=false",
                        "--db-scheduler.polling-interval=1s");
    }

    @Test
    void a_case_whose_deadline_passed_while_the_ledger_was_down_is_flagged_overdue_after_the_restart() throws Exception {
        String caseId = "case-overdue";
        LocalDate deadline;
        try (ConfigurableApplicationContext first = start()) {
            CommandGateway commands = first.getBean(CommandGateway.class);
            commands.sendAndWait(new PublishCalendarYear(2026, List.of(), List.of(), "test", "cal", LOADER));
            commands.sendAndWait(new RegisterAgency("A01", "Department of Tests", "ra", LOADER));
            commands.sendAndWait(new RegisterCaseType("CT1", "A01", "Test permit", List.of(), Money.twd(0), 3, false, "rc", LOADER));
            commands.sendAndWait(new SubmitApplication(caseId, "CT1",
                    new Applicant("citizen-1", new NationalId("A123456789"), "Lin", "lin@example.org", null), List.<DocumentReference>of(),
                    "submit", Actor.citizen("citizen-1")));
            CaseResult accepted = commands.sendAndWait(new AcceptCase(caseId, "accept", Actor.officer("officer-1", "A01")));
            deadline = accepted.deadline();
            // The deadline lies in the future of the real clock the scheduler polls by: nothing fires yet.
            assertThat(flags(first.getBean(JdbcTemplate.class), caseId)).isZero();
        }

        // While the ledger is down, time passes: the stored deadline falls due.
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(LedgerApplication.class, TestClockConfiguration.class)
                .web(WebApplicationType.NONE)
                .properties("db-scheduler.enabled=false", "ledger.notices.dispatch.enabled=false")
                .run("--ledger.data-dir=" + dataDir)) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            int moved = jdbc.update("UPDATE scheduled_tasks SET execution_time = ? WHERE task_data IS NOT NULL",
                    java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1)));
            assertThat(moved).as("stored deadlines").isPositive();
        }

        try (ConfigurableApplicationContext third = start()) {
            JdbcTemplate jdbc = third.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> flags(jdbc, caseId) > 0);
            assertThat(flags(jdbc, caseId)).isEqualTo(1);
            String payload = new String(jdbc.queryForObject(
                    "SELECT payload FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE '%CaseFlaggedOverdue'",
                    byte[].class, caseId), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(payload).contains("\"deadline\":\"" + deadline + "\"");
        }
        assertThat(Files.exists(dataDir.resolve("ledger.mv.db"))).isTrue();
    }

    private static int flags(JdbcTemplate jdbc, String caseId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype LIKE '%CaseFlaggedOverdue'", Integer.class, caseId);
    }
}
