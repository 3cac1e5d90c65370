package org.civicledger.ops.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.civicledger.command.cases.CaseResult;
import org.civicledger.events.cases.Applicant;
import org.civicledger.events.cases.CaseCommands.AcceptCase;
import org.civicledger.events.cases.CaseCommands.ApproveCase;
import org.civicledger.events.cases.CaseCommands.CloseCase;
import org.civicledger.events.cases.CaseCommands.ProvideSupplement;
import org.civicledger.events.cases.CaseCommands.RequestSupplement;
import org.civicledger.events.cases.CaseCommands.StartReview;
import org.civicledger.events.cases.CaseCommands.SubmitApplication;
import org.civicledger.events.cases.CasePasswordHash;
import org.civicledger.events.cases.CaseStatus;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.DocumentReference;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.common.RuleViolation;
import org.civicledger.events.reference.CalendarEvents.Holiday;
import org.civicledger.events.reference.ReferenceCommands.PublishCalendarYear;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.civicledger.events.reference.ReferenceCommands.RegisterCaseType;
import org.civicledger.ops.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A case from submission to closing on a real event store, through the real command bus; run on
 * the embedded H2 store and on PostgreSQL by the subclasses.
 */
public abstract class LedgerFlowContract {

    private static final Actor LOADER = Actor.system("test-loader");

    @Autowired
    protected CommandGateway commands;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected MutableClock clock;

    private final ObjectMapper json = new ObjectMapper();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String agency = "AG-" + suffix;
    private final String otherAgency = "AO-" + suffix;
    private final String caseType = "CT-" + suffix;
    private final Actor officer = Actor.officer("officer-" + suffix, agency);
    private final Actor citizen = Actor.citizen("citizen-" + suffix);

    private void givenTheCity() {
        clock.set("2026-12-07T10:00:00");
        Integer published = jdbc.queryForObject("SELECT COUNT(*) FROM cmd_calendar_year WHERE calendar_year = 2026", Integer.class);
        if (published == 0) {
            commands.sendAndWait(new PublishCalendarYear(2026, List.of(new Holiday(LocalDate.parse("2026-12-25"), "Constitution Day")),
                    List.of(), "test", "cal-2026", LOADER));
        }
        commands.sendAndWait(new RegisterAgency(agency, "Department of Tests", "ra-" + suffix, LOADER));
        commands.sendAndWait(new RegisterAgency(otherAgency, "Other Department", "rb-" + suffix, LOADER));
        commands.sendAndWait(new RegisterCaseType(caseType, agency, "Test permit", List.of("id-card-copy"), Money.twd(0), 10,
                false, "rc-" + suffix, LOADER));
    }

    private SubmitApplication application(String caseId, List<DocumentReference> documents) {
        Applicant applicant = new Applicant(citizen.subject(), new NationalId("A123456789"), "Lin Mei-hua",
                "mei@example.org", "0912345678");
        return new SubmitApplication(caseId, caseType, applicant, documents, "submit-" + caseId, citizen);
    }

    private long eventCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry", Long.class);
    }

    @Test
    void a_case_goes_from_submission_to_closing_and_every_step_is_an_event() throws Exception {
        givenTheCity();
        String caseId = "case-" + suffix;
        commands.sendAndWait(application(caseId, List.of(new DocumentReference("id-card-copy", "doc://1"))));

        CaseResult accepted = commands.sendAndWait(new AcceptCase(caseId, "accept-" + caseId, officer));
        assertThat(accepted.caseNumber()).startsWith(agency + "-1151207-");
        // Ten working days after Monday 7 December, with Christmas (Constitution Day) off: 22 December.
        assertThat(accepted.deadline()).isEqualTo(LocalDate.parse("2026-12-21"));

        commands.sendAndWait(new StartReview(caseId, "review-" + caseId, officer));
        clock.set("2026-12-09T10:00:00");
        commands.sendAndWait(new RequestSupplement(caseId, "photo is unreadable", List.of("photo"), "sr-" + caseId, officer));
        clock.set("2026-12-14T10:00:00");
        CaseResult supplemented = commands.sendAndWait(new ProvideSupplement(caseId,
                List.of(new DocumentReference("photo", "doc://2")), "sp-" + caseId, citizen));
        // Two working days ran before the pause (8 and 9 December); eight remain after the 14th, skipping the 25th.
        assertThat(supplemented.deadline()).isEqualTo(LocalDate.parse("2026-12-24"));
        CaseResult approved = commands.sendAndWait(new ApproveCase(caseId, "all in order", "ap-" + caseId, officer));
        assertThat(approved.status()).isEqualTo(CaseStatus.APPROVED);
        commands.sendAndWait(new CloseCase(caseId, "certificate handed over", "cl-" + caseId, officer));

        List<String> types = jdbc.queryForList(
                "SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber", String.class, caseId);
        assertThat(types).extracting(type -> type.substring(type.lastIndexOf('$') + 1)).containsExactly(
                "ApplicationSubmitted", "CaseAccepted", "CaseReviewStarted", "SupplementRequested", "SupplementProvided",
                "CaseApproved", "CaseClosed");

        Map<String, Object> acceptance = jdbc.queryForMap(
                "SELECT payload, metadata, payloadrevision FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 1",
                caseId);
        String payload = new String((byte[]) acceptance.get("payload"), java.nio.charset.StandardCharsets.UTF_8);
        JsonNode event = json.readTree(payload);
        assertThat(CasePasswordHash.matches(accepted.casePassword(), event.get("casePasswordHash").asText())).isTrue();
        assertThat(payload).doesNotContain(accepted.casePassword());
        assertThat(acceptance.get("payloadrevision")).isEqualTo("1");

        JsonNode metadata = json.readTree((byte[]) acceptance.get("metadata"));
        assertThat(metadata.get("actorSubject").asText()).isEqualTo(officer.subject());
        assertThat(metadata.get("actorRole").asText()).isEqualTo("OFFICER");
        assertThat(metadata.get("actorAgency").asText()).isEqualTo(agency);
        assertThat(metadata.get("commandId").asText()).isEqualTo("accept-" + caseId);
        assertThat(metadata.get("correlationId").asText()).isNotBlank();
        assertThat(metadata.get("causationId").asText()).isNotBlank();

        // Each step that concerns the applicant queued a notice per channel, in the step's own transaction.
        List<String> notices = jdbc.queryForList(
                "SELECT kind || '/' || channel FROM notice_outbox WHERE case_id = ? ORDER BY id", String.class, caseId);
        assertThat(notices).containsExactlyInAnyOrder(
                "APPLICATION_SUBMITTED/EMAIL", "APPLICATION_SUBMITTED/SMS", "CREDENTIALS_ISSUED/EMAIL", "CREDENTIALS_ISSUED/SMS",
                "SUPPLEMENT_REQUESTED/EMAIL", "SUPPLEMENT_REQUESTED/SMS", "CASE_APPROVED/EMAIL", "CASE_APPROVED/SMS",
                "CASE_CLOSED/EMAIL", "CASE_CLOSED/SMS");
        String credentialsBody = jdbc.queryForObject(
                "SELECT body FROM notice_outbox WHERE case_id = ? AND kind = 'CREDENTIALS_ISSUED' AND channel = 'EMAIL'",
                String.class, caseId);
        assertThat(credentialsBody).contains(accepted.caseNumber()).contains(accepted.casePassword());

        // The statutory deadline is a persistent schedule, not a timer in memory.
        Integer scheduled = jdbc.queryForObject("SELECT COUNT(*) FROM scheduled_tasks", Integer.class);
        assertThat(scheduled).isPositive();
    }

    @Test
    void registering_an_agency_twice_is_a_conflict_not_a_failure() {
        givenTheCity();
        long before = eventCount();
        assertThatThrownBy(() -> commands.sendAndWait(new RegisterAgency(agency, "Department of Tests", "ra-again-" + suffix, LOADER)))
                .isInstanceOf(org.axonframework.modelling.command.AggregateStreamCreationException.class);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_refused_command_leaves_nothing_behind() {
        givenTheCity();
        long before = eventCount();
        assertThatThrownBy(() -> commands.sendAndWait(application("case-x-" + suffix, List.of())))
                .isInstanceOf(RuleViolation.class)
                .hasMessageContaining("id-card-copy")
                .satisfies(e -> assertThat(((RuleViolation) e).field()).isEqualTo("documents"));
        assertThat(eventCount()).isEqualTo(before);

        String caseId = "case-y-" + suffix;
        commands.sendAndWait(application(caseId, List.of(new DocumentReference("id-card-copy", "doc://1"))));
        long afterSubmit = eventCount();
        Actor strangerOfficer = Actor.officer("officer-z", otherAgency);
        assertThatThrownBy(() -> commands.sendAndWait(new AcceptCase(caseId, "accept-z", strangerOfficer)))
                .isInstanceOf(RuleViolation.class)
                .satisfies(e -> assertThat(((RuleViolation) e).kind()).isEqualTo(RuleViolation.Kind.FORBIDDEN));
        assertThat(eventCount()).isEqualTo(afterSubmit);
    }
}
