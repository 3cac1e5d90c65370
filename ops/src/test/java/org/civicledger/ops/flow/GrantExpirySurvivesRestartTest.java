package org.civicledger.ops.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.grants.Beneficiary;
import org.civicledger.events.grants.GrantCommands.AwardGrant;
import org.civicledger.ops.LedgerApplication;
import org.civicledger.ops.support.TestClockConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A grant's expiry is a stored deadline, like a case's: a ledger stopped before the grant expires returns the
 * remainder to the agency once it is started again after the moment, with the entry that books it.
 */
class GrantExpirySurvivesRestartTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(LedgerApplication.class, TestClockConfiguration.class)
                .web(WebApplicationType.NONE)
                .run("--ledger.data-dir=" + dataDir, "--ledger.notices.dispatch.enabled=false", "--db-scheduler.polling-interval=1s");
    }

    @Test
    void a_grant_that_expired_while_the_ledger_was_down_returns_its_remainder_after_the_restart() {
        String grantId = "grant-restart";
        try (ConfigurableApplicationContext first = start()) {
            // Thirty days after the test clock's day, which is after the real clock the scheduler polls by: nothing fires yet.
            Instant expiresAt = Instant.parse(TestClockConfiguration.START + "Z").plus(Duration.ofDays(30));
            first.getBean(CommandGateway.class).sendAndWait(new AwardGrant(grantId, "WELFARE", "RIDES",
                    new Beneficiary("citizen-1", new NationalId("A123456789"), "Lin Mei"), Money.twd(8_000), Money.twd(250), expiresAt,
                    "award", Actor.officer("officer-1", "WELFARE")));
            assertThat(count(first.getBean(JdbcTemplate.class), grantId, "GrantExpired")).isZero();
        }

        // While the ledger is down, time passes: the stored deadline falls due.
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(LedgerApplication.class, TestClockConfiguration.class)
                .web(WebApplicationType.NONE)
                .properties("db-scheduler.enabled=false", "ledger.notices.dispatch.enabled=false")
                .run("--ledger.data-dir=" + dataDir)) {
            int moved = second.getBean(JdbcTemplate.class).update("UPDATE scheduled_tasks SET execution_time = ? WHERE task_data IS NOT NULL",
                    java.sql.Timestamp.from(Instant.now().minusSeconds(1)));
            assertThat(moved).as("stored deadlines").isPositive();
        }

        try (ConfigurableApplicationContext third = start()) {
            JdbcTemplate jdbc = third.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> count(jdbc, grantId, "GrantJournalEntryRecorded") == 2);
            assertThat(count(jdbc, grantId, "GrantExpired")).isEqualTo(1);
            String expired = payload(jdbc, grantId, "GrantExpired");
            assertThat(expired).contains("\"remainder\":{\"amountMinor\":8000,\"currency\":\"TWD\"}");
            // The award's national ID and name are sealed in storage: not in any stored payload of the grant.
            assertThat(jdbc.queryForList("SELECT payload FROM domainevententry WHERE aggregateidentifier = ?", byte[].class, grantId))
                    .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).noneMatch(text -> text.contains("A123456789") || text.contains("Lin Mei"));
        }
    }

    private static int count(JdbcTemplate jdbc, String grantId, String type) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE ?",
                Integer.class, grantId, "%" + type);
    }

    private static String payload(JdbcTemplate jdbc, String grantId, String type) {
        return new String(jdbc.queryForObject("SELECT payload FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE ?",
                byte[].class, grantId, "%" + type), StandardCharsets.UTF_8);
    }
}
