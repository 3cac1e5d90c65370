package org.civicledger.ops.privacy;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.civicledger.command.privacy.DataKeyring;
import org.civicledger.command.privacy.PersonalDataVault;
import org.civicledger.command.privacy.SubjectHasher;
import org.civicledger.events.cases.Applicant;
import org.civicledger.events.cases.CaseCommands.AcceptCase;
import org.civicledger.events.cases.CaseCommands.ApproveCase;
import org.civicledger.events.cases.CaseCommands.StartReview;
import org.civicledger.events.cases.CaseCommands.SubmitApplication;
import org.civicledger.events.cases.CaseEvent.ApplicationSubmitted;
import org.civicledger.events.cases.CaseStatus;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.DocumentReference;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.common.Role;
import org.civicledger.events.privacy.PrivacyCommands.EraseCitizenData;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.civicledger.events.reference.ReferenceCommands.RegisterCaseType;
import org.civicledger.projections.casestatus.CaseStatusProjection;
import org.civicledger.projections.casestatus.CaseStatusQueries;
import org.civicledger.projections.citizenhistory.CitizenHistoryProjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an erasure leaves behind, in the whole assembly: events that still load and replay, read
 * models with the same cases and counts, stored event bytes unchanged, and no plaintext of the
 * erased citizen in any column of any table, nor in the logs. Run on H2 and on PostgreSQL.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class PersonalDataErasureContract {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Actor OPERATOR = new Actor("operator-privacy", Role.OPERATOR, null);
    private static final Actor OFFICER = Actor.officer("officer-privacy", "AG-PRIV");

    /** The citizen to be erased: a name, address and number that occur nowhere else. */
    private static final NationalId NATIONAL_ID = NationalId.withCheckDigit("F22233344");
    private static final String NAME = "Qiu Erasable";
    private static final String EMAIL = "qiu.erasable@example.org";
    private static final String PHONE = "+886955512345";
    private static final List<String> PLAINTEXT = List.of(NATIONAL_ID.value(), NAME, EMAIL, PHONE, "955512345");

    @Autowired
    private CommandGateway commands;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private CaseStatusQueries cases;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private PlatformTransactionManager transactionManager;
    @Autowired
    private PersonalDataVault vault;
    @Autowired
    private SubjectHasher hasher;

    @Test
    void after_an_erasure_events_replay_read_models_keep_their_counts_bytes_are_unchanged_and_no_plaintext_is_left(
            CapturedOutput output) throws Exception {
        commands.sendAndWait(new RegisterAgency("AG-PRIV", "Privacy Office", "cmd-pr-1", OPERATOR));
        commands.sendAndWait(new RegisterCaseType("PRIV-PERMIT", "AG-PRIV", "Privacy permit", List.of("plan"),
                Money.twd(0), 5, false, "cmd-pr-2", OPERATOR));
        Applicant erasable = new Applicant("citizen-qiu", NATIONAL_ID, NAME, EMAIL, PHONE);
        Applicant other = new Applicant("citizen-kept", NationalId.withCheckDigit("G12312312"), "Kept Citizen",
                "kept@example.org", null);
        List<DocumentReference> plan = List.of(new DocumentReference("plan", "doc://plan/1"));
        commands.sendAndWait(new SubmitApplication("case-pr-1", "PRIV-PERMIT", erasable, plan, "cmd-pr-3",
                Actor.citizen("citizen-qiu")));
        commands.sendAndWait(new SubmitApplication("case-pr-2", "PRIV-PERMIT", erasable, plan, "cmd-pr-4",
                Actor.citizen("citizen-qiu")));
        commands.sendAndWait(new SubmitApplication("case-pr-3", "PRIV-PERMIT", other, plan, "cmd-pr-5",
                Actor.citizen("citizen-kept")));
        commands.sendAndWait(new AcceptCase("case-pr-1", "cmd-pr-6", OFFICER));
        commands.sendAndWait(new StartReview("case-pr-1", "cmd-pr-7a", OFFICER));
        commands.sendAndWait(new ApproveCase("case-pr-1", "complete", "cmd-pr-7", OFFICER));
        awaitTrue(() -> statusOf("case-pr-1") == CaseStatus.APPROVED && statusOf("case-pr-3") == CaseStatus.SUBMITTED);
        awaitTrue(() -> jdbc.queryForObject("SELECT COUNT(*) FROM citizen_timeline", Integer.class) == 6);

        // Before: the plaintext is really somewhere (the notice tables), so the scan below can find it.
        assertThat(tablesContaining(NAME)).contains("notice_recipient");
        Map<Long, byte[]> payloadsBefore = payloads();
        List<Map<String, Object>> readModelBefore = readModelRows();
        List<Map<String, Object>> countsBefore = countsPerStatus();

        String subjectRef = commands.sendAndWait(new EraseCitizenData(NATIONAL_ID, "erasure request ER-2025-0042",
                "cmd-pr-8", OPERATOR));
        assertThat(subjectRef).isEqualTo(hasher.refFor(NATIONAL_ID));

        // (d) The stored bytes of every earlier event are exactly as they were: only the key went.
        Map<Long, byte[]> payloadsAfter = payloads();
        payloadsBefore.forEach((index, bytes) -> assertThat(payloadsAfter.get(index)).as("payload " + index).isEqualTo(bytes));

        // (a) Every event still loads; the erased applicant reads as erased, the fee is unchanged.
        List<? extends DomainEventMessage<?>> caseEvents = eventStore.readEvents("case-pr-1").asStream().toList();
        ApplicationSubmitted submitted = (ApplicationSubmitted) caseEvents.get(0).getPayload();
        assertThat(submitted.applicant()).isEqualTo(Applicant.erased("citizen-qiu"));
        assertThat(submitted.fee()).isEqualTo(Money.twd(0));
        ApplicationSubmitted kept = (ApplicationSubmitted) eventStore.readEvents("case-pr-3").asStream().toList().get(0).getPayload();
        assertThat(kept.applicant()).isEqualTo(other);

        // (a) A replay of case-status and citizen-history runs through the erased events without error.
        for (String group : List.of(CaseStatusProjection.PROCESSING_GROUP, CitizenHistoryProjection.PROCESSING_GROUP)) {
            StreamingEventProcessor processor = processing.eventProcessorByProcessingGroup(group, StreamingEventProcessor.class)
                    .orElseThrow();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
        // (b) ... and rebuilds the same rows: every case with its status, the counts per status unchanged.
        awaitTrue(() -> readModelRows().equals(readModelBefore));
        assertThat(countsPerStatus()).isEqualTo(countsBefore);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM deadletterentry", Integer.class)).isZero();

        // (c) No plaintext of the erased citizen in any column of any table; the other citizen's data is untouched.
        for (String plaintext : PLAINTEXT) {
            assertThat(tablesContaining(plaintext)).as("tables holding " + plaintext).isEmpty();
        }
        assertThat(tablesContaining("kept@example.org")).contains("notice_recipient");

        // The case of an erased applicant still takes commands: its aggregate loads.
        commands.sendAndWait(new AcceptCase("case-pr-2", "cmd-pr-9", OFFICER));
        commands.sendAndWait(new StartReview("case-pr-2", "cmd-pr-10", OFFICER));
        awaitTrue(() -> statusOf("case-pr-2") == CaseStatus.IN_REVIEW);
        for (String plaintext : PLAINTEXT) {
            assertThat(tablesContaining(plaintext)).as("tables holding " + plaintext + " after later steps").isEmpty();
        }

        // (e) Nothing logged during the test shows the erased citizen's data.
        for (String plaintext : PLAINTEXT) {
            assertThat(output.getAll()).as("log output").doesNotContain(plaintext);
        }
    }

    @Test
    void two_first_submissions_of_one_citizen_at_once_share_one_key() throws Exception {
        String subjectRef = hasher.refFor(NationalId.withCheckDigit("H22211133"));
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        CountDownLatch firstInserted = new CountDownLatch(1);

        CompletableFuture<DataKeyring.DataKey> first = CompletableFuture.supplyAsync(() -> transaction.execute(status -> {
            DataKeyring.DataKey key = vault.sealingKey(subjectRef);
            firstInserted.countDown();
            sleep(500);  // Hold the uncommitted key while the second transaction tries to create its own.
            return key;
        }));
        assertThat(firstInserted.await(10, TimeUnit.SECONDS)).isTrue();
        DataKeyring.DataKey second = transaction.execute(status -> vault.sealingKey(subjectRef));

        assertThat(second.version()).isEqualTo(first.get(10, TimeUnit.SECONDS).version()).isEqualTo(1);
        assertThat(second.key().getEncoded()).isEqualTo(first.get().key().getEncoded());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM personal_data_key WHERE subject_ref = ?", Integer.class,
                subjectRef)).isEqualTo(1);
    }

    private CaseStatus statusOf(String caseId) {
        CaseStatusQueries.Awaited awaited = cases.awaitCase(caseId, 0, Duration.ofMillis(100));
        return awaited.caseStatus() == null ? null : awaited.caseStatus().status();
    }

    private Map<Long, byte[]> payloads() {
        Map<Long, byte[]> payloads = new java.util.TreeMap<>();
        jdbc.query("SELECT globalindex, payload FROM domainevententry", (ResultSet rs) -> {
            payloads.put(rs.getLong(1), rs.getBytes(2));
        });
        return payloads;
    }

    private List<Map<String, Object>> readModelRows() {
        List<Map<String, Object>> rows = new ArrayList<>(jdbc.queryForList("SELECT * FROM case_status ORDER BY case_id"));
        rows.addAll(jdbc.queryForList("SELECT * FROM case_step ORDER BY case_id, step_no"));
        rows.addAll(jdbc.queryForList("SELECT * FROM citizen_case ORDER BY case_id"));
        rows.addAll(jdbc.queryForList("SELECT * FROM citizen_timeline ORDER BY citizen_subject, position"));
        return rows;
    }

    private List<Map<String, Object>> countsPerStatus() {
        return jdbc.queryForList("SELECT status, COUNT(*) AS cases FROM case_status GROUP BY status ORDER BY status");
    }

    /**
     * The tables of the ledger's schema (from the database's own catalogue) with a value in any column
     * that contains the text: text columns as text, byte columns (payloads, metadata, tokens, keys) as
     * the text's UTF-8 bytes; whole rows, so no column type is left out.
     */
    private List<String> tablesContaining(String text) throws Exception {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<String> tables = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData catalogue = connection.getMetaData();
            List<String> names = new ArrayList<>();
            try (ResultSet found = catalogue.getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
                while (found.next()) {
                    names.add(found.getString("TABLE_NAME"));
                }
            }
            assertThat(names).contains("domainevententry", "notice_outbox", "case_status", "personal_data_key");
            for (String table : names) {
                boolean[] hit = {false};
                jdbc.query("SELECT * FROM " + table, (ResultSet row) -> {
                    for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                        Object value = row.getObject(column);
                        if (value instanceof byte[] bytes ? indexOf(bytes, needle) >= 0
                                : value != null && String.valueOf(value).contains(text)) {
                            hit[0] = true;
                        }
                    }
                });
                if (hit[0]) {
                    tables.add(table);
                }
            }
        }
        return tables;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        await().atMost(WAIT).until(condition::getAsBoolean);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
