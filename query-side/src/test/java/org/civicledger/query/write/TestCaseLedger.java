package org.civicledger.query.write;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.civicledger.events.cases.CaseCommands.AcceptCase;
import org.civicledger.events.cases.CaseCommands.ApproveCase;
import org.civicledger.events.cases.CaseCommands.CloseCase;
import org.civicledger.events.cases.CaseCommands.RejectCase;
import org.civicledger.events.cases.CaseCommands.StartReview;
import org.civicledger.events.cases.CaseCommands.SubmitApplication;
import org.civicledger.events.cases.CaseCommands.WithdrawApplication;
import org.civicledger.events.cases.CaseStatus;
import org.civicledger.events.common.DocumentReference;
import org.civicledger.events.common.LedgerCommand;
import org.civicledger.events.common.RuleViolation;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A stand-in for the command side in query-side's tests: a few case rules, enough to exercise every
 * answer of the API, with events recorded as rows of {@code domainevententry} only when a command succeeds.
 *
 * <p>Special reasons trigger failures: {@code "wait"} blocks an approval until {@link #release()},
 * {@code "race"} fails a rejection as a concurrent writer would, {@code "boom"} fails a withdrawal.
 */
public class TestCaseLedger {

    static final String CASE_TYPE = "BUILDING-PERMIT";
    static final String REQUIRED_DOCUMENT = "ID_COPY";

    /** What the command side's handlers answer; same property names as its CaseResult. */
    public record Result(String caseId, CaseStatus status, String caseNumber, String casePassword, LocalDate deadline) {
    }

    private final JdbcTemplate jdbc;
    private final Map<String, CaseStatus> cases = new ConcurrentHashMap<>();
    private volatile MetaData lastMetaData = MetaData.emptyInstance();
    private volatile Object lastCommand;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile CountDownLatch entered = new CountDownLatch(1);

    public TestCaseLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void subscribe(SimpleCommandBus bus) {
        handle(bus, SubmitApplication.class, (command, meta) -> {
            if (!CASE_TYPE.equals(command.caseTypeCode())) {
                throw RuleViolation.invalid("CaseTypeIsKnown", "caseTypeCode", "case type " + command.caseTypeCode() + " is not offered");
            }
            if (command.documents().stream().map(DocumentReference::kind).noneMatch(REQUIRED_DOCUMENT::equals)) {
                throw RuleViolation.invalid("RequiredDocumentsArePresent", "documents", "required documents are missing: " + REQUIRED_DOCUMENT);
            }
            if (cases.putIfAbsent(command.caseId(), CaseStatus.SUBMITTED) != null) {
                throw new AggregateStreamCreationException("case exists");
            }
            return record(command.caseId(), "ApplicationSubmitted", new Result(command.caseId(), CaseStatus.SUBMITTED, null, null, null));
        });
        handle(bus, AcceptCase.class, (command, meta) -> {
            move(command.caseId(), CaseStatus.SUBMITTED, CaseStatus.ACCEPTED, command);
            return record(command.caseId(), "CaseAccepted",
                    new Result(command.caseId(), CaseStatus.ACCEPTED, "A-2026-000001", "pw-123456", LocalDate.of(2026, 12, 31)));
        });
        handle(bus, StartReview.class, (command, meta) -> {
            move(command.caseId(), CaseStatus.ACCEPTED, CaseStatus.IN_REVIEW, command);
            return record(command.caseId(), "CaseReviewStarted", result(command.caseId()));
        });
        handle(bus, ApproveCase.class, (command, meta) -> {
            if ("wait".equals(command.reason())) {
                entered.countDown();
                await(gate);
            }
            move(command.caseId(), CaseStatus.IN_REVIEW, CaseStatus.APPROVED, command);
            return record(command.caseId(), "CaseApproved", result(command.caseId()));
        });
        handle(bus, RejectCase.class, (command, meta) -> {
            if ("race".equals(command.reason())) {
                throw new ConcurrencyException("another writer appended first");
            }
            move(command.caseId(), CaseStatus.IN_REVIEW, CaseStatus.REJECTED, command);
            return record(command.caseId(), "CaseRejected", result(command.caseId()));
        });
        handle(bus, WithdrawApplication.class, (command, meta) -> {
            if ("boom".equals(command.reason())) {
                throw new IllegalStateException("the disk is full at /var/lib/ledger");
            }
            throw RuleViolation.forbidden("OnlyTheApplicantWithdraws", "only the applicant withdraws an application");
        });
        handle(bus, CloseCase.class, (command, meta) -> {
            move(command.caseId(), CaseStatus.APPROVED, CaseStatus.CLOSED, command);
            return record(command.caseId(), "CaseClosed", result(command.caseId()));
        });
        handle(bus, RegisterAgency.class, (command, meta) -> {
            record(command.agencyCode(), "AgencyRegistered", null);
            return null;
        });
    }

    /** Makes the next approval with reason "wait" block until {@link #release()}. */
    void hold() {
        gate = new CountDownLatch(1);
        entered = new CountDownLatch(1);
    }

    boolean awaitHeld() throws InterruptedException {
        return entered.await(10, TimeUnit.SECONDS);
    }

    void release() {
        gate.countDown();
    }

    MetaData lastMetaData() {
        return lastMetaData;
    }

    /** The last command that reached the bus, as the HTTP layer built it. */
    Object lastCommand() {
        return lastCommand;
    }

    int eventCount() {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry", Integer.class);
        return count == null ? 0 : count;
    }

    private <C extends LedgerCommand> void handle(SimpleCommandBus bus, Class<C> type, BiFunction<C, MetaData, Object> handler) {
        bus.subscribe(type.getName(), (CommandMessage<?> message) -> {
            lastMetaData = message.getMetaData();
            lastCommand = message.getPayload();
            return handler.apply(type.cast(message.getPayload()), message.getMetaData());
        });
    }

    private void move(String caseId, CaseStatus from, CaseStatus to, LedgerCommand command) {
        CaseStatus current = cases.get(caseId);
        if (current == null) {
            throw new AggregateNotFoundException(caseId, "no case " + caseId);
        }
        if (!command.actor().isOfficerOf("DBU")) {
            throw RuleViolation.forbidden("OwningAgencyDecides", "only an officer of DBU moves case " + caseId);
        }
        if (current != from || !cases.replace(caseId, from, to)) {
            throw RuleViolation.conflict("LifecycleOrder", "case " + caseId + " is " + current + " and cannot become " + to);
        }
    }

    private Result result(String caseId) {
        return new Result(caseId, cases.get(caseId), null, null, LocalDate.of(2026, 12, 31));
    }

    private <R> R record(String aggregateId, String type, R result) {
        Integer sequence = jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier = ?", Integer.class,
                aggregateId);
        jdbc.update("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, payloadtype) VALUES (?, ?, ?)",
                aggregateId, sequence, type);
        return result;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
