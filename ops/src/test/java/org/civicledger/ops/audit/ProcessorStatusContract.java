package org.civicledger.ops.audit;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.civicledger.events.cases.CaseEvent.CaseReviewStarted;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Role;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.civicledger.ops.support.TestTokens;
import org.civicledger.projections.rebuild.ProjectionChecksum;
import org.civicledger.query.security.DevelopmentIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Processor status in the whole assembly: every processor with its kind, positions, head and lag; zero lag once
 * caught up; a poison event shows as a dead letter (listed without payload, counted by the gauge), a retry that
 * fails again leaves it there, and a retry after the cause is fixed processes it.
 */
@AutoConfigureMockMvc
abstract class ProcessorStatusContract {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    private MockMvc mvc;
    @Autowired
    private DevelopmentIssuer issuer;
    @Autowired
    private CommandGateway commands;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private ProjectionChecksum checksums;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void processors_catch_up_a_poison_event_is_dead_lettered_and_retried_once_fixed() throws Exception {
        TestTokens tokens = TestTokens.of(issuer);
        commands.sendAndWait(new RegisterAgency("AG-PS", "Processor Status Office", "cmd-ps-1", new Actor("operator-1", Role.OPERATOR, null)));

        // Caught up: every pooled processor reaches the head with zero lag.
        awaitTrue(() -> {
            JsonNode all = processors(tokens.operator());
            for (JsonNode processor : all) {
                if ("pooled".equals(processor.get("type").asText()) && processor.get("lagEvents").asLong() != 0) {
                    return false;
                }
            }
            return all.size() > 0;
        });
        JsonNode auditTrail = processor(processors(tokens.auditor()), "audit-trail");
        assertThat(auditTrail.get("type").asText()).isEqualTo("pooled");
        assertThat(auditTrail.get("running").asBoolean()).isTrue();
        assertThat(auditTrail.get("replaying").asBoolean()).isFalse();
        assertThat(auditTrail.get("head").asLong()).isPositive();
        assertThat(auditTrail.get("lagSeconds").asDouble()).isZero();
        assertThat(auditTrail.get("segments").size()).isPositive();
        assertThat(auditTrail.get("deadLetters").asLong()).isZero();
        assertThat(processor(processors(tokens.operator()), "case-notices").get("type").asText()).isEqualTo("subscribing");

        // A review of a case nobody submitted: case-status cannot apply it and dead-letters it.
        String caseId = "case-ps-" + UUID.randomUUID();
        eventStore.publish(new GenericDomainEventMessage<>("CaseFile", caseId, 0, new CaseReviewStarted(caseId, "officer-x")));
        awaitTrue(() -> processor(processors(tokens.operator()), "case-status").get("deadLetters").asLong() == 1);
        awaitTrue(() -> meters.get("ledger.processor.dead_letters").tag("processor", "case-status").gauge().value() == 1.0);

        JsonNode letters = read(mvc.perform(get("/api/v1/ops/processors/case-status/dead-letters")
                .header("Authorization", tokens.auditor())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(letters.size()).isEqualTo(1);
        assertThat(letters.get(0).get("payloadType").asText()).endsWith("CaseReviewStarted");
        assertThat(letters.get(0).get("aggregateIdentifier").asText()).isEqualTo(caseId);
        assertThat(letters.get(0).get("causeMessage").asText()).contains("has no submission");
        assertThat(letters.get(0).has("payload")).isFalse();
        assertThat(letters.get(0).get("attempts").asLong()).isEqualTo(1);

        // Retried while the cause is still there: it fails again and stays.
        JsonNode again = retry(tokens);
        assertThat(again.get("processed").asInt()).isZero();
        assertThat(again.get("deadLettersLeft").asLong()).isEqualTo(1);
        JsonNode lettersAfterRetry = read(mvc.perform(get("/api/v1/ops/processors/case-status/dead-letters")
                .header("Authorization", tokens.operator())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(lettersAfterRetry.get(0).get("attempts").asLong()).isEqualTo(2);
        mvc.perform(post("/api/v1/ops/processors/case-status/dead-letters/retry").header("Authorization", tokens.auditor())
                .header("Idempotency-Key", UUID.randomUUID().toString())).andExpect(status().isForbidden());

        // Fixed (here: the case row the event needs is put in place), retried: processed, the queue is empty.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.update("""
                INSERT INTO case_status (case_id, case_type_code, agency_code, status, statutory_days, submitted_at, paused, extended,
                    overdue, last_position, updated_at)
                VALUES (?, 'PS', 'AG-PS', 'ACCEPTED', 10, ?, FALSE, FALSE, FALSE, 0, ?)""", caseId, now, now);
        JsonNode fixed = retry(tokens);
        assertThat(fixed.get("processed").asInt()).isEqualTo(1);
        assertThat(fixed.get("deadLettersLeft").asLong()).isZero();
        assertThat(jdbc.queryForObject("SELECT status FROM case_status WHERE case_id = ?", String.class, caseId)).isEqualTo("IN_REVIEW");
        mvc.perform(get("/api/v1/ops/processors/no-such-processor/dead-letters").header("Authorization", tokens.operator()))
                .andExpect(status().isNotFound());
    }

    @Test
    void an_operator_rebuilds_a_read_model_over_http_and_it_comes_back_the_same() throws Exception {
        TestTokens tokens = TestTokens.of(issuer);
        commands.sendAndWait(new RegisterAgency("AG-PS-RB", "Rebuilt Office", "cmd-ps-rb-1", new Actor("operator-1", Role.OPERATOR, null)));
        awaitTrue(() -> processor(processors(tokens.operator()), "reference-data").get("lagEvents").asLong() == 0
                && jdbc.queryForObject("SELECT COUNT(*) FROM ref_agency WHERE agency_code = 'AG-PS-RB'", Integer.class) == 1);
        ProjectionChecksum.Checksum before = checksums.of("reference-data");

        mvc.perform(post("/api/v1/ops/processors/reference-data/rebuild").header("Authorization", tokens.auditor())
                .header("Idempotency-Key", UUID.randomUUID().toString())).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/ops/processors/case-notices/rebuild").header("Authorization", tokens.operator())
                .header("Idempotency-Key", UUID.randomUUID().toString())).andExpect(status().isNotFound());
        JsonNode started = read(mvc.perform(post("/api/v1/ops/processors/reference-data/rebuild")
                        .header("Authorization", tokens.operator()).header("Idempotency-Key", UUID.randomUUID().toString()))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString());
        assertThat(started.get("processor").asText()).isEqualTo("reference-data");
        assertThat(started.get("replaysTo").asLong()).isEqualTo(jdbc.queryForObject("SELECT MAX(globalindex) FROM domainevententry", Long.class));

        // Replayed to the head: not replaying any more, no lag, the same rows as before.
        awaitTrue(() -> {
            JsonNode status = processor(processors(tokens.operator()), "reference-data");
            return status.get("segments").size() > 0 && !status.get("replaying").asBoolean() && status.get("lagEvents").asLong() == 0;
        });
        assertThat(checksums.of("reference-data")).isEqualTo(before);
    }

    private JsonNode retry(TestTokens tokens) throws Exception {
        return read(mvc.perform(post("/api/v1/ops/processors/case-status/dead-letters/retry").header("Authorization", tokens.operator())
                        .header("Idempotency-Key", UUID.randomUUID().toString()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private JsonNode processors(String bearer) {
        try {
            return read(mvc.perform(get("/api/v1/ops/processors").header("Authorization", bearer)).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString());
        } catch (Exception failed) {
            throw new IllegalStateException(failed);
        }
    }

    private static JsonNode processor(JsonNode all, String name) {
        for (JsonNode processor : all) {
            if (name.equals(processor.get("name").asText())) {
                return processor;
            }
        }
        throw new AssertionError("no processor " + name + " in " + all);
    }

    private JsonNode read(String body) throws Exception {
        return json.readTree(body);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        await().atMost(WAIT).until(condition::getAsBoolean);
    }
}
