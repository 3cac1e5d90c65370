package org.civicledger.ops.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Role;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.civicledger.ops.LedgerApplication;
import org.civicledger.projections.referencedata.ReferenceDataQueries;
import org.civicledger.projections.slots.ReadModelSlots;
import org.civicledger.projections.slots.Slot;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Blue/green across two nodes sharing one database: a build begun on one node is taken up by the other (it starts the
 * building processor at its next refresh), the other node's readers keep a complete version and follow the switch,
 * the old slot's processor stops on both, and events a command on either node stores reach the new slot.
 */
abstract class BlueGreenTwoNodesContract {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Actor OPERATOR = new Actor("operator-bg2", Role.OPERATOR, null);

    @Autowired
    private CommandGateway commands;
    @Autowired
    private BlueGreenRebuild blueGreen;
    @Autowired
    private ReadModelSlots slots;
    @Autowired
    private EventProcessingConfiguration processing;

    /** The settings that point a second node at this test's database. */
    abstract Map<String, Object> sharedDatabase();

    /** The Spring profiles of the second node. */
    String[] profiles() {
        return new String[0];
    }

    @Test
    void a_build_begun_on_one_node_is_taken_up_by_the_other_whose_readers_follow_the_switch() throws Exception {
        Map<String, Object> properties = new java.util.TreeMap<>(sharedDatabase());
        properties.put("ledger.notices.dispatch.enabled", "false");
        properties.put("ledger.projections.slot-refresh", "PT0.3S");
        // As command-line arguments: they outrank application.yml, which names the default database.
        String[] arguments = properties.entrySet().stream().map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new);
        try (ConfigurableApplicationContext other = new SpringApplicationBuilder(LedgerApplication.class).web(WebApplicationType.NONE)
                .profiles(profiles()).run(arguments)) {
            for (int i = 1; i <= 5; i++) {
                commands.sendAndWait(new RegisterAgency("AG-BG2-" + i, "Two-node office " + i, "cmd-bg2-" + i, OPERATOR));
            }
            ReferenceDataQueries otherReader = other.getBean(ReferenceDataQueries.class);
            ReadModelSlots otherSlots = other.getBean(ReadModelSlots.class);
            await().atMost(WAIT).until(() -> otherReader.agency("AG-BG2-5").isPresent());
            Slot serving = slots.active("reference-data");
            long agenciesBefore = otherSlots.reader().queryForObject("SELECT COUNT(*) FROM ref_agency", Long.class);

            BlueGreenRebuild.Started started = blueGreen.begin("reference-data");
            assertThat(started.slot()).isEqualTo(serving.other());
            List<Long> fewer = Collections.synchronizedList(new ArrayList<>());
            await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
                long agencies = otherSlots.reader().queryForObject("SELECT COUNT(*) FROM ref_agency", Long.class);
                if (agencies < agenciesBefore) {
                    fewer.add(agencies);
                }
                otherSlots.refresh();
                return otherSlots.active("reference-data") == started.slot() && otherSlots.state("reference-data").retired() == null
                        && processor(other.getBean(EventProcessingConfiguration.class), started.processor()).isRunning()
                        && !processor(other.getBean(EventProcessingConfiguration.class), serving.processor("reference-data")).isRunning();
            });
            assertThat(fewer).as("the other node's reader saw fewer agencies than before the rebuild").isEmpty();
            assertThat(processor(processing, serving.processor("reference-data")).isRunning()).isFalse();
            assertThat(otherReader.agency("AG-BG2-1")).isPresent();

            // A command through the other node reaches the new slot, which both nodes read.
            other.getBean(CommandGateway.class).sendAndWait(new RegisterAgency("AG-BG2-OTHER", "Registered on the other node",
                    "cmd-bg2-other", OPERATOR));
            await().atMost(WAIT).until(() -> other.getBean(ReferenceDataQueries.class).agency("AG-BG2-OTHER").isPresent()
                    && otherSlots.reader().queryForObject("SELECT COUNT(*) FROM " + started.slot().table("ref_agency")
                    + " WHERE agency_code = 'AG-BG2-OTHER'", Integer.class) == 1);
        }
    }

    private static StreamingEventProcessor processor(EventProcessingConfiguration processing, String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
    }
}
