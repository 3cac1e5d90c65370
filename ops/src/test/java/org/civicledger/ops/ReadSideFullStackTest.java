package org.civicledger.ops;

import static org.awaitility.Awaitility.await;
import org.civicledger.ops.support.TestTokens;
import org.civicledger.query.security.DevelopmentIssuer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.civicledger.command.cases.CaseResult;
import org.civicledger.events.cases.Applicant;
import org.civicledger.events.cases.CaseCommands.AcceptCase;
import org.civicledger.events.cases.CaseCommands.ApproveCase;
import org.civicledger.events.cases.CaseCommands.StartReview;
import org.civicledger.events.cases.CaseCommands.SubmitApplication;
import org.civicledger.events.cases.CaseStatus;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.DocumentReference;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.common.Role;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.civicledger.events.reference.ReferenceCommands.RegisterCaseType;
import org.civicledger.projections.ProjectionsModule;
import org.civicledger.projections.casestatus.CaseStatusProjection;
import org.civicledger.projections.casestatus.CaseStatusQueries;
import org.civicledger.projections.citizenhistory.CitizenHistoryQueries;
import org.civicledger.projections.referencedata.ReferenceDataQueries;
import org.civicledger.projections.support.PageRequest;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.civicledger.events.cases.CaseEvent.CaseReviewStarted;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The read side in the whole assembly: commands through Axon into the JDBC event store, the read models
 * built by their pooled streaming processors, the read API answering from them, and a replay rebuilding them.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:read-side-full-stack;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"
})
@AutoConfigureMockMvc
class ReadSideFullStackTest {

    private static final Actor OPERATOR = new Actor("operator-1", Role.OPERATOR, null);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    private CommandGateway commands;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private CaseStatusQueries cases;
    @Autowired
    private CitizenHistoryQueries history;
    @Autowired
    private ReferenceDataQueries reference;
    @Autowired
    private MockMvc mvc;
    @Autowired
    private DevelopmentIssuer issuer;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private EventStore eventStore;

    @Test
    void every_read_model_runs_in_a_pooled_streaming_processor() {
        java.util.Set<String> tracking = java.util.Set.of(org.civicledger.projections.receipts.ReceiptsProjection.PROCESSING_GROUP,
                org.civicledger.projections.citizenhistory.CitizenHistoryProjection.PROCESSING_GROUP);
        for (String group : ProjectionsModule.PROCESSING_GROUPS) {
            // The two exceptions: receipts and the citizen history run in tracking processors, woken at once by a new event,
            // so that a paid bill's receipt shows in both within a second (docs/receipts.md); streaming and segmented all the same.
            Class<?> expected = tracking.contains(group)
                    ? org.axonframework.eventhandling.TrackingEventProcessor.class : PooledStreamingEventProcessor.class;
            assertThat(processing.eventProcessorByProcessingGroup(group))
                    .as(group).get().isInstanceOf(expected);
        }
    }

    @Test
    void every_read_model_has_a_dead_letter_queue_so_that_no_failure_is_skipped() {
        for (String group : ProjectionsModule.PROCESSING_GROUPS) {
            assertThat(processing.deadLetterQueue(group)).as(group).isPresent();
        }
    }

    @Test
    void an_event_a_read_model_fails_on_is_dead_lettered_visibly_and_the_read_model_goes_on() throws Exception {
        // A review of a case nobody submitted: the case-status read model cannot apply it and throws.
        eventStore.publish(new GenericDomainEventMessage<>("CaseFile", "case-that-never-was", 0,
                new CaseReviewStarted("case-that-never-was", "officer-x")));
        awaitTrue(() -> jdbc.queryForObject("SELECT COUNT(*) FROM deadletterentry WHERE processinggroup = 'case-status' "
                + "AND payloadtype LIKE '%CaseReviewStarted'", Integer.class) == 1);
        String cause = jdbc.queryForObject("SELECT causemessage FROM deadletterentry WHERE processinggroup = 'case-status'",
                String.class);
        assertThat(cause).isNotBlank();

        // Later events still reach the read model: the failure parked one event, it did not stop the processor.
        commands.sendAndWait(new RegisterAgency("AG-DL", "Dead Letter Office", "cmd-dl-1", OPERATOR));
        awaitTrue(() -> reference.agency("AG-DL").isPresent());
    }

    @Test
    void a_case_from_submission_to_decision_shows_in_the_read_models_and_the_read_api() throws Exception {
        commands.sendAndWait(new RegisterAgency("AG-FS", "Full Stack Office", "cmd-fs-1", OPERATOR));
        commands.sendAndWait(new RegisterCaseType("FS-PERMIT", "AG-FS", "Full stack permit", List.of("plan"), Money.twd(0), 10,
                false, "cmd-fs-2", OPERATOR));
        Applicant applicant = new Applicant("citizen-fs", NationalId.withCheckDigit("A12345678"), "Chen Wei", "chen@example.org", null);
        Actor officer = Actor.officer("officer-fs", "AG-FS");
        commands.sendAndWait(new SubmitApplication("case-fs-1", "FS-PERMIT", applicant,
                List.of(new DocumentReference("plan", "doc://plan/1")), "cmd-fs-3", Actor.citizen("citizen-fs")));
        CaseResult accepted = commands.sendAndWait(new AcceptCase("case-fs-1", "cmd-fs-4", officer));
        commands.sendAndWait(new StartReview("case-fs-1", "cmd-fs-5", officer));
        commands.sendAndWait(new ApproveCase("case-fs-1", "complete", "cmd-fs-6", officer));

        CaseStatusQueries.Awaited awaited = awaitStatus("case-fs-1", CaseStatus.APPROVED);
        assertThat(awaited.caseStatus().caseNumber()).isEqualTo(accepted.caseNumber());
        assertThat(awaited.caseStatus().steps()).extracting(step -> step.actorRole())
                .containsExactly("CITIZEN", "OFFICER", "OFFICER", "OFFICER");
        awaitTrue(() -> history.timeline("citizen-fs", PageRequest.first(10)).items().size() == 4);
        awaitTrue(() -> reference.caseType("FS-PERMIT").isPresent());

        mvc.perform(post("/api/v1/case-status/lookup").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"caseNumber\":\"" + accepted.caseNumber() + "\",\"casePassword\":\""
                                + accepted.casePassword() + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("APPROVED"))
                .andExpect(jsonPath("$.steps.length()").value(4));
        mvc.perform(post("/api/v1/case-status/lookup").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"caseNumber\":\"" + accepted.caseNumber() + "\",\"casePassword\":\"wrong\"}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.status").value(404));
        TestTokens tokens = TestTokens.of(issuer);
        mvc.perform(get("/api/v1/cases/case-fs-1").header("Authorization", tokens.citizen("citizen-fs"))
                        .param("minPosition", Long.toString(awaited.caseStatus().lastPosition())).param("waitMs", "1000"))
                .andExpect(status().isOk())
                .andExpect(header().string("Read-Model-Caught-Up", "true"))
                .andExpect(jsonPath("$.status").value("APPROVED"));
        mvc.perform(get("/api/v1/citizens/citizen-fs/history").header("Authorization", tokens.citizen("citizen-fs")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].kind").value("CaseApproved"));
        mvc.perform(get("/api/v1/agencies/AG-FS/dashboard").header("Authorization", tokens.officer("officer-fs", "AG-FS")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.casesByStatus.APPROVED").value(1))
                .andExpect(jsonPath("$.decided").value(1));
        mvc.perform(get("/api/v1/reference/case-types/FS-PERMIT").header("Authorization", tokens.auditor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.fee.amountMinor").value(0));
    }

    @Test
    void a_replay_rebuilds_the_case_status_read_model_row_for_row() throws Exception {
        commands.sendAndWait(new RegisterAgency("AG-RP", "Replay Office", "cmd-rp-1", OPERATOR));
        commands.sendAndWait(new RegisterCaseType("RP-PERMIT", "AG-RP", "Replay permit", List.of(), Money.twd(0), 5,
                false, "cmd-rp-2", OPERATOR));
        Applicant applicant = new Applicant("citizen-rp", NationalId.withCheckDigit("B12345678"), "Wu Jie", null, "0912345678");
        commands.sendAndWait(new SubmitApplication("case-rp-1", "RP-PERMIT", applicant, List.of(), "cmd-rp-3",
                Actor.citizen("citizen-rp")));
        commands.sendAndWait(new AcceptCase("case-rp-1", "cmd-rp-4", Actor.officer("officer-rp", "AG-RP")));
        awaitStatus("case-rp-1", CaseStatus.ACCEPTED);
        List<java.util.Map<String, Object>> before = caseStatusRows();

        StreamingEventProcessor processor = processing
                .eventProcessorByProcessingGroup(CaseStatusProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_status", Integer.class)).isZero();
        processor.start();

        awaitTrue(() -> caseStatusRows().equals(before));
    }

    private List<java.util.Map<String, Object>> caseStatusRows() {
        List<java.util.Map<String, Object>> rows = new java.util.ArrayList<>(
                jdbc.queryForList("SELECT * FROM case_status ORDER BY case_id"));
        rows.addAll(jdbc.queryForList("SELECT * FROM case_step ORDER BY case_id, step_no"));
        return rows;
    }

    private CaseStatusQueries.Awaited awaitStatus(String caseId, CaseStatus wanted) throws InterruptedException {
        return await().atMost(WAIT).until(() -> cases.awaitCase(caseId, 0, Duration.ofMillis(200)),
                awaited -> awaited.caseStatus() != null && awaited.caseStatus().status() == wanted);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        await().atMost(WAIT).until(condition::getAsBoolean);
    }
}
