package org.civicledger.command.payments;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import org.civicledger.command.reference.PaymentCatalog;
import org.civicledger.command.reference.PaymentCatalog.ProviderTerms;
import org.civicledger.command.rules.Require;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.Role;
import org.civicledger.events.common.RuleViolation;
import org.civicledger.events.journal.Accounts;
import org.civicledger.events.journal.JournalLine;
import org.civicledger.events.payments.BillShare;
import org.civicledger.events.payments.CallbackOutcome;
import org.civicledger.events.payments.Payer;
import org.civicledger.events.payments.PaymentCommands.InitiatePayment;
import org.civicledger.events.payments.PaymentCommands.RecordChargeback;
import org.civicledger.events.payments.PaymentCommands.RecordOverpayment;
import org.civicledger.events.payments.PaymentCommands.RecordProviderCallback;
import org.civicledger.events.payments.PaymentCommands.RefundPayment;
import org.civicledger.events.payments.PaymentEvent.ChargebackRecorded;
import org.civicledger.events.payments.PaymentEvent.JournalEntryRecorded;
import org.civicledger.events.payments.PaymentEvent.OverpaymentRecorded;
import org.civicledger.events.payments.PaymentEvent.PaymentAmountMismatched;
import org.civicledger.events.payments.PaymentEvent.PaymentAuthorized;
import org.civicledger.events.payments.PaymentEvent.PaymentExpired;
import org.civicledger.events.payments.PaymentEvent.PaymentFailed;
import org.civicledger.events.payments.PaymentEvent.PaymentInitiated;
import org.civicledger.events.payments.PaymentEvent.PaymentRefunded;
import org.civicledger.events.payments.PaymentEvent.PaymentSucceeded;
import org.civicledger.events.payments.PaymentEvent.ProviderCallbackIgnored;
import org.civicledger.events.payments.PaymentStatus;

/**
 * A payment: one attempt by a payer to pay one or several bills through a provider, and everything that
 * later happens to its money — refunds, chargebacks, overpayments — with the journal entry of each
 * movement recorded on the same stream, right after the event that moved it.
 *
 * <p>Its rules: only forward (initiated → authorized → succeeded | failed | expired; a success reported
 * after the ledger let it expire still counts, because the money did move); a provider's event id is
 * applied once; what the provider took is booked as it reported it, and held as an overpayment when it
 * is not what the bills add up to; nothing is refunded or charged back beyond what was received and not
 * yet returned. The aggregate is the unit of consistency: concurrent refunds of one payment are
 * serialized by its event stream (the second append of the same sequence number loses and is retried
 * against the new state), so they can never together exceed the payment.
 */
public class Payment {

    static final String EXPIRY_DEADLINE = "payment-expiry";
    /** How long a payer has to finish at the provider before the ledger lets the payment expire. */
    public static final Duration TIME_TO_FINISH = Duration.ofHours(1);
    public static final int BILLS_MAX = 50;
    public static final int REASON_LENGTH_MAX = 500;
    /** The subject the callback endpoint acts as for a provider: {@code provider:<code>}. */
    public static final String PROVIDER_ACTOR_PREFIX = "provider:";
    private static final String PROVIDER_EVENT_ID = "[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}";

    @AggregateIdentifier
    private String paymentId;
    private String providerCode;
    private PaymentStatus status;
    private List<BillShare> bills;
    private Money amount;
    /** The money received, per bill (or held whole when the amount did not match); empty until then. */
    private final List<Received> received = new ArrayList<>();
    private String receivedCurrency;
    private final Set<String> providerEventIds = new HashSet<>();
    private final Map<String, Money> refunds = new HashMap<>();
    private final Map<String, Money> chargebacks = new HashMap<>();
    private int journalEntries;

    /** Money received for one bill, or held unapplied; and how much of it has gone back since. */
    private static final class Received {
        final String billId;
        final String agencyCode;
        final String revenueAccount;
        final long amountMinor;
        boolean overpaid;
        long returnedMinor;

        Received(String billId, String agencyCode, String revenueAccount, long amountMinor, boolean overpaid) {
            this.billId = billId;
            this.agencyCode = agencyCode;
            this.revenueAccount = revenueAccount;
            this.amountMinor = amountMinor;
            this.overpaid = overpaid;
        }

        long leftMinor() {
            return amountMinor - returnedMinor;
        }

        /** Where this money sits in the journal: the bill's revenue, or overpayments owed back to the payer. */
        String account() {
            return overpaid ? Accounts.OVERPAYMENTS : revenueAccount;
        }

        // Value equality lets Axon's test fixture compare the state a command built with the state its events rebuild.
        @Override
        public boolean equals(Object other) {
            return other instanceof Received that && Objects.equals(billId, that.billId) && Objects.equals(agencyCode, that.agencyCode)
                    && Objects.equals(revenueAccount, that.revenueAccount) && amountMinor == that.amountMinor
                    && overpaid == that.overpaid && returnedMinor == that.returnedMinor;
        }

        @Override
        public int hashCode() {
            return Objects.hash(billId, agencyCode, revenueAccount, amountMinor, overpaid, returnedMinor);
        }
    }

    /** A part of a refund or chargeback, taken from one received share. */
    private record Portion(Received from, long amountMinor) {
    }

    protected Payment() {
        // For Axon's event sourcing.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public PaymentResult handle(InitiatePayment command, BillBook billBook, PaymentCatalog catalog, Clock clock,
                                DeadlineManager deadlines) {
        Require.code("paymentId", command.paymentId());
        List<String> billIds = command.billIds() == null ? List.of() : List.copyOf(command.billIds());
        if (billIds.isEmpty() || billIds.size() > BILLS_MAX) {
            throw RuleViolation.invalid("BillsAreListed", "billIds", "a payment pays 1 to " + BILLS_MAX + " bills");
        }
        if (new HashSet<>(billIds).size() != billIds.size()) {
            throw RuleViolation.invalid("BillsAreListed", "billIds", "each bill is listed once");
        }
        ProviderTerms provider = catalog.provider(command.providerCode()).orElseThrow(() -> RuleViolation.invalid(
                "ProviderIsKnown", "providerCode", "provider " + command.providerCode() + " is not registered"));
        if (command.channel() == null || !provider.channels().contains(command.channel())) {
            throw RuleViolation.invalid("ChannelIsOffered", "channel",
                    provider.providerCode() + " offers the channels " + String.join(", ", provider.channels()));
        }
        List<BillFacts> facts = new ArrayList<>();
        for (String billId : billIds) {
            facts.add(billBook.bill(billId).orElseThrow(() -> RuleViolation.notFound("BillIsKnown", "billIds", "bill " + billId + " is not known")));
        }
        Payer payer = facts.get(0).payer();
        requirePayer(command.actor(), payer);
        String currency = facts.get(0).amount().currency();
        Money total = new Money(0, currency);
        List<BillShare> shares = new ArrayList<>();
        for (BillFacts bill : facts) {
            if (bill.payer().isErased() || !bill.payer().nationalId().equals(payer.nationalId())) {
                throw RuleViolation.invalid("OnePayer", "billIds", "the bills of one payment are all addressed to one payer");
            }
            if (!bill.amount().currency().equals(currency)) {
                throw RuleViolation.invalid("OneCurrency", "billIds", "the bills of one payment are all in one currency");
            }
            if (!bill.status().isPayable()) {
                throw RuleViolation.conflict("BillIsOpen", "bill " + bill.billId() + " is " + bill.status().name().toLowerCase());
            }
            shares.add(new BillShare(bill.billId(), bill.agencyCode(), bill.feeClassCode(), bill.revenueAccount(), bill.amount()));
            total = total.plus(bill.amount());
        }
        Instant now = clock.instant();
        Instant expiresAt = now.plus(TIME_TO_FINISH);
        apply(new PaymentInitiated(command.paymentId(), provider.providerCode(), command.channel(), payer.citizenSubject(), shares,
                total, now, expiresAt));
        deadlines.schedule(expiresAt, EXPIRY_DEADLINE, expiresAt);
        return result(false);
    }

    @CommandHandler
    public PaymentResult handle(RecordProviderCallback command, Clock clock, DeadlineManager deadlines) {
        if (command.actor().role() != Role.SYSTEM) {
            throw RuleViolation.forbidden("CallbacksComeFromProviders", "a provider's callback is recorded by the ledger's callback endpoint");
        }
        if (!providerCode.equals(command.providerCode())) {
            throw RuleViolation.forbidden("CallbackFromThePaymentsProvider", "payment " + paymentId + " is not one of " + command.providerCode());
        }
        String eventId = command.providerEventId();
        if (eventId == null || !eventId.matches(PROVIDER_EVENT_ID)) {
            throw RuleViolation.invalid("ProviderEventIdIsGiven", "providerEventId",
                    "the provider's event id is 1 to 128 letters, digits, dots, dashes, underscores, colons or slashes");
        }
        if (command.outcome() == null) {
            throw RuleViolation.invalid("OutcomeIsGiven", "outcome", "a callback reports authorized, succeeded or failed");
        }
        if (providerEventIds.contains(eventId)) {
            return result(true);
        }
        Instant now = clock.instant();
        switch (command.outcome()) {
            case AUTHORIZED -> {
                if (status == PaymentStatus.INITIATED) {
                    apply(new PaymentAuthorized(paymentId, eventId, now));
                } else {
                    ignore(command, "the payment is " + describe(status) + "; a callback never moves a payment back", now);
                }
            }
            case SUCCEEDED -> succeed(command, now, deadlines);
            case FAILED -> {
                if (status == PaymentStatus.INITIATED || status == PaymentStatus.AUTHORIZED) {
                    String reason = command.reason() == null || command.reason().isBlank() ? "no reason given" : command.reason();
                    Require.text("reason", reason, REASON_LENGTH_MAX);
                    apply(new PaymentFailed(paymentId, eventId, reason, now));
                    deadlines.cancelAllWithinScope(EXPIRY_DEADLINE);
                } else if (status.receivedMoney()) {
                    ignore(command, "the provider reported this payment succeeded before; a failure after that needs a look by hand", now);
                } else {
                    ignore(command, "the payment is " + describe(status) + " already", now);
                }
            }
        }
        return result(false);
    }

    private void succeed(RecordProviderCallback command, Instant now, DeadlineManager deadlines) {
        Money reported = command.amount();
        Require.positiveAmount("amount", reported);
        if (status.receivedMoney()) {
            ignore(command, "the payment succeeded already; its money is booked once", now);
            return;
        }
        if (status == PaymentStatus.FAILED) {
            ignore(command, "the provider reported this payment failed before; a success after that needs a look by hand", now);
            return;
        }
        deadlines.cancelAllWithinScope(EXPIRY_DEADLINE);
        String clearing = Accounts.providerClearing(providerCode);
        if (reported.equals(amount)) {
            apply(new PaymentSucceeded(paymentId, command.providerEventId(), amount, bills, now));
            List<JournalLine> lines = new ArrayList<>();
            for (BillShare bill : bills) {
                lines.add(JournalLine.debit(clearing, bill.agencyCode(), bill.amount().amountMinor(), bill.amount().currency()));
                lines.add(JournalLine.credit(bill.revenueAccount(), bill.agencyCode(), bill.amount().amountMinor(), bill.amount().currency()));
            }
            journal("payment-succeeded", now, lines);
        } else {
            apply(new PaymentAmountMismatched(paymentId, command.providerEventId(), amount, reported, now));
            // Held against the first bill's agency: that agency's refund desk resolves it with the payer.
            String agency = bills.get(0).agencyCode();
            journal("amount-mismatched", now, List.of(
                    JournalLine.debit(clearing, agency, reported.amountMinor(), reported.currency()),
                    JournalLine.credit(Accounts.OVERPAYMENTS, agency, reported.amountMinor(), reported.currency())));
        }
    }

    @CommandHandler
    public PaymentResult handle(RecordOverpayment command, Clock clock) {
        if (command.actor().role() != Role.SYSTEM) {
            throw RuleViolation.forbidden("SettlementIsTheLedgers", "an overpayment is recorded by the ledger's settlement of a payment");
        }
        Received share = received.stream().filter(r -> r.billId != null && r.billId.equals(command.billId())).findFirst()
                .orElseThrow(() -> RuleViolation.invalid("BillIsPartOfPayment", "billId",
                        "payment " + paymentId + " received no money for bill " + command.billId()));
        if (share.overpaid) {
            return result(true);
        }
        Require.text("reason", command.reason(), REASON_LENGTH_MAX);
        long left = share.leftMinor();
        apply(new OverpaymentRecorded(paymentId, share.billId, new Money(left, receivedCurrency), command.reason()));
        if (left > 0) {
            journal("overpayment", clock.instant(), List.of(
                    JournalLine.debit(share.revenueAccount, share.agencyCode, left, receivedCurrency),
                    JournalLine.credit(Accounts.OVERPAYMENTS, share.agencyCode, left, receivedCurrency)));
        }
        return result(false);
    }

    @CommandHandler
    public PaymentResult handle(RefundPayment command, Clock clock) {
        Actor actor = command.actor();
        boolean ownAgency = actor.role() == Role.OFFICER && bills.stream().allMatch(bill -> actor.isOfficerOf(bill.agencyCode()));
        if (actor.role() != Role.SYSTEM && !ownAgency) {
            throw RuleViolation.forbidden("RefundsByOwningAgency",
                    "a payment is refunded by an officer of the agency of all its bills, or by the ledger's refund desk");
        }
        Money refund = command.amount();
        Long left = checkReturn("refund", "refundId", command.refundId(), refunds, refund, command.reason());
        if (left == null) {
            return result(true);
        }
        if (refund.amountMinor() > left) {
            throw RuleViolation.conflict("RefundWithinPaid",
                    "payment " + paymentId + " can be refunded at most " + left + " " + receivedCurrency + " more");
        }
        Instant now = clock.instant();
        List<JournalLine> lines = returnLines(refund.amountMinor(), portion -> Accounts.refundsPayable(portion.from().agencyCode));
        apply(new PaymentRefunded(paymentId, command.refundId(), refund, command.reason(), now));
        journal("refund", now, lines);
        return result(false);
    }

    @CommandHandler
    public PaymentResult handle(RecordChargeback command, Clock clock) {
        if (command.actor().role() != Role.SYSTEM) {
            throw RuleViolation.forbidden("ChargebacksComeFromProviders", "a chargeback is recorded from the provider's notice or file");
        }
        // A provider's signed notice (actor "provider:<code>") speaks for that provider's payments only.
        String subject = command.actor().subject();
        if (subject.startsWith(PROVIDER_ACTOR_PREFIX) && !subject.equals(PROVIDER_ACTOR_PREFIX + providerCode)) {
            throw RuleViolation.forbidden("CallbackFromThePaymentsProvider", "payment " + paymentId + " is not one of "
                    + subject.substring(PROVIDER_ACTOR_PREFIX.length()));
        }
        Money chargeback = command.amount();
        Long left = checkReturn("chargeback", "chargebackId", command.chargebackId(), chargebacks, chargeback, command.reason());
        if (left == null) {
            return result(true);
        }
        if (chargeback.amountMinor() > left) {
            throw RuleViolation.conflict("ChargebackWithinPaid",
                    "payment " + paymentId + " can be charged back at most " + left + " " + receivedCurrency + " more");
        }
        Instant now = clock.instant();
        String clearing = Accounts.providerClearing(providerCode);
        List<JournalLine> lines = returnLines(chargeback.amountMinor(), portion -> clearing);
        apply(new ChargebackRecorded(paymentId, command.chargebackId(), chargeback, command.reason(), now));
        journal("chargeback", now, lines);
        return result(false);
    }

    /**
     * The checks refunds and chargebacks share. Answers how much can still go back, or null when the
     * same id was applied already with the same amount (a retry, harmless).
     */
    private Long checkReturn(String what, String idField, String id, Map<String, Money> done, Money amount, String reason) {
        if (!status.receivedMoney()) {
            throw RuleViolation.conflict("ReturnOfReceivedMoney",
                    "payment " + paymentId + " is " + describe(status) + "; only money received can go back");
        }
        Require.code(idField, id);
        if (done.containsKey(id)) {
            if (done.get(id).equals(amount)) {
                return null;
            }
            throw RuleViolation.conflict("ReturnIdIsUsedOnce", "the " + what + " " + id + " was recorded with another amount");
        }
        Require.positiveAmount("amount", amount);
        if (!amount.currency().equals(receivedCurrency)) {
            throw RuleViolation.invalid("ReturnInPaymentCurrency", "amount", "payment " + paymentId + " was paid in " + receivedCurrency);
        }
        Require.text("reason", reason, REASON_LENGTH_MAX);
        return received.stream().mapToLong(Received::leftMinor).sum();
    }

    /** The lines returning money: each portion leaves the account it sits in, towards {@code to}. */
    private List<JournalLine> returnLines(long amountMinor, java.util.function.Function<Portion, String> to) {
        List<JournalLine> lines = new ArrayList<>();
        for (Portion portion : allocate(amountMinor)) {
            String agency = portion.from().agencyCode;
            lines.add(JournalLine.debit(portion.from().account(), agency, portion.amountMinor(), receivedCurrency));
            lines.add(JournalLine.credit(to.apply(portion), agency, portion.amountMinor(), receivedCurrency));
        }
        return lines;
    }

    /**
     * Which received money a return takes, deterministically (the event-sourcing handlers repeat it):
     * overpayments first — money that paid nothing goes back before revenue does — then the bills in order.
     */
    private List<Portion> allocate(long amountMinor) {
        List<Portion> portions = new ArrayList<>();
        long left = amountMinor;
        for (boolean overpaidFirst : new boolean[] {true, false}) {
            for (Received share : received) {
                if (share.overpaid == overpaidFirst && left > 0 && share.leftMinor() > 0) {
                    long take = Math.min(left, share.leftMinor());
                    portions.add(new Portion(share, take));
                    left -= take;
                }
            }
        }
        return portions;
    }

    /** The ledger let the payer's time run out; a provider's success arriving later still counts. */
    @DeadlineHandler(deadlineName = EXPIRY_DEADLINE)
    public void onTimeToFinishEnded(Instant expiresAt, Clock clock) {
        if (status == PaymentStatus.INITIATED || status == PaymentStatus.AUTHORIZED) {
            apply(new PaymentExpired(paymentId, clock.instant()));
        }
    }

    private void requirePayer(Actor actor, Payer payer) {
        boolean payerHimself = actor.role() == Role.CITIZEN && payer.citizenSubject() != null
                && actor.subject().equals(payer.citizenSubject());
        if (!payerHimself && actor.role() != Role.SYSTEM) {
            throw RuleViolation.forbidden("PayerPays", "a citizen pays only bills addressed to them");
        }
    }

    private void ignore(RecordProviderCallback command, String reason, Instant now) {
        apply(new ProviderCallbackIgnored(paymentId, command.providerEventId(), command.outcome(), status, reason, now));
    }

    private void journal(String cause, Instant at, List<JournalLine> lines) {
        apply(new JournalEntryRecorded(paymentId, paymentId + "/" + (journalEntries + 1), cause, at, lines));
    }

    private PaymentResult result(boolean duplicate) {
        long left = received.stream().mapToLong(Received::leftMinor).sum();
        String currency = receivedCurrency != null ? receivedCurrency : amount.currency();
        return new PaymentResult(paymentId, status, amount, new Money(left, currency), duplicate);
    }

    private static String describe(PaymentStatus status) {
        return status.name().toLowerCase().replace('_', ' ');
    }

    @EventSourcingHandler
    void on(PaymentInitiated event) {
        paymentId = event.paymentId();
        providerCode = event.providerCode();
        bills = List.copyOf(event.bills());
        amount = event.amount();
        status = PaymentStatus.INITIATED;
    }

    @EventSourcingHandler
    void on(PaymentAuthorized event) {
        providerEventIds.add(event.providerEventId());
        status = PaymentStatus.AUTHORIZED;
    }

    @EventSourcingHandler
    void on(PaymentSucceeded event) {
        providerEventIds.add(event.providerEventId());
        status = PaymentStatus.SUCCEEDED;
        receivedCurrency = event.amount().currency();
        for (BillShare bill : event.bills()) {
            received.add(new Received(bill.billId(), bill.agencyCode(), bill.revenueAccount(), bill.amount().amountMinor(), false));
        }
    }

    @EventSourcingHandler
    void on(PaymentAmountMismatched event) {
        providerEventIds.add(event.providerEventId());
        status = PaymentStatus.AMOUNT_MISMATCHED;
        receivedCurrency = event.reported().currency();
        received.add(new Received(null, bills.get(0).agencyCode(), null, event.reported().amountMinor(), true));
    }

    @EventSourcingHandler
    void on(PaymentFailed event) {
        providerEventIds.add(event.providerEventId());
        status = PaymentStatus.FAILED;
    }

    @EventSourcingHandler
    void on(PaymentExpired event) {
        status = PaymentStatus.EXPIRED;
    }

    @EventSourcingHandler
    void on(ProviderCallbackIgnored event) {
        providerEventIds.add(event.providerEventId());
    }

    @EventSourcingHandler
    void on(OverpaymentRecorded event) {
        received.stream().filter(r -> event.billId().equals(r.billId)).forEach(r -> r.overpaid = true);
    }

    @EventSourcingHandler
    void on(PaymentRefunded event) {
        refunds.put(event.refundId(), event.amount());
        allocate(event.amount().amountMinor()).forEach(portion -> portion.from().returnedMinor += portion.amountMinor());
    }

    @EventSourcingHandler
    void on(ChargebackRecorded event) {
        chargebacks.put(event.chargebackId(), event.amount());
        allocate(event.amount().amountMinor()).forEach(portion -> portion.from().returnedMinor += portion.amountMinor());
    }

    @EventSourcingHandler
    void on(JournalEntryRecorded event) {
        journalEntries++;
    }
}
