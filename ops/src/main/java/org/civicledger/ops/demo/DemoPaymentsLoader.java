package org.civicledger.ops.demo;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.payments.BillCommands.CancelBill;
import org.civicledger.events.payments.BillCommands.IssueBill;
import org.civicledger.events.payments.CallbackOutcome;
import org.civicledger.events.payments.PaymentCommands.InitiatePayment;
import org.civicledger.events.payments.PaymentCommands.RecordProviderCallback;
import org.civicledger.events.payments.PaymentCommands.RefundPayment;
import org.civicledger.events.reference.PaymentReferenceCommands.RegisterFeeClass;
import org.civicledger.events.reference.PaymentReferenceCommands.RegisterPaymentProvider;
import org.civicledger.ops.LedgerClock;
import org.civicledger.ops.demo.DemoPayments.BillOutcome;
import org.civicledger.ops.demo.DemoPayments.BillSpec;
import org.civicledger.ops.demo.DemoPayments.ProviderSpec;
import org.civicledger.query.payments.CallbackSignature;
import org.civicledger.query.payments.ProviderSecrets;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Loads {@link DemoPayments} into the ledger: fee classes and providers, then each planned bill issued by an
 * officer of its agency and taken to its outcome by the payer, the provider and the agency.
 *
 * <p>Provider callbacks are signed for real: the body a provider would post is signed with the provider's
 * callback secret (from {@link ProviderSecrets}, which generates one per provider in the embedded store),
 * checked with {@link CallbackSignature#verify} exactly as the callback endpoint checks it, and recorded with
 * the command the endpoint sends ({@code RecordProviderCallback} as {@code provider:<code>}, command id
 * {@code callback:<code>:<providerEventId>}). The HTTP hop is left out because the loader also runs without a
 * web server (tests, {@code WebEnvironment.NONE}).
 *
 * <p>Each bill's commands run in order on one thread at their business times (through {@link LedgerClock});
 * bills run side by side. Every id is derived from the plan, so a failed load re-run repeats nothing: the
 * reference data and the bills are loaded when no fee class is registered.
 */
public final class DemoPaymentsLoader {

    private static final int FAILURES_SHOWN_MAX = 5;

    private final CommandGateway gateway;
    private final JdbcTemplate jdbc;
    private final ProviderSecrets secrets;
    private final LedgerClock clock;
    private final ZoneId zone;
    private final int threads;
    private final PrintStream out;

    /**
     * @param clock when given, the history is laid out over the past {@value DemoPayments#HISTORY_DAYS} days of
     *              business time; null: everything happens now (no overdue bills)
     */
    public DemoPaymentsLoader(CommandGateway gateway, JdbcTemplate jdbc, ProviderSecrets secrets, LedgerClock clock, ZoneId zone,
                              int threads, PrintStream out) {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("threads must be between 1 and 64");
        }
        this.gateway = gateway;
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.clock = clock;
        this.zone = zone;
        this.threads = threads;
        this.out = out;
    }

    /** What a load did. */
    public record PaymentsReport(int feeClasses, int providers, int bills, int commands, int callbacks, int failures,
                                 Map<BillOutcome, Integer> billsByOutcome, Duration time) {
    }

    public int feeClassCount() {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM cmd_fee_class", Integer.class);
        return count == null ? 0 : count;
    }

    private boolean providerRegistered(String providerCode) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM cmd_payment_provider WHERE provider_code = ?", Integer.class,
                providerCode);
        return count != null && count > 0;
    }

    public PaymentsReport load(DemoCity city, DemoPayments payments, int billCount) {
        if (billCount < 0 || billCount > 1_000_000) {
            throw new IllegalArgumentException("bill count must be between 0 and 1,000,000");
        }
        long start = System.nanoTime();
        AtomicInteger commands = new AtomicInteger();
        AtomicInteger callbacks = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "demo-payments");
            thread.setDaemon(true);
            return thread;
        });
        try {
            runAll(pool, payments.feeClasses(), feeClass -> send(new RegisterFeeClass(feeClass.code(), feeClass.name(), feeClass.kind(),
                    feeClass.agencyCode(), feeClass.defaultTwd() == null ? null : Money.twd(feeClass.defaultTwd()),
                    feeClass.revenueAccount(), "demo-fee-class-" + feeClass.code(), DemoCityLoader.LOADER), commands), failures);
            // pay.taipei may be registered already: the case loader pays case fees through it.
            runAll(pool, payments.providers().stream().filter(provider -> !providerRegistered(provider.code())).toList(),
                    provider -> send(new RegisterPaymentProvider(provider.code(), provider.name(),
                    provider.kind(), provider.channels(), provider.callbackSecretRef(), "demo-provider-" + provider.code(),
                    DemoCityLoader.LOADER), commands), failures);
            // Each provider's secret exists from the start (generated in the embedded store), so a simulated provider
            // can sign with it even before the history gives it a callback.
            List<String> unsigned = payments.providers().stream()
                    .filter(provider -> secrets.secret(provider.callbackSecretRef()).isEmpty()).map(ProviderSpec::code).toList();
            if (!unsigned.isEmpty()) {
                // Outside the embedded store no secret is invented (production configures them): no callback could be signed.
                out.println("  no callback secret is configured for " + unsigned.size() + " providers (" + unsigned.get(0)
                        + ", ...): the demo issues no bills (configure ledger.payments.provider-secrets to have them)");
                billCount = 0;
            }
            List<BillSpec> bills = payments.bills(city, billCount);
            Map<BillOutcome, AtomicInteger> reached = new EnumMap<>(BillOutcome.class);
            for (BillOutcome outcome : BillOutcome.values()) {
                reached.put(outcome, new AtomicInteger());
            }
            Instant now = Instant.now();
            runAll(pool, bills, bill -> {
                drive(bill, now, commands, callbacks);
                reached.get(bill.outcome()).incrementAndGet();
            }, failures);
            Map<BillOutcome, Integer> byOutcome = new EnumMap<>(BillOutcome.class);
            reached.forEach((outcome, count) -> byOutcome.put(outcome, count.get()));
            return new PaymentsReport(payments.feeClasses().size(), payments.providers().size(), bills.size(), commands.get(),
                    callbacks.get(), failures.get(), byOutcome, Duration.ofNanos(System.nanoTime() - start));
        } finally {
            pool.shutdown();
            try {
                pool.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Issues one bill and takes it to its planned outcome. */
    private void drive(BillSpec bill, Instant now, AtomicInteger commands, AtomicInteger callbacks) {
        String agency = bill.feeClass().agencyCode();
        Actor officer = Actor.officer(DemoCity.officerSubject(agency), agency);
        Actor payer = Actor.citizen(bill.payer().citizenSubject());
        Instant issuedAt = history(now.minus(Duration.ofMinutes(bill.issuedMinutesAgo())), now);
        LocalDate dueOn = LocalDate.ofInstant(issuedAt, zone).plusDays(bill.dueDaysAfterIssue());
        at(issuedAt, () -> send(new IssueBill(bill.billId(), bill.feeClass().code(), bill.payer(), Money.twd(bill.amountTwd()), dueOn,
                bill.reference(), bill.billId() + "-issue", officer), commands));
        Instant paidAt = history(now.minus(Duration.ofMinutes(bill.paidMinutesAgo())), now);
        ProviderSpec provider = bill.provider();
        switch (bill.outcome()) {
            case OPEN, OVERDUE -> { }
            case CANCELLED -> at(issuedAt.plusSeconds(1_800), () -> send(new CancelBill(bill.billId(),
                    "開單錯誤，重新開立 issued in error, to be reissued", bill.billId() + "-cancel", officer), commands));
            case EXPIRED -> initiate(bill, 1, paidAt, payer, commands);
            case FAILED -> {
                initiate(bill, 1, paidAt.minusSeconds(300), payer, commands);
                callback(bill, 1, CallbackOutcome.FAILED, paidAt, commands, callbacks);
            }
            case PAID_AFTER_FAILURE -> {
                initiate(bill, 1, paidAt.minusSeconds(1_800), payer, commands);
                callback(bill, 1, CallbackOutcome.FAILED, paidAt.minusSeconds(1_740), commands, callbacks);
                pay(bill, 2, paidAt, payer, commands, callbacks);
            }
            case PAID -> pay(bill, 1, paidAt, payer, commands, callbacks);
            case PARTLY_REFUNDED, REFUNDED -> {
                pay(bill, 1, paidAt, payer, commands, callbacks);
                long refund = bill.outcome() == BillOutcome.REFUNDED ? bill.amountTwd() : Math.max(1, bill.amountTwd() / 2);
                Instant refundedAt = paidAt.plus(Duration.ofDays(1));
                refundedAt = refundedAt.isAfter(now.minusSeconds(600)) ? paidAt.plusSeconds(600) : refundedAt;
                String paymentId = bill.paymentId(1);
                at(refundedAt, () -> send(new RefundPayment(paymentId, paymentId + "-r1", Money.twd(refund),
                        bill.outcome() == BillOutcome.REFUNDED ? "重複繳納，全額退還 paid twice at the counter, refunded in full"
                                : "溢繳部分退還 reduced on appeal, the difference refunded",
                        paymentId + "-refund-1", officer), commands));
            }
            default -> throw new IllegalStateException("no path to " + bill.outcome());
        }
    }

    /** Initiated, authorized and succeeded: a payment as most providers report it. */
    private void pay(BillSpec bill, int attempt, Instant paidAt, Actor payer, AtomicInteger commands, AtomicInteger callbacks) {
        initiate(bill, attempt, paidAt.minusSeconds(180), payer, commands);
        callback(bill, attempt, CallbackOutcome.AUTHORIZED, paidAt.minusSeconds(120), commands, callbacks);
        callback(bill, attempt, CallbackOutcome.SUCCEEDED, paidAt, commands, callbacks);
    }

    private void initiate(BillSpec bill, int attempt, Instant at, Actor payer, AtomicInteger commands) {
        String paymentId = bill.paymentId(attempt);
        at(at, () -> send(new InitiatePayment(paymentId, List.of(bill.billId()), bill.provider().code(), bill.channel(),
                paymentId + "-initiate", payer), commands));
    }

    /**
     * Signs the callback the provider would post, verifies it as the endpoint does, and records it with the
     * endpoint's command. A signature that does not verify stops the bill: the demo would otherwise show a
     * callback no provider could have made.
     */
    private void callback(BillSpec bill, int attempt, CallbackOutcome outcome, Instant at, AtomicInteger commands,
                          AtomicInteger callbacks) {
        ProviderSpec provider = bill.provider();
        String paymentId = bill.paymentId(attempt);
        String providerEventId = "evt-" + paymentId + "-" + outcome.name().toLowerCase();
        String body = callbackBody(providerEventId, paymentId, outcome, bill.amountTwd(), at);
        byte[] secret = secrets.secret(provider.callbackSecretRef()).orElseThrow(() -> new IllegalStateException(
                "no callback secret for provider " + provider.code() + " (" + provider.callbackSecretRef() + ")"));
        String timestamp = Long.toString(at.getEpochSecond());
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        String signature = CallbackSignature.SCHEME + CallbackSignature.sign(secret, timestamp, raw);
        CallbackSignature.verify(secret, signature, timestamp, raw, at, CallbackSignature.TOLERANCE_DEFAULT).ifPresent(refusal -> {
            throw new IllegalStateException("the demo's own callback did not verify: " + refusal);
        });
        Money amount = outcome == CallbackOutcome.SUCCEEDED ? Money.twd(bill.amountTwd()) : null;
        String reason = outcome == CallbackOutcome.FAILED ? "餘額不足 insufficient balance" : null;
        Actor providerActor = Actor.system("provider:" + provider.code());
        at(at, () -> send(new RecordProviderCallback(paymentId, provider.code(), providerEventId, outcome, amount, reason,
                "callback:" + provider.code() + ":" + providerEventId, providerActor), commands));
        callbacks.incrementAndGet();
    }

    /** The JSON body of a provider's callback, as documented in docs/payments.md. */
    public static String callbackBody(String providerEventId, String paymentId, CallbackOutcome outcome, long amountTwd, Instant at) {
        StringBuilder json = new StringBuilder("{\"providerEventId\":\"").append(providerEventId).append("\",\"paymentId\":\"")
                .append(paymentId).append("\",\"status\":\"").append(outcome.name().toLowerCase()).append('"');
        if (outcome == CallbackOutcome.SUCCEEDED) {
            json.append(",\"amount\":\"").append(amountTwd).append("\",\"currency\":\"TWD\"");
        }
        json.append(",\"occurredAt\":\"").append(at).append('"');
        if (outcome == CallbackOutcome.FAILED) {
            json.append(",\"reason\":\"insufficient balance\"");
        }
        return json.append('}').toString();
    }

    /** Without a settable clock there is no history: everything happens now, in order. */
    private Instant history(Instant planned, Instant now) {
        return clock == null ? now : planned;
    }

    private <T> T at(Instant businessTime, Supplier<T> action) {
        return clock == null ? action.get() : clock.at(businessTime, action);
    }

    private Object send(Object command, AtomicInteger commands) {
        Object result = gateway.sendAndWait(command);
        commands.incrementAndGet();
        return result;
    }

    private <T> void runAll(ExecutorService pool, List<T> items, java.util.function.Consumer<T> action, AtomicInteger failures) {
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
}
