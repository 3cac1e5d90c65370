package org.civicledger.command.cases;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.civicledger.command.bills.BillBook;
import org.civicledger.command.bills.BillFacts;
import org.civicledger.command.calendar.BusinessCalendar;
import org.civicledger.command.reference.ReferenceCatalog;
import org.civicledger.command.reference.ReferenceCatalog.CaseTypeTerms;
import org.civicledger.command.rules.Require;
import org.civicledger.events.cases.Applicant;
import org.civicledger.events.cases.CaseCommands.AcceptCase;
import org.civicledger.events.cases.CaseCommands.ApproveCase;
import org.civicledger.events.cases.CaseCommands.CloseCase;
import org.civicledger.events.cases.CaseCommands.ExtendDeadline;
import org.civicledger.events.cases.CaseCommands.ProvideSupplement;
import org.civicledger.events.cases.CaseCommands.RejectCase;
import org.civicledger.events.cases.CaseCommands.RequestSupplement;
import org.civicledger.events.cases.CaseCommands.StartReview;
import org.civicledger.events.cases.CaseCommands.SubmitApplication;
import org.civicledger.events.cases.CaseCommands.TransferCase;
import org.civicledger.events.cases.CaseCommands.WithdrawApplication;
import org.civicledger.events.cases.CaseEvent.ApplicationSubmitted;
import org.civicledger.events.cases.CaseEvent.ApplicationWithdrawn;
import org.civicledger.events.cases.CaseEvent.CaseAccepted;
import org.civicledger.events.cases.CaseEvent.CaseApproved;
import org.civicledger.events.cases.CaseEvent.CaseClosed;
import org.civicledger.events.cases.CaseEvent.CaseFlaggedOverdue;
import org.civicledger.events.cases.CaseEvent.CaseRejected;
import org.civicledger.events.cases.CaseEvent.CaseReviewStarted;
import org.civicledger.events.cases.CaseEvent.CaseTransferred;
import org.civicledger.events.cases.CaseEvent.DeadlineExtended;
import org.civicledger.events.cases.CaseEvent.SupplementProvided;
import org.civicledger.events.cases.CaseEvent.SupplementRequested;
import org.civicledger.events.cases.CaseStatus;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.DocumentReference;
import org.civicledger.events.common.Money;
import org.civicledger.events.payments.BillStatus;
import org.civicledger.events.common.Role;
import org.civicledger.events.common.RuleViolation;

/**
 * A case: one application for a city service, from submission to closing.
 *
 * <p>Its rules: who may move it (the applicant, or an officer of the owning agency), which step may
 * follow which, and the statutory clock — working days from the day after acceptance, paused while
 * a supplement is awaited, extended once with notice, flagged when it runs out.
 */
public class CaseFile {

    /** Deadlines fire under this name; one is pending at a time per case. */
    static final String STATUTORY_DEADLINE = "case-statutory-deadline";
    static final String APPEAL_WINDOW = "case-appeal-window";
    /** Days after a decision during which the applicant may appeal (calendar days). */
    public static final int APPEAL_WINDOW_DAYS = 30;
    public static final int DOCUMENTS_MAX = 50;
    public static final int REASON_LENGTH_MAX = 2_000;

    @AggregateIdentifier
    private String caseId;
    private String agencyCode;
    private Applicant applicant;
    private CaseStatus status;
    private int statutoryProcessingDays;
    private LocalDate deadline;
    /** The statutory clock counts working days after this date (acceptance or supplement provided). */
    private LocalDate clockRunsAfter;
    private int workingDaysUsedBeforePause;
    private Set<String> requestedDocuments = Set.of();
    private boolean extended;
    private int extraWorkingDays;
    private boolean flaggedOverdue;
    /** The case type's fee when the application was submitted; billed by {@link CaseFees}. */
    private Money fee;

    protected CaseFile() {
        // For Axon's event sourcing.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public CaseResult handle(SubmitApplication command, ReferenceCatalog catalog, Clock clock) {
        Require.code("caseId", command.caseId());
        if (command.applicant() == null) {
            throw RuleViolation.invalid("ApplicantIsNamed", "applicant", "the applicant is required");
        }
        CaseTypeTerms terms = catalog.caseType(command.caseTypeCode()).orElseThrow(() -> RuleViolation.invalid(
                "CaseTypeIsKnown", "caseTypeCode", "case type " + command.caseTypeCode() + " is not offered"));
        Actor actor = command.actor();
        boolean applicantHimself = actor.role() == Role.CITIZEN
                && actor.subject().equals(command.applicant().citizenSubject());
        if (!applicantHimself && !actor.isOfficerOf(terms.agencyCode())) {
            throw RuleViolation.forbidden("ApplicantsApplyForThemselves",
                    "a citizen applies only for themselves; an officer only at the counter of the owning agency");
        }
        List<DocumentReference> documents = documents("documents", command.documents());
        Set<String> supplied = kinds(documents);
        List<String> missing = terms.requiredDocuments().stream().filter(kind -> !supplied.contains(kind)).toList();
        if (!missing.isEmpty()) {
            throw RuleViolation.invalid("RequiredDocumentsArePresent", "documents",
                    "required documents are missing: " + String.join(", ", missing));
        }
        apply(new ApplicationSubmitted(command.caseId(), terms.caseTypeCode(), terms.agencyCode(), command.applicant(),
                documents, terms.statutoryProcessingDays(), terms.fee(), clock.instant()));
        return result(null, null);
    }

    @CommandHandler
    public CaseResult handle(AcceptCase command, CaseCredentialsIssuer issuer, ApplicantNotices notices,
                             BusinessCalendar calendar, Clock clock, DeadlineManager deadlines) {
        requireOfficerOfOwningAgency(command.actor(), "accepts");
        requireStatus("accepted", CaseStatus.SUBMITTED);
        LocalDate today = LocalDate.now(clock);
        int days = statutoryProcessingDays;
        LocalDate due = calendar.addWorkingDays(today, days);
        CaseCredentials credentials = issuer.issue(agencyCode, today);
        apply(new CaseAccepted(caseId, credentials.caseNumber(), credentials.casePasswordHash(), today, days, due));
        scheduleStatutoryDeadline(deadlines, clock);
        notices.credentialsIssued(caseId, applicant, credentials);
        return result(credentials.caseNumber(), credentials.casePassword());
    }

    @CommandHandler
    public CaseResult handle(StartReview command) {
        requireOfficerOfOwningAgency(command.actor(), "reviews");
        requireStatus("taken into review", CaseStatus.ACCEPTED);
        apply(new CaseReviewStarted(caseId, command.actor().subject()));
        return result(null, null);
    }

    @CommandHandler
    public CaseResult handle(RequestSupplement command, BusinessCalendar calendar, Clock clock, DeadlineManager deadlines) {
        requireOfficerOfOwningAgency(command.actor(), "requests supplements");
        requireStatus("asked for a supplement", CaseStatus.ACCEPTED, CaseStatus.IN_REVIEW);
        Require.text("reason", command.reason(), REASON_LENGTH_MAX);
        List<String> requested = command.requestedDocuments() == null ? List.of() : List.copyOf(command.requestedDocuments());
        if (requested.size() > DOCUMENTS_MAX) {
            throw RuleViolation.invalid("DocumentsWithinLimit", "requestedDocuments", "at most " + DOCUMENTS_MAX + " documents");
        }
        requested.forEach(kind -> Require.code("requestedDocuments", kind));
        LocalDate today = LocalDate.now(clock);
        int used = workingDaysUsedBeforePause + calendar.workingDaysBetween(clockRunsAfter, today);
        apply(new SupplementRequested(caseId, command.reason(), requested, today, used));
        deadlines.cancelAllWithinScope(STATUTORY_DEADLINE);
        return result(null, null);
    }

    @CommandHandler
    public CaseResult handle(ProvideSupplement command, BusinessCalendar calendar, Clock clock, DeadlineManager deadlines) {
        requireApplicantOrOfficer(command.actor(), "provides a supplement");
        requireStatus("supplemented", CaseStatus.SUPPLEMENT_REQUESTED);
        List<DocumentReference> documents = documents("documents", command.documents());
        if (documents.isEmpty()) {
            throw RuleViolation.invalid("SupplementHasDocuments", "documents", "a supplement brings at least one document");
        }
        Set<String> supplied = kinds(documents);
        List<String> missing = requestedDocuments.stream().filter(kind -> !supplied.contains(kind)).sorted().toList();
        if (!missing.isEmpty()) {
            throw RuleViolation.invalid("RequestedDocumentsArePresent", "documents",
                    "requested documents are missing: " + String.join(", ", missing));
        }
        LocalDate today = LocalDate.now(clock);
        int remaining = Math.max(0, statutoryProcessingDays + extraWorkingDays - workingDaysUsedBeforePause);
        apply(new SupplementProvided(caseId, documents, today, calendar.addWorkingDays(today, remaining)));
        scheduleStatutoryDeadline(deadlines, clock);
        return result(null, null);
    }

    @CommandHandler
    public CaseResult handle(ExtendDeadline command, BusinessCalendar calendar, Clock clock, DeadlineManager deadlines) {
        requireOfficerOfOwningAgency(command.actor(), "extends deadlines");
        requireStatus("given more time", CaseStatus.ACCEPTED, CaseStatus.IN_REVIEW, CaseStatus.SUPPLEMENT_REQUESTED);
        if (extended) {
            throw RuleViolation.conflict("DeadlineIsExtendedOnce", "case " + caseId + " was extended already; a case is extended once");
        }
        if (command.extraWorkingDays() < 1 || command.extraWorkingDays() > statutoryProcessingDays) {
            throw RuleViolation.invalid("ExtensionWithinStatutoryDays", "extraWorkingDays",
                    "an extension is 1 to " + statutoryProcessingDays + " working days, at most the statutory time again");
        }
        Require.text("notice", command.notice(), REASON_LENGTH_MAX);
        LocalDate newDeadline = calendar.addWorkingDays(deadline, command.extraWorkingDays());
        apply(new DeadlineExtended(caseId, command.extraWorkingDays(), command.notice(), deadline, newDeadline));
        if (status != CaseStatus.SUPPLEMENT_REQUESTED) {
            deadlines.cancelAllWithinScope(STATUTORY_DEADLINE);
            scheduleStatutoryDeadline(deadlines, clock);
        }
        return result(null, null);
    }

    @CommandHandler
    public CaseResult handle(ApproveCase command, BillBook bills, BusinessCalendar calendar, Clock clock, DeadlineManager deadlines) {
        Decision decision = decide(command.actor(), "approved", command.reason(), calendar, clock);
        requireFeePaid(bills);
        apply(new CaseApproved(caseId, command.reason(), decision.on(), decision.workingDaysTaken(), decision.withinDeadline(),
                decision.appealWindowEndsOn()));
        scheduleAppealWindow(deadlines, clock, decision.appealWindowEndsOn());
        return result(null, null);
    }

    @CommandHandler
    public CaseResult handle(RejectCase command, BusinessCalendar calendar, Clock clock, DeadlineManager deadlines) {
        Decision decision = decide(command.actor(), "rejected", command.reason(), calendar, clock);
        apply(new CaseRejected(caseId, command.reason(), decision.on(), decision.workingDaysTaken(), decision.withinDeadline(),
                decision.appealWindowEndsOn()));
        scheduleAppealWindow(deadlines, clock, decision.appealWindowEndsOn());
        return result(null, null);
    }

    @CommandHandler
    public CaseResult handle(WithdrawApplication command, Clock clock, DeadlineManager deadlines) {
        Actor actor = command.actor();
        boolean applicantHimself = actor.role() == Role.CITIZEN && actor.subject().equals(applicant.citizenSubject());
        // An applicant without a citizen account withdraws in writing at the counter of the agency.
        boolean counterWithdrawal = applicant.citizenSubject() == null && actor.isOfficerOf(agencyCode);
        if (!applicantHimself && !counterWithdrawal) {
            throw RuleViolation.forbidden("OnlyTheApplicantWithdraws", "only the applicant withdraws an application");
        }
        if (!status.isOpen()) {
            throw RuleViolation.conflict("WithdrawalBeforeDecision",
                    "case " + caseId + " is " + describe(status) + "; an application is withdrawn only before a decision");
        }
        Require.text("reason", command.reason(), REASON_LENGTH_MAX);
        apply(new ApplicationWithdrawn(caseId, command.reason(), LocalDate.now(clock)));
        deadlines.cancelAllWithinScope(STATUTORY_DEADLINE);
        return result(null, null);
    }

    @CommandHandler
    public CaseResult handle(TransferCase command, ReferenceCatalog catalog) {
        requireOfficerOfOwningAgency(command.actor(), "transfers cases");
        if (!status.isOpen()) {
            throw RuleViolation.conflict("TransferBeforeDecision",
                    "case " + caseId + " is " + describe(status) + "; only an open case is transferred");
        }
        Require.code("toAgencyCode", command.toAgencyCode());
        if (command.toAgencyCode().equals(agencyCode)) {
            throw RuleViolation.invalid("TransferGoesElsewhere", "toAgencyCode", "case " + caseId + " is with " + agencyCode + " already");
        }
        if (!catalog.agencyExists(command.toAgencyCode())) {
            throw RuleViolation.invalid("TransferToKnownAgency", "toAgencyCode", "agency " + command.toAgencyCode() + " is not registered");
        }
        Require.text("reason", command.reason(), REASON_LENGTH_MAX);
        apply(new CaseTransferred(caseId, agencyCode, command.toAgencyCode(), command.reason()));
        return result(null, null);
    }

    @CommandHandler
    public CaseResult handle(CloseCase command, Clock clock) {
        Actor actor = command.actor();
        if (actor.role() != Role.SYSTEM && !actor.isOfficerOf(agencyCode)) {
            throw RuleViolation.forbidden("OwningAgencyCloses", "only an officer of " + agencyCode + " closes case " + caseId);
        }
        requireStatus("closed", CaseStatus.APPROVED, CaseStatus.REJECTED);
        Require.text("reason", command.reason(), REASON_LENGTH_MAX);
        apply(new CaseClosed(caseId, command.reason(), LocalDate.now(clock)));
        return result(null, null);
    }

    /** The statutory clock ran out: flag the case, unless the deadline moved or the case moved on meanwhile. */
    @DeadlineHandler(deadlineName = STATUTORY_DEADLINE)
    public void onStatutoryDeadline(LocalDate dueOn, Clock clock) {
        if (flaggedOverdue || !status.isOpen() || status == CaseStatus.SUPPLEMENT_REQUESTED || !dueOn.equals(deadline)) {
            return;
        }
        apply(new CaseFlaggedOverdue(caseId, deadline, LocalDate.now(clock)));
    }

    /** Nobody appealed within the window (appeals are handled outside the ledger): the case closes itself. */
    @DeadlineHandler(deadlineName = APPEAL_WINDOW)
    public void onAppealWindowEnd(LocalDate windowEndsOn, Clock clock) {
        if (status == CaseStatus.APPROVED || status == CaseStatus.REJECTED) {
            apply(new CaseClosed(caseId, "appeal window ended on " + windowEndsOn, LocalDate.now(clock)));
        }
    }

    private record Decision(LocalDate on, int workingDaysTaken, boolean withinDeadline, LocalDate appealWindowEndsOn) {
    }

    /** The rules every decision shares, and the facts it records: day, working days taken, appeal window. */
    private Decision decide(Actor actor, String outcome, String reason, BusinessCalendar calendar, Clock clock) {
        requireOfficerOfOwningAgency(actor, "decides");
        requireStatus(outcome, CaseStatus.IN_REVIEW);
        Require.text("reason", reason, REASON_LENGTH_MAX);
        LocalDate today = LocalDate.now(clock);
        int taken = workingDaysUsedBeforePause + calendar.workingDaysBetween(clockRunsAfter, today);
        // The appeal window is counted in calendar days; when it ends on a day off it runs to the next working day.
        LocalDate appealEnds = calendar.onOrNextWorkingDay(today.plusDays(APPEAL_WINDOW_DAYS));
        return new Decision(today, taken, !today.isAfter(deadline), appealEnds);
    }

    /**
     * A case with a fee is approved only once its fee bill is paid (or cancelled by the agency: the fee waived).
     * A case without a fee bill was submitted before the ledger billed fees, or had no fee: nothing to wait for.
     */
    private void requireFeePaid(BillBook bills) {
        if (!CaseFees.isBillable(fee)) {
            return;
        }
        String billId = CaseFees.billIdOf(caseId);
        BillStatus billStatus = bills.bill(billId).map(BillFacts::status).orElse(null);
        if (billStatus != null && billStatus.isPayable()) {
            throw RuleViolation.conflict("FeeIsPaidBeforeApproval", "case " + caseId + " waits for its fee of "
                    + fee.amountMinor() + " " + fee.currency() + " (bill " + billId + ", " + billStatus.name().toLowerCase()
                    + "); a case with a fee is approved once the fee is paid");
        }
    }

    private void scheduleStatutoryDeadline(DeadlineManager deadlines, Clock clock) {
        deadlines.schedule(endOf(deadline, clock), STATUTORY_DEADLINE, deadline);
    }

    private void scheduleAppealWindow(DeadlineManager deadlines, Clock clock, LocalDate endsOn) {
        deadlines.cancelAllWithinScope(STATUTORY_DEADLINE);
        deadlines.schedule(endOf(endsOn, clock), APPEAL_WINDOW, endsOn);
    }

    /** A deadline day runs to its end in the city's time zone. */
    private static Instant endOf(LocalDate date, Clock clock) {
        return date.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
    }

    private void requireOfficerOfOwningAgency(Actor actor, String verb) {
        if (!actor.isOfficerOf(agencyCode)) {
            throw RuleViolation.forbidden("OwningAgencyDecides",
                    "only an officer of " + agencyCode + ", the agency that owns case " + caseId + ", " + verb);
        }
    }

    private void requireApplicantOrOfficer(Actor actor, String verb) {
        boolean applicantHimself = actor.role() == Role.CITIZEN && actor.subject().equals(applicant.citizenSubject());
        if (!applicantHimself && !actor.isOfficerOf(agencyCode)) {
            throw RuleViolation.forbidden("ApplicantOrOwningAgency",
                    "only the applicant or an officer of " + agencyCode + " " + verb + " for case " + caseId);
        }
    }

    private void requireStatus(String wanted, CaseStatus... allowed) {
        for (CaseStatus candidate : allowed) {
            if (status == candidate) {
                return;
            }
        }
        throw RuleViolation.conflict("LifecycleOrder", "case " + caseId + " is " + describe(status) + " and cannot be " + wanted);
    }

    private static String describe(CaseStatus status) {
        return status.name().toLowerCase().replace('_', ' ');
    }

    private static List<DocumentReference> documents(String field, List<DocumentReference> documents) {
        List<DocumentReference> list = documents == null ? List.of() : List.copyOf(documents);
        if (list.size() > DOCUMENTS_MAX) {
            throw RuleViolation.invalid("DocumentsWithinLimit", field, "at most " + DOCUMENTS_MAX + " documents");
        }
        return list;
    }

    private static Set<String> kinds(List<DocumentReference> documents) {
        Set<String> kinds = new HashSet<>();
        documents.forEach(document -> kinds.add(document.kind()));
        return kinds;
    }

    private CaseResult result(String caseNumber, String casePassword) {
        return new CaseResult(caseId, status, caseNumber, casePassword, deadline);
    }

    @EventSourcingHandler
    void on(ApplicationSubmitted event) {
        caseId = event.caseId();
        agencyCode = event.agencyCode();
        applicant = event.applicant();
        statutoryProcessingDays = event.statutoryProcessingDays();
        fee = event.fee();
        status = CaseStatus.SUBMITTED;
    }

    @EventSourcingHandler
    void on(CaseAccepted event) {
        status = CaseStatus.ACCEPTED;
        statutoryProcessingDays = event.statutoryProcessingDays();
        deadline = event.deadline();
        clockRunsAfter = event.acceptedOn();
    }

    @EventSourcingHandler
    void on(CaseReviewStarted event) {
        status = CaseStatus.IN_REVIEW;
    }

    @EventSourcingHandler
    void on(SupplementRequested event) {
        status = CaseStatus.SUPPLEMENT_REQUESTED;
        workingDaysUsedBeforePause = event.workingDaysUsed();
        requestedDocuments = Set.copyOf(event.requestedDocuments());
    }

    @EventSourcingHandler
    void on(SupplementProvided event) {
        // Supplied documents go back to review: the reviewer looks at them before deciding.
        status = CaseStatus.IN_REVIEW;
        clockRunsAfter = event.providedOn();
        deadline = event.deadline();
        requestedDocuments = Set.of();
        flaggedOverdue = false;
    }

    @EventSourcingHandler
    void on(DeadlineExtended event) {
        extended = true;
        extraWorkingDays = event.extraWorkingDays();
        deadline = event.deadline();
        flaggedOverdue = false;
    }

    @EventSourcingHandler
    void on(CaseFlaggedOverdue event) {
        flaggedOverdue = true;
    }

    @EventSourcingHandler
    void on(CaseApproved event) {
        status = CaseStatus.APPROVED;
    }

    @EventSourcingHandler
    void on(CaseRejected event) {
        status = CaseStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(ApplicationWithdrawn event) {
        status = CaseStatus.WITHDRAWN;
    }

    @EventSourcingHandler
    void on(CaseTransferred event) {
        agencyCode = event.toAgencyCode();
    }

    @EventSourcingHandler
    void on(CaseClosed event) {
        status = CaseStatus.CLOSED;
    }
}
