package org.civicledger.ops.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.civicledger.events.cases.CaseCommands.SubmitApplication;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Role;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.civicledger.ops.support.TestTokens;
import org.civicledger.projections.ProjectionsModule;
import org.civicledger.projections.casestatus.CaseStatusQueries;
import org.civicledger.projections.rebuild.ProjectionChecksum;
import org.civicledger.projections.rebuild.ProjectionChecksum.Checksum;
import org.civicledger.projections.slots.ReadModelSlots;
import org.civicledger.projections.slots.Slot;
import org.civicledger.query.security.DevelopmentIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Blue/green rebuild in the whole assembly, all read models at once, while commands keep arriving: a reader polling
 * the read models never sees fewer rows than they held when the rebuild began; after the switch every read model
 * serves its other slot, whose checksum equals that of a fresh in-place rebuild; the old slot is emptied; events
 * stored after the switch reach the new slot; the status API shows slots; the operator endpoint does the same for one.
 */
@AutoConfigureMockMvc
abstract class BlueGreenRebuildContract {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Actor OPERATOR = new Actor("operator-bg", Role.OPERATOR, null);
    /** One table per read model, counted by the polling reader through the active slots. */
    private static final Map<String, String> COUNTED = Map.of("case-status", "case_status", "citizen-history", "citizen_timeline",
            "reference-data", "ref_agency", "audit-trail", "audit_event", "citizen-payments", "citizen_payment", "journal", "journal_line");

    @Autowired
    private CommandGateway commands;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private BlueGreenRebuild blueGreen;
    @Autowired
    private ProjectionRebuild inPlace;
    @Autowired
    private ProjectionChecksum checksums;
    @Autowired
    private ReadModelSlots slots;
    @Autowired
    private CaseStatusQueries cases;
    @Autowired
    private MockMvc mvc;
    @Autowired
    private DevelopmentIssuer issuer;

    private RebuildHistory history;

    @BeforeEach
    void historyBuilder() {
        history = new RebuildHistory(commands, jdbc, getClass().getSimpleName());
    }

    @Test
    void readers_keep_a_complete_version_while_the_new_one_builds_and_the_switched_version_equals_a_fresh_rebuild() throws Exception {
        history.build();
        awaitCaughtUp();
        Map<String, Slot> before = activeSlots();
        Map<String, Long> rowsBefore = counts();
        rowsBefore.forEach((table, rows) -> assertThat(rows).as("rows of %s before the rebuild", table).isPositive());

        // New commands keep arriving, and a reader keeps counting, for the whole rebuild.
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> fewer = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        // Steady traffic, not a flood: a build catches up only with a write rate below its replay rate (eleven read models
        // replaying on two cores); a writer sending as fast as commands answer once outran it for the whole 90 s.
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        writer.scheduleWithFixedDelay(() -> {
            try {
                int n = sent.incrementAndGet();
                history.send(new RegisterAgency("AG-BG-" + n, "Office " + n, history.nextId(), OPERATOR));
                history.send(new SubmitApplication("case-bg-" + n, "RB-PERMIT", RebuildHistory.applicant("citizen-rb-1", "A12345601"),
                        RebuildHistory.documents(), history.nextId(), Actor.citizen("citizen-rb-1")));
            } catch (Throwable failure) {
                failures.add(failure);
                throw failure;
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
        Thread reader = new Thread(() -> {
            try {
                while (running.get()) {
                    counts().forEach((table, rows) -> {
                        if (rows < rowsBefore.get(table)) {
                            fewer.add(table + " had " + rows + " rows, " + rowsBefore.get(table) + " before the rebuild");
                        }
                    });
                    reads.incrementAndGet();
                }
            } catch (Throwable failure) {
                failures.add(failure);
            }
        }, "bg-reader");
        reader.start();
        List<Long> progress = Collections.synchronizedList(new ArrayList<>());
        BlueGreenRebuild.Result result;
        try {
            result = blueGreen.rebuild(ProjectionsModule.PROCESSING_GROUPS, WAIT, at -> progress.add(at.slowest()));
        } finally {
            running.set(false);
            writer.shutdown();
            assertThat(writer.awaitTermination(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            reader.join(WAIT.toMillis());
        }
        assertThat(failures).isEmpty();
        assertThat(fewer).as("a reader saw a read model with fewer rows than before the rebuild").isEmpty();
        assertThat(reads.get()).isGreaterThan(10);
        assertThat(sent.get()).as("commands sent during the rebuild").isPositive();
        assertThat(progress).isNotEmpty();

        // Every read model serves its other slot now; the old one is emptied and its processor stopped.
        for (String group : ProjectionsModule.PROCESSING_GROUPS) {
            Slot now = before.get(group).other();
            assertThat(result.activeSlots().get(group)).isEqualTo(now);
            assertThat(slots.active(group)).isEqualTo(now);
            assertThat(checksums.of(group, before.get(group)).rows()).as("rows left in the old slot of %s", group).isZero();
            assertThat(processor(now.processor(group)).isRunning()).isTrue();
            assertThat(processor(before.get(group).processor(group)).isRunning()).isFalse();
        }

        // The switched version equals a fresh in-place rebuild of it, events sent during the build included.
        awaitCaughtUp();
        Map<String, Checksum> switched = checksumAll();
        ProjectionRebuild.Result fresh = inPlace.rebuild(ProjectionsModule.PROCESSING_GROUPS, WAIT, at -> { });
        assertThat(fresh.checksums()).containsExactlyElementsOf(switched.values());
        assertThat(switched.get("reference-data").tables().get(0).rows()).as("agencies registered during the rebuild are there")
                .isGreaterThanOrEqualTo(rowsBefore.get("ref_agency") + sent.get() - 1);

        // Events after the switch reach the new version.
        history.send(new SubmitApplication("case-bg-after", "RB-PERMIT", RebuildHistory.applicant("citizen-rb-1", "A12345601"),
                RebuildHistory.documents(), history.nextId(), Actor.citizen("citizen-rb-1")));
        awaitCaughtUp();
        assertThat(cases.byId("case-bg-after")).hasValueSatisfying(view -> assertThat(view.status().name()).isEqualTo("SUBMITTED"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + slots.active("case-status").table("case_status")
                + " WHERE case_id = 'case-bg-after'", Integer.class)).isEqualTo(1);

        // And back again: a second blue/green rebuild fills the first slot anew; one at a time per read model.
        BlueGreenRebuild.Started again = blueGreen.begin("reference-data");
        assertThat(again.slot()).isEqualTo(before.get("reference-data"));
        assertThatThrownBy(() -> blueGreen.begin("reference-data")).isInstanceOf(BlueGreenRebuild.Refused.class)
                .hasMessageContaining("under way");
        assertThatThrownBy(() -> inPlace.begin(List.of("reference-data"))).isInstanceOf(BlueGreenRebuild.Refused.class);
        Checksum referenceData = checksums.of("reference-data");
        await().atMost(WAIT).until(() -> {
            blueGreen.tick();
            return slots.state("reference-data").building() == null;
        });
        assertThat(slots.active("reference-data")).isEqualTo(before.get("reference-data"));
        assertThat(checksums.of("reference-data")).isEqualTo(referenceData);
    }

    @Test
    void an_operator_starts_a_blue_green_rebuild_over_http_and_sees_it_in_the_processor_status() throws Exception {
        TestTokens tokens = TestTokens.of(issuer);
        history.send(new RegisterAgency("AG-BG-HTTP", "Blue Green Office", history.nextId(), OPERATOR));
        awaitCaughtUp();
        Slot serving = slots.active("reference-data");
        Checksum before = checksums.of("reference-data");

        mvc.perform(post("/api/v1/ops/processors/reference-data/rebuild").param("mode", "sideways")
                        .header("Authorization", tokens.operator()).header("Idempotency-Key", UUID.randomUUID().toString()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("mode"));
        assertThat(slots.state("reference-data").building()).as("nothing begun by a refused request").isNull();

        JsonNode started = new ObjectMapper().readTree(mvc.perform(post("/api/v1/ops/processors/reference-data/rebuild")
                        .header("Authorization", tokens.operator()).header("Idempotency-Key", UUID.randomUUID().toString()))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString());
        assertThat(started.get("mode").asText()).isEqualTo("blue-green");
        assertThat(started.get("replayingProcessor").asText()).isEqualTo(serving.other().processor("reference-data"));
        assertThat(started.get("buildingSlot").asText()).isEqualTo(serving.other().code());
        assertThat(started.get("replaysTo").asLong()).isEqualTo(inPlace.head());

        // The status API shows both slots of the read model until the switch, then the new one active.
        await().atMost(WAIT).until(() -> {
            JsonNode all = new ObjectMapper().readTree(mvc.perform(get("/api/v1/ops/processors").header("Authorization", tokens.operator()))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
            JsonNode building = processorNamed(all, serving.other().processor("reference-data"));
            JsonNode old = processorNamed(all, serving.processor("reference-data"));
            assertThat(building.get("slot").get("readModel").asText()).isEqualTo("reference-data");
            assertThat(building.get("slot").get("buildHead").asLong()).isEqualTo(started.get("replaysTo").asLong());
            return "active".equals(building.get("slot").get("state").asText()) && !building.get("slot").get("switchedAt").isNull()
                    && building.get("slot").get("position").asLong() >= started.get("replaysTo").asLong()
                    && List.of("retiring", "idle").contains(old.get("slot").get("state").asText());
        });
        assertThat(checksums.of("reference-data")).isEqualTo(before);
        assertThat(slots.active("reference-data")).isEqualTo(serving.other());
    }

    private static JsonNode processorNamed(JsonNode all, String name) {
        for (JsonNode processor : all) {
            if (name.equals(processor.get("name").asText())) {
                return processor;
            }
        }
        throw new AssertionError("no processor " + name + " in " + all);
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : COUNTED.values()) {
            counts.put(table, slots.reader().queryForObject("SELECT COUNT(*) FROM " + table, Long.class));
        }
        return counts;
    }

    private Map<String, Slot> activeSlots() {
        slots.refresh();
        Map<String, Slot> active = new LinkedHashMap<>();
        for (String group : ProjectionsModule.PROCESSING_GROUPS) {
            active.put(group, slots.active(group));
        }
        return active;
    }

    private Map<String, Checksum> checksumAll() {
        Map<String, Checksum> all = new LinkedHashMap<>();
        for (String group : ProjectionsModule.PROCESSING_GROUPS) {
            all.put(group, checksums.of(group));
        }
        return all;
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
    }

    /** Every serving processor at the head, counted over all its segments' committed tokens. */
    private void awaitCaughtUp() {
        await().atMost(WAIT).until(() -> {
            long head = inPlace.head();
            slots.refresh();
            return ProjectionsModule.PROCESSING_GROUPS.stream().allMatch(group -> {
                StreamingEventProcessor processor = processor(slots.active(group).processor(group));
                return processor.isRunning() && ProjectionRebuild.position(processor) >= head;
            });
        });
    }
}
