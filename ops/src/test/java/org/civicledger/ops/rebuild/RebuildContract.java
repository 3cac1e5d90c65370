package org.civicledger.ops.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.civicledger.events.cases.Applicant;
import org.civicledger.events.cases.CaseCommands.SubmitApplication;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.DocumentReference;
import org.civicledger.events.common.Role;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.civicledger.events.reference.ReferenceCommands.RenameAgency;
import org.civicledger.ops.demo.ProjectionCatchUp;
import org.civicledger.projections.ProjectionsModule;
import org.civicledger.projections.rebuild.ProjectionChecksum;
import org.civicledger.projections.rebuild.ProjectionChecksum.Checksum;
import org.civicledger.projections.rebuild.ProjectionChecksum.TableRows;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rebuilding read models in the whole assembly: a realistic history (reference data with revisions, cases through
 * every kind of step, a transfer, a withdrawal, a fine paid through a provider and partly refunded, its provider's settlement file, a
 * grant used, an erasure) is projected live; a rebuild through the same code as
 * {@code ledger rebuild} gives every read model the same checksum as the live one; a corrupted row changes the
 * checksum and a rebuild repairs it; a processor claimed by another node is refused, and nothing is reset.
 */
abstract class RebuildContract {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Actor OPERATOR = new Actor("operator-rb", Role.OPERATOR, null);

    @Autowired
    private CommandGateway commands;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private ProjectionRebuild rebuild;
    @Autowired
    private ProjectionChecksum checksums;
    @Autowired
    private SinglePassRebuild singlePass;
    @Autowired
    private org.axonframework.eventsourcing.eventstore.EventStorageEngine storage;
    @Autowired
    private org.axonframework.common.transaction.TransactionManager transactions;
    @Autowired
    private org.axonframework.eventhandling.tokenstore.TokenStore tokenStore;
    @Autowired
    private org.civicledger.projections.slots.ReadModelSlots slots;

    private RebuildHistory history;

    @org.junit.jupiter.api.BeforeEach
    void historyBuilder() {
        history = new RebuildHistory(commands, jdbc, getClass().getSimpleName());
    }

    @Test
    void a_rebuilt_read_model_has_the_live_ones_checksum_and_a_corrupted_row_is_repaired() throws Exception {
        history();
        awaitCaughtUp();
        Map<String, Checksum> live = checksumAll();
        for (Checksum checksum : live.values()) {
            for (TableRows table : checksum.tables()) {
                assertThat(table.rows()).as("rows of %s before the rebuild", table.table()).isPositive();
            }
        }

        ProjectionRebuild.Result rebuilt = rebuild.rebuild(ProjectionsModule.PROCESSING_GROUPS, WAIT, progress -> { });
        assertThat(rebuilt.head()).isEqualTo(rebuild.head());
        assertThat(rebuilt.checksums()).containsExactlyElementsOf(live.values());
        assertThat(checksumAll()).isEqualTo(live);

        // Corrupted rows, one per read model: each checksum changes.
        jdbc.update("UPDATE case_status SET status = 'CLOSED', overdue = TRUE WHERE case_id = 'case-rb-1'");
        jdbc.update("DELETE FROM citizen_timeline WHERE citizen_subject = 'citizen-rb-2' AND position = "
                + "(SELECT MAX(position) FROM citizen_timeline WHERE citizen_subject = 'citizen-rb-2')");
        jdbc.update("UPDATE ref_agency SET name = '' WHERE agency_code = 'AG-RB1'");
        jdbc.update("UPDATE audit_event SET channel = NULL WHERE global_index = (SELECT MAX(global_index) FROM audit_event)");
        jdbc.update("UPDATE audit_event SET channel = '' WHERE global_index = (SELECT MIN(global_index) FROM audit_event)");
        jdbc.update("UPDATE citizen_payment SET status = 'FAILED' WHERE payment_id = 'payment-rb-1'");
        jdbc.update("DELETE FROM journal_line WHERE line_number = (SELECT MAX(line_number) FROM journal_line)");
        jdbc.update("UPDATE citizen_grant SET balance_minor = 1000 WHERE grant_id = 'grant-rb-1'");
        jdbc.update("DELETE FROM pay_dash_return");
        jdbc.update("UPDATE receipt SET status = 'VOIDED', void_reason = 'forged'");
        jdbc.update("UPDATE settlement_item SET outcome = 'AMOUNT_MISMATCH' WHERE item_key = 'L2'");
        jdbc.update("UPDATE settlement_file SET fee_total_minor = fee_total_minor + 1");
        jdbc.update("UPDATE document_signer SET signature = 'forged' WHERE document_id = ?", "doc-rb-" + getClass().getSimpleName());
        Map<String, Checksum> corrupted = checksumAll();
        for (String group : ProjectionsModule.PROCESSING_GROUPS) {
            assertThat(corrupted.get(group).sha256()).as("checksum of corrupted %s", group).isNotEqualTo(live.get(group).sha256());
        }

        // One read model rebuilt alone: repaired; the others are left as they are.
        ProjectionRebuild.Result one = rebuild.rebuild(ProjectionRebuild.resolve("case-status"), WAIT, progress -> { });
        assertThat(one.checksums()).containsExactly(live.get("case-status"));
        assertThat(checksums.of("citizen-history")).isEqualTo(corrupted.get("citizen-history"));

        // All of them repaired in one pass over the events (SinglePassRebuild), then the processors go on from its tokens.
        ProjectionRebuild.Result onePass = singlePass.rebuild(ProjectionRebuild.resolve("all"), WAIT, progress -> { });
        assertThat(onePass.head()).isEqualTo(rebuild.head());
        assertThat(onePass.checksums()).containsExactlyElementsOf(live.values());
        assertThat(checksumAll()).isEqualTo(live);

        // After a rebuild the processors run on as before: a new case reaches the read models.
        send(new SubmitApplication("case-rb-after", "RB-PERMIT", applicant("citizen-rb-1", "A12345601"), documents(),
                nextId(), Actor.citizen("citizen-rb-1")));
        awaitCaughtUp();
        assertThat(jdbc.queryForObject("SELECT status FROM case_status WHERE case_id = 'case-rb-after'", String.class))
                .isEqualTo("SUBMITTED");
        for (String group : ProjectionsModule.PROCESSING_GROUPS) {
            assertThat(processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow().isReplaying()).isFalse();
        }
    }

    @Test
    void a_single_pass_that_stops_half_way_is_finished_by_the_processors_from_the_pages_it_wrote() throws Exception {
        history();
        awaitCaughtUp();
        Map<String, Checksum> live = checksumAll();
        long head = rebuild.head();

        // Pages of 10 events in three lanes; the pass stops once the third page is written (here by its progress report;
        // a failing handler, a timeout or a crash stop it the same way), with later pages still in the lanes.
        SinglePassRebuild smallPages = new SinglePassRebuild(processing, storage, transactions, tokenStore, rebuild, slots, checksums,
                10, 3);
        java.util.concurrent.atomic.AtomicInteger pages = new java.util.concurrent.atomic.AtomicInteger();
        assertThatThrownBy(() -> smallPages.rebuild(ProjectionRebuild.resolve("all"), WAIT, progress -> {
            if (pages.incrementAndGet() == 3) {
                throw new IllegalStateException("stopped after three pages");
            }
        })).hasMessage("stopped after three pages");
        assertThat(head).as("events in the history").isGreaterThan(60);

        // The processors, started again, replay on from the tokens the lanes committed with their pages: no event is
        // applied twice (a replay skips the look-ups that would have caught it), none is missed.
        awaitCaughtUp();
        await().atMost(WAIT).until(() -> ProjectionsModule.PROCESSING_GROUPS.stream().noneMatch(group ->
                processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow().isReplaying()));
        assertThat(checksumAll()).isEqualTo(live);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM deadletterentry", Integer.class)).as("dead letters").isZero();
    }

    @Test
    void a_processor_claimed_by_another_node_is_refused_and_nothing_is_reset() throws Exception {
        send(new RegisterAgency("AG-RB-CLAIM", "Claimed Office", nextId(), OPERATOR));
        awaitCaughtUp();
        Checksum before = checksums.of("reference-data");
        jdbc.update("UPDATE tokenentry SET owner = 'other-node@ledger-2', timestamp = ? WHERE processorname = 'reference-data'",
                Instant.now().toString());

        assertThatThrownBy(() -> rebuild.rebuild(List.of("reference-data"), WAIT, progress -> { }))
                .isInstanceOf(ProjectionRebuild.ClaimedElsewhere.class)
                .hasMessageContaining("other-node@ledger-2")
                .hasMessageContaining("stop that node");
        assertThat(checksums.of("reference-data")).isEqualTo(before);

        // Once the other node let go, this node takes the processor up again.
        jdbc.update("UPDATE tokenentry SET owner = NULL WHERE processorname = 'reference-data'");
        send(new RenameAgency("AG-RB-CLAIM", "Claimed Office (renamed)", "new name", nextId(), OPERATOR));
        await().atMost(WAIT).until(() -> "Claimed Office (renamed)".equals(jdbc.queryForObject(
                "SELECT name FROM ref_agency WHERE agency_code = 'AG-RB-CLAIM'", String.class)));
    }

    @Test
    void an_unknown_projection_is_named_with_the_known_ones() {
        assertThatThrownBy(() -> ProjectionRebuild.resolve("case-statuses"))
                .isInstanceOf(ProjectionRebuild.UnknownProjection.class)
                .hasMessageContaining("case-status, citizen-history, reference-data, audit-trail, citizen-payments, journal, citizen-grants, "
                        + "payments-dashboard, receipts, settlement-report, documents, or all");
        assertThat(ProjectionRebuild.resolve("all")).containsExactlyElementsOf(ProjectionsModule.PROCESSING_GROUPS);
    }

    /** The history, once per application context (its identifiers are fixed, and the tests share the store). */
    private void history() {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM cmd_agency WHERE agency_code = 'AG-RB1'", Integer.class) == 0) {
            history.build();
        }
    }

    private static Applicant applicant(String subject, String nationalIdFirstNine) {
        return RebuildHistory.applicant(subject, nationalIdFirstNine);
    }

    private static List<DocumentReference> documents() {
        return RebuildHistory.documents();
    }

    private void send(Object command) {
        history.send(command);
    }

    private String nextId() {
        return history.nextId();
    }

    private Map<String, Checksum> checksumAll() {
        Map<String, Checksum> all = new LinkedHashMap<>();
        for (String group : ProjectionsModule.PROCESSING_GROUPS) {
            all.put(group, checksums.of(group));
        }
        return all;
    }

    private void awaitCaughtUp() {
        ProjectionCatchUp catchUp = new ProjectionCatchUp(processing, jdbc);
        await().atMost(WAIT).until(() -> {
            long head = catchUp.head();
            Map<String, Long> positions = catchUp.positions();
            return ProjectionsModule.PROCESSING_GROUPS.stream().allMatch(group -> positions.getOrDefault(group, -1L) >= head);
        });
    }
}
