package org.civicledger.command.bills;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.civicledger.command.reference.PaymentCatalog;
import org.civicledger.command.reference.PaymentCatalog.FeeClassTerms;
import org.civicledger.command.rules.Require;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.Role;
import org.civicledger.events.common.RuleViolation;
import org.civicledger.events.payments.BillCommands.AmendBill;
import org.civicledger.events.payments.BillCommands.CancelBill;
import org.civicledger.events.payments.BillCommands.IssueBill;
import org.civicledger.events.payments.BillCommands.MarkBillPaid;
import org.civicledger.events.payments.BillEvent.BillAmended;
import org.civicledger.events.payments.BillEvent.BillCancelled;
import org.civicledger.events.payments.BillEvent.BillFellOverdue;
import org.civicledger.events.payments.BillEvent.BillIssued;
import org.civicledger.events.payments.BillEvent.BillPaid;
import org.civicledger.events.payments.BillStatus;
import org.civicledger.events.payments.Payer;

/**
 * A bill: a payment notice an agency issues to a citizen for a fee, a local tax or a fine.
 *
 * <p>Its rules: only an officer of the fee class's agency (or the ledger itself) issues, amends and
 * cancels it; it is amended and cancelled only before it is paid; it falls overdue when its due date has
 * ended unpaid (a persistent deadline) and can still be paid then; it is paid once, by one payment.
 */
public class Bill {

    static final String DUE_DATE_DEADLINE = "bill-due-date";
    public static final int REASON_LENGTH_MAX = 2_000;
    /** The furthest due date a bill may have, in days from its issue (a tax instalment plan spans years at most). */
    public static final int DUE_DAYS_MAX = 3 * 366;

    @AggregateIdentifier
    private String billId;
    private String agencyCode;
    private String feeClassCode;
    private String revenueAccount;
    private Payer payer;
    private Money amount;
    private LocalDate dueOn;
    private BillStatus status;
    private String paidBy;

    protected Bill() {
        // For Axon's event sourcing.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public BillResult handle(IssueBill command, PaymentCatalog catalog, Clock clock, DeadlineManager deadlines) {
        Require.code("billId", command.billId());
        FeeClassTerms feeClass = catalog.feeClass(command.feeClassCode()).orElseThrow(() -> RuleViolation.invalid(
                "FeeClassIsKnown", "feeClassCode", "fee class " + command.feeClassCode() + " is not registered"));
        requireOwningAgency(command.actor(), feeClass.agencyCode(), "issues");
        if (command.payer() == null || command.payer().isErased()) {
            throw RuleViolation.invalid("PayerIsNamed", "payer", "the payer's national ID and name are required");
        }
        Money billed = command.amount() != null ? command.amount() : feeClass.defaultAmount();
        Require.feeAmount("amount", billed);
        LocalDate today = LocalDate.now(clock);
        requireDueDate(command.dueOn(), today);
        if (command.reference() == null) {
            throw RuleViolation.invalid("ReferenceIsGiven", "reference", "a bill names what it is for: a case, a fine ticket or a tax bill");
        }
        apply(new BillIssued(command.billId(), feeClass.feeClassCode(), feeClass.agencyCode(), feeClass.revenueAccount(),
                command.payer(), billed, command.dueOn(), command.reference(), today));
        deadlines.schedule(endOf(command.dueOn(), clock), DUE_DATE_DEADLINE, command.dueOn());
        return result();
    }

    @CommandHandler
    public BillResult handle(AmendBill command, Clock clock, DeadlineManager deadlines) {
        requireOwningAgency(command.actor(), agencyCode, "amends");
        requireUnpaid("amended");
        Money newAmount = command.amount() != null ? command.amount() : amount;
        LocalDate newDueOn = command.dueOn() != null ? command.dueOn() : dueOn;
        Require.feeAmount("amount", newAmount);
        LocalDate today = LocalDate.now(clock);
        if (command.dueOn() != null) {
            requireDueDate(newDueOn, today);
        }
        if (newAmount.equals(amount) && newDueOn.equals(dueOn)) {
            throw RuleViolation.invalid("AmendmentChangesSomething", "amount", "an amendment gives a new amount or a new due date");
        }
        Require.text("reason", command.reason(), REASON_LENGTH_MAX);
        LocalDate previousDueOn = dueOn;
        apply(new BillAmended(billId, newAmount, newDueOn, amount, previousDueOn, command.reason(), today));
        if (!newDueOn.equals(previousDueOn)) {
            deadlines.cancelAllWithinScope(DUE_DATE_DEADLINE);
            deadlines.schedule(endOf(newDueOn, clock), DUE_DATE_DEADLINE, newDueOn);
        }
        return result();
    }

    @CommandHandler
    public BillResult handle(CancelBill command, Clock clock, DeadlineManager deadlines) {
        requireOwningAgency(command.actor(), agencyCode, "cancels");
        requireUnpaid("cancelled");
        Require.text("reason", command.reason(), REASON_LENGTH_MAX);
        apply(new BillCancelled(billId, command.reason(), LocalDate.now(clock)));
        deadlines.cancelAllWithinScope(DUE_DATE_DEADLINE);
        return result();
    }

    @CommandHandler
    public SettlementOutcome handle(MarkBillPaid command, Clock clock, DeadlineManager deadlines) {
        if (command.actor().role() != Role.SYSTEM) {
            throw RuleViolation.forbidden("SettlementIsTheLedgers", "a bill is marked paid only by the ledger's settlement of a payment");
        }
        Require.code("paymentId", command.paymentId());
        if (status == BillStatus.PAID) {
            if (paidBy.equals(command.paymentId())) {
                return SettlementOutcome.paid(billId); // The same settlement again: it was done already.
            }
            return SettlementOutcome.refused(billId, "BillIsPaidOnce", "bill " + billId + " was paid by " + paidBy + " already");
        }
        if (status == BillStatus.CANCELLED) {
            return SettlementOutcome.refused(billId, "CancelledBillIsNotPaid", "bill " + billId + " was cancelled");
        }
        if (!amount.equals(command.amount())) {
            return SettlementOutcome.refused(billId, "PaidAmountMatchesBill",
                    "bill " + billId + " is for " + amount.amountMinor() + " " + amount.currency() + ", the payment brought "
                            + (command.amount() == null ? "nothing" : command.amount().amountMinor() + " " + command.amount().currency()));
        }
        apply(new BillPaid(billId, command.paymentId(), amount, LocalDate.now(clock)));
        deadlines.cancelAllWithinScope(DUE_DATE_DEADLINE);
        return SettlementOutcome.paid(billId);
    }

    /** The due date has ended: an unpaid bill falls overdue, unless its due date moved meanwhile. */
    @DeadlineHandler(deadlineName = DUE_DATE_DEADLINE)
    public void onDueDateEnded(LocalDate wasDueOn, Clock clock) {
        if (status == BillStatus.OPEN && wasDueOn.equals(dueOn)) {
            apply(new BillFellOverdue(billId, dueOn, LocalDate.now(clock)));
        }
    }

    /** The bill as a payment sees it; read through {@link RepositoryBillBook}. */
    public BillFacts facts() {
        return new BillFacts(billId, agencyCode, feeClassCode, revenueAccount, payer, amount, status);
    }

    private void requireOwningAgency(Actor actor, String owner, String verb) {
        if (actor.role() != Role.SYSTEM && !actor.isOfficerOf(owner)) {
            throw RuleViolation.forbidden("OwningAgencyBills", "only an officer of " + owner + " " + verb + " its bills");
        }
    }

    private void requireUnpaid(String wanted) {
        if (!status.isPayable()) {
            throw RuleViolation.conflict("BillIsUnpaid",
                    "bill " + billId + " is " + status.name().toLowerCase() + " and cannot be " + wanted + "; only an unpaid bill can");
        }
    }

    private static void requireDueDate(LocalDate dueOn, LocalDate today) {
        if (dueOn == null) {
            throw RuleViolation.invalid("DueDateIsGiven", "dueOn", "a bill has a due date");
        }
        if (dueOn.isBefore(today)) {
            throw RuleViolation.invalid("DueDateIsNotPast", "dueOn", "the due date " + dueOn + " has passed");
        }
        if (dueOn.isAfter(today.plusDays(DUE_DAYS_MAX))) {
            throw RuleViolation.invalid("DueDateWithinLimit", "dueOn", "a due date is at most " + DUE_DAYS_MAX + " days ahead");
        }
    }

    /** A due date runs to its end in the city's time zone. */
    private static Instant endOf(LocalDate date, Clock clock) {
        return date.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
    }

    private BillResult result() {
        return new BillResult(billId, status, amount, dueOn);
    }

    @EventSourcingHandler
    void on(BillIssued event) {
        billId = event.billId();
        agencyCode = event.agencyCode();
        feeClassCode = event.feeClassCode();
        revenueAccount = event.revenueAccount();
        payer = event.payer();
        amount = event.amount();
        dueOn = event.dueOn();
        status = BillStatus.OPEN;
    }

    @EventSourcingHandler
    void on(BillAmended event) {
        amount = event.amount();
        dueOn = event.dueOn();
        if (status == BillStatus.OVERDUE && !event.dueOn().isBefore(event.amendedOn())) {
            status = BillStatus.OPEN; // A new due date still ahead makes the bill current again.
        }
    }

    @EventSourcingHandler
    void on(BillCancelled event) {
        status = BillStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(BillFellOverdue event) {
        status = BillStatus.OVERDUE;
    }

    @EventSourcingHandler
    void on(BillPaid event) {
        status = BillStatus.PAID;
        paidBy = event.paymentId();
    }
}
