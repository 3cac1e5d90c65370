package org.civicledger.ops.integrity;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Role;
import org.civicledger.events.reference.ReferenceCommands;
import org.civicledger.ops.LedgerApplication;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** Checkpoints are published on the configured interval, with nobody asking. */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.datasource.url=jdbc:h2:mem:integrity-schedule;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "ledger.notices.dispatch.enabled=false",
        "ledger.integrity.checkpoint-interval=PT1S"
})
class CheckpointScheduleOnH2Test {

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_checkpoint_appears_on_the_interval() throws Exception {
        commands.sendAndWait(new ReferenceCommands.RegisterAgency("SC-A", "Office", "schedule-1",
                new Actor("operator-1", Role.OPERATOR, null)));
        await("a scheduled checkpoint").atMost(Duration.ofSeconds(15))
                .until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM checkpoint", Long.class) > 0);
        assertThat(jdbc.queryForObject("SELECT MAX(tree_size) FROM checkpoint", Long.class)).isPositive();
    }
}
