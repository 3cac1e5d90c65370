package org.civicledger.ops.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.civicledger.command.cases.CaseFees;
import org.civicledger.command.cases.CaseResult;
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
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.DocumentReference;
import org.civicledger.events.common.Money;
import org.civicledger.events.payments.CallbackOutcome;
import org.civicledger.events.payments.PaymentCommands.InitiatePayment;
import org.civicledger.events.payments.PaymentCommands.RecordProviderCallback;
import org.civicledger.events.reference.PaymentReferenceCommands.RegisterPaymentProvider;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.civicledger.events.reference.ReferenceCommands.RegisterCaseType;
import org.civicledger.ops.LedgerClock;
import org.civicledger.ops.demo.DemoCity.CaseSpec;
import org.civicledger.ops.demo.DemoCity.CaseTypeSpec;
import org.civicledger.ops.demo.DemoCity.TargetState;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Loads a {@link DemoCity} into the ledger through the command gateway, so every row it leaves is the result
 * of an event: calendars, agencies, case types, then cases driven to their target states.
 *
 * <p>Commands go out from a small pool of threads (the command bus runs a command on the sending thread);
 * each case's commands run in order on one thread, different cases run side by side. Reference data is
 * registered before any case, agencies before case types, because each step checks the one before.
 */
public final class DemoCityLoader {

    /** The actor of everything the loader registers; it shows in every reference event's envelope. */
    public static final Actor LOADER = Actor.system("demo-loader");
    private static final int FAILURES_SHOWN_MAX = 5;
    /** Case fees are paid through pay.taipei, the city's own wallet (registered before any case). */
    static final String CASE_FEE_PROVIDER = "PAY-TAIPEI";
    static final String CASE_FEE_CHANNEL = "app";
    /** How long the loader waits for a paid fee's settlement before it approves the case. */
    private static final Duration SETTLEMENT_WAIT = Duration.ofSeconds(60);

    private final CommandGateway gateway;
    private final JdbcTemplate jdbc;
    private final int threads;
    private final PrintStream out;
    /** Business time of the cases' commands; null: every case happens now (no history). */
    private final LedgerClock clock;

    public DemoCityLoader(CommandGateway gateway, JdbcTemplate jdbc, int threads, PrintStream out) {
        this(gateway, jdbc, threads, out, null);
    }

    /**
     * @param clock when given, each case's commands are sent at business times spread over the past months
     *              ({@link DemoHistory}), on the sending thread only; the events' recorded time stays real
     */
    public DemoCityLoader(CommandGateway gateway, JdbcTemplate jdbc, int threads, PrintStream out, LedgerClock clock) {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("threads must be between 1 and 64");
        }
        this.gateway = gateway;
        this.jdbc = jdbc;
        this.threads = threads;
        this.out = out;
        this.clock = clock;
    }

    /** A case accepted in this run, with the password only acceptance reveals. */
    public record SampleCase(String caseId, String caseNumber, String casePassword, String caseTypeCode, String agencyCode) {
        @Override
        public String toString() {
            return "SampleCase[" + caseId + ", " + caseNumber + "]";
        }
    }

    /** What a load did and how long it took. */
    public record LoadReport(int agencies, int caseTypes, int cases, int commands, int failures,
                             Map<TargetState, Integer> casesByState, Duration referenceTime, Duration caseTime,
                             SampleCase sample) {

        public double commandsPerSecond() {
            Duration total = referenceTime.plus(caseTime);
            return total.isZero() ? 0 : commands * 1000.0 / total.toMillis();
        }
    }

    public int agencyCount() {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM cmd_agency", Integer.class);
        return count == null ? 0 : count;
    }

    public int caseTypeCount() {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM cmd_case_type", Integer.class);
        return count == null ? 0 : count;
    }

    /** Publishes each shipped calendar year the ledger does not have yet; answers the years published now. */
    public List<Integer> publishMissingCalendars() {
        List<Integer> published = new ArrayList<>();
        for (int year : CalendarData.SHIPPED_YEARS) {
            Integer present = jdbc.queryForObject("SELECT COUNT(*) FROM cmd_calendar_year WHERE calendar_year = ?",
                    Integer.class, year);
            if (present != null && present > 0) {
                continue;
            }
            CalendarData data = CalendarData.load(year);
            gateway.sendAndWait(data.toCommand(LOADER));
            published.add(year);
        }
        return published;
    }

    /** Registers the city's agencies and case types and brings {@code caseCount} cases to their target states. */
    public LoadReport load(DemoCity city, int caseCount) {
        if (caseCount < 0 || caseCount > 1_000_000) {
            throw new IllegalArgumentException("case count must be between 0 and 1,000,000");
        }
        AtomicInteger commands = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "demo-loader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            long start = System.nanoTime();
            runAll(pool, city.agencies(), agency -> send(new RegisterAgency(agency.code(), agency.name(),
                    "demo-agency-" + agency.code(), LOADER), commands), failures);
            registerCaseFeeProvider(commands);
            // The generated city's types issue no certificate; the documents demo registers one that does (DemoDocuments).
            runAll(pool, city.caseTypes(), type -> send(new RegisterCaseType(type.code(), type.agencyCode(), type.name(),
                    type.requiredDocuments(), Money.twd(type.feeTwd()), type.statutoryDays(), false, "demo-case-type-" + type.code(),
                    LOADER), commands), failures);
            long referenceDone = System.nanoTime();
            out.printf("  registered %d agencies and %d case types in %.1f s%n", city.agencies().size(),
                    city.caseTypes().size(), (referenceDone - start) / 1e9);

            List<CaseSpec> cases = city.cases(caseCount);
            Map<TargetState, AtomicInteger> reached = new EnumMap<>(TargetState.class);
            for (TargetState state : TargetState.values()) {
                reached.put(state, new AtomicInteger());
            }
            AtomicReference<SampleCase> sample = new AtomicReference<>();
            AtomicInteger done = new AtomicInteger();
            runAll(pool, cases, spec -> {
                SampleCase accepted = drive(spec, commands, true);
                if (accepted != null) {
                    sample.compareAndSet(null, accepted);
                }
                reached.get(spec.target()).incrementAndGet();
                int finished = done.incrementAndGet();
                if (finished % 1000 == 0) {
                    out.printf("  %d of %d cases loaded%n", finished, cases.size());
                }
            }, failures);
            long casesDone = System.nanoTime();
            Map<TargetState, Integer> byState = new EnumMap<>(TargetState.class);
            reached.forEach((state, count) -> byState.put(state, count.get()));
            return new LoadReport(city.agencies().size(), city.caseTypes().size(), cases.size(), commands.get(), failures.get(),
                    byState, Duration.ofNanos(referenceDone - start), Duration.ofNanos(casesDone - referenceDone), sample.get());
        } finally {
            pool.shutdown();
            try {
                pool.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Submits one new case of {@code caseType} and accepts it, for a case number and password to show when
     * the city was loaded by an earlier run (a password is known only at acceptance).
     */
    public SampleCase submitAndAccept(DemoCity city, CaseTypeSpec caseType, String caseId) {
        CaseSpec spec = city.caseNumber(1);
        CaseSpec fresh = new CaseSpec(0, caseId, caseType, spec.applicant(), TargetState.ACCEPTED, null, 1, false);
        return drive(fresh, new AtomicInteger(), false);
    }

    private <T> void runAll(ExecutorService pool, List<T> items, Consumer<T> action, AtomicInteger failures) {
        List<CompletableFuture<Void>> futures = new ArrayList<>(items.size());
        for (T item : items) {
            futures.add(CompletableFuture.runAsync(() -> action.accept(item), pool).exceptionally(failure -> {
                if (failures.incrementAndGet() <= FAILURES_SHOWN_MAX) {
                    Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                    out.println("  failed: " + item + ": " + cause);
                }
                return null;
            }));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    }

    /** Takes one case through the steps to its target state; answers its credentials when it was accepted. */
    private SampleCase drive(CaseSpec spec, AtomicInteger commands, boolean history) {
        Timeline timeline = history ? timeline(spec) : new Timeline(List.of());
        String caseId = spec.caseId();
        CaseTypeSpec type = spec.caseType();
        Actor citizen = Actor.citizen(spec.applicant().citizenSubject());
        Actor officer = Actor.officer(DemoCity.officerSubject(type.agencyCode()), type.agencyCode());
        List<DocumentReference> documents = type.requiredDocuments().stream()
                .map(kind -> new DocumentReference(kind, "mydoc://demo/" + caseId + "/" + kind))
                .toList();
        send(new SubmitApplication(caseId, type.code(), spec.applicant(), documents, id(caseId, "submit"), citizen), commands, timeline);
        if (type.feeTwd() > 0 && paysFee(spec)) {
            payFee(caseId, type.feeTwd(), citizen, commands, timeline.last());
        }
        TargetState target = spec.target();
        if (target == TargetState.SUBMITTED) {
            return null;
        }
        CaseResult accepted = send(new AcceptCase(caseId, id(caseId, "accept"), officer), commands, timeline);
        SampleCase sample = new SampleCase(caseId, accepted.caseNumber(), accepted.casePassword(), type.code(), type.agencyCode());
        switch (target) {
            case ACCEPTED -> { }
            case WITHDRAWN -> send(new WithdrawApplication(caseId, "申請人撤回 the applicant no longer needs the service",
                    id(caseId, "withdraw"), citizen), commands, timeline);
            case TRANSFERRED -> send(new TransferCase(caseId, spec.transferToAgencyCode(), "非本機關權責 another agency is competent",
                    id(caseId, "transfer"), officer), commands, timeline);
            default -> {
                send(new StartReview(caseId, id(caseId, "review"), officer), commands, timeline);
                review(spec, officer, citizen, commands, timeline);
            }
        }
        return sample;
    }

    private void review(CaseSpec spec, Actor officer, Actor citizen, AtomicInteger commands, Timeline timeline) {
        String caseId = spec.caseId();
        switch (spec.target()) {
            case IN_REVIEW -> { }
            case SUPPLEMENT_REQUESTED, SUPPLEMENT_PROVIDED -> {
                send(new RequestSupplement(caseId, "請補正文件 please supply a signed statement", List.of("supplementary-statement"),
                        id(caseId, "supplement-request"), officer), commands, timeline);
                if (spec.target() == TargetState.SUPPLEMENT_PROVIDED) {
                    send(new ProvideSupplement(caseId, List.of(new DocumentReference("supplementary-statement",
                            "mydoc://demo/" + caseId + "/supplementary-statement")), id(caseId, "supplement"), citizen),
                            commands, timeline);
                }
            }
            case EXTENDED -> send(new ExtendDeadline(caseId, spec.extensionDays(), "案情複雜，延長處理期間 the case needs more time",
                    id(caseId, "extend"), officer), commands, timeline);
            case APPROVED, REJECTED, CLOSED -> {
                boolean reject = spec.target() == TargetState.REJECTED || (spec.target() == TargetState.CLOSED && spec.rejected());
                if (reject) {
                    send(new RejectCase(caseId, "不符申請資格 the applicant does not qualify", id(caseId, "reject"), officer),
                            commands, timeline);
                } else {
                    awaitFeeSettled(caseId, spec.caseType().feeTwd());
                    send(new ApproveCase(caseId, "符合規定 the application meets the requirements", id(caseId, "approve"), officer),
                            commands, timeline);
                }
                if (spec.target() == TargetState.CLOSED) {
                    send(new CloseCase(caseId, "結案 decision delivered", id(caseId, "close"), officer), commands, timeline);
                }
            }
            default -> throw new IllegalStateException("no review path to " + spec.target());
        }
    }

    /**
     * Who pays their case's fee at once: everyone whose case will be approved (approval waits for it), and most
     * others; about one applicant in four whose case is still open has not paid yet (their bill shows open, or
     * overdue after its 14 days), and a withdrawn or rejected application's unpaid bill is cancelled.
     */
    private static boolean paysFee(CaseSpec spec) {
        boolean approved = switch (spec.target()) {
            case APPROVED -> true;
            case CLOSED -> !spec.rejected();
            default -> false;
        };
        return approved || Math.floorMod(spec.caseId().hashCode() * 31 + 7, 4) != 0;
    }

    private void registerCaseFeeProvider(AtomicInteger commands) {
        Integer present = jdbc.queryForObject("SELECT COUNT(*) FROM cmd_payment_provider WHERE provider_code = ?", Integer.class,
                CASE_FEE_PROVIDER);
        if (present != null && present > 0) {
            return;
        }
        DemoPayments.ProviderSpec provider = new DemoPayments(0).provider(CASE_FEE_PROVIDER);
        send(new RegisterPaymentProvider(provider.code(), provider.name(), provider.kind(), provider.channels(),
                provider.callbackSecretRef(), "demo-provider-" + provider.code(), LOADER), commands);
    }

    /**
     * The applicant pays the case's fee bill (issued with the application) through pay.taipei some minutes after
     * submitting; the provider's callback is recorded with the command the callback endpoint sends once it has
     * checked the signature (the demo's bills go through the signature itself: DemoPaymentsLoader).
     */
    private void payFee(String caseId, long feeTwd, Actor citizen, AtomicInteger commands, Instant submittedAt) {
        String billId = CaseFees.billIdOf(caseId);
        String paymentId = "pay-" + billId;
        Runnable pay = () -> {
            send(new InitiatePayment(paymentId, List.of(billId), CASE_FEE_PROVIDER, CASE_FEE_CHANNEL, paymentId + "-initiate", citizen),
                    commands);
            send(new RecordProviderCallback(paymentId, CASE_FEE_PROVIDER, "evt-" + paymentId, CallbackOutcome.SUCCEEDED,
                    Money.twd(feeTwd), null, paymentId + "-callback", Actor.system("provider:" + CASE_FEE_PROVIDER)), commands);
        };
        if (submittedAt == null || clock == null) {
            pay.run();
        } else {
            Instant paidAt = submittedAt.plusSeconds(300 + Math.floorMod(caseId.hashCode(), 1_800));
            Instant latest = Instant.now().minusSeconds(30);
            clock.at(paidAt.isAfter(latest) ? (submittedAt.isAfter(latest) ? submittedAt : latest) : paidAt, () -> {
                pay.run();
                return null;
            });
        }
    }

    /** The payment's settlement marks the bill paid in its own processor; approval waits for that. */
    private void awaitFeeSettled(String caseId, long feeTwd) {
        if (feeTwd <= 0) {
            return;
        }
        String billId = CaseFees.billIdOf(caseId);
        try {
            org.awaitility.Awaitility.await().atMost(SETTLEMENT_WAIT).pollInterval(Duration.ofMillis(20)).until(() ->
                    jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier = ? "
                            + "AND payloadtype LIKE '%BillPaid'", Integer.class, billId) > 0);
        } catch (org.awaitility.core.ConditionTimeoutException late) {
            throw new IllegalStateException("the fee bill " + billId + " was not settled within " + SETTLEMENT_WAIT, late);
        }
    }

    private static String id(String caseId, String step) {
        return caseId + "-" + step;
    }

    @SuppressWarnings("unchecked")
    private <R> R send(Object command, AtomicInteger commands) {
        R result = (R) gateway.sendAndWait(command);
        commands.incrementAndGet();
        return result;
    }

    /** Sends a case's next command at its business time (the command bus runs it on this thread). */
    private <R> R send(Object command, AtomicInteger commands, Timeline timeline) {
        Instant at = timeline.next();
        return at == null ? send(command, commands) : clock.at(at, () -> send(command, commands));
    }

    private Timeline timeline(CaseSpec spec) {
        if (clock == null) {
            return new Timeline(List.of());
        }
        Instant now = Instant.now();
        return new Timeline(DemoHistory.plan(spec, LocalDate.now(clock), now.minusSeconds(60), clock.getZone()));
    }

    /** The business instants of one case's commands, taken in order; none left (or none planned): now. */
    private static final class Timeline {
        private final List<Instant> instants;
        private int next;

        Timeline(List<Instant> instants) {
            this.instants = instants;
        }

        Instant next() {
            return next < instants.size() ? instants.get(next++) : null;
        }

        /** The instant of the step taken last; null when there is none or no history is planned. */
        Instant last() {
            return next > 0 && next <= instants.size() ? instants.get(next - 1) : null;
        }
    }
}
