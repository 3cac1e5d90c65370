package org.civicledger.command.settlements;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.civicledger.command.reference.PaymentCatalog;
import org.civicledger.command.rules.Require;
import org.civicledger.command.settlements.ProviderLedger.Key;
import org.civicledger.command.settlements.ProviderLedger.Transaction;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.Role;
import org.civicledger.events.common.RuleViolation;
import org.civicledger.events.journal.Accounts;
import org.civicledger.events.journal.JournalLine;
import org.civicledger.events.settlements.DiscrepancyResolution;
import org.civicledger.events.settlements.ReconciliationOutcome;
import org.civicledger.events.settlements.SettlementCommands;
import org.civicledger.events.settlements.SettlementCommands.ImportSettlementFile;
import org.civicledger.events.settlements.SettlementCommands.ResolveSettlementDiscrepancy;
import org.civicledger.events.settlements.SettlementEvent.SettlementDiscrepancyFound;
import org.civicledger.events.settlements.SettlementEvent.SettlementDiscrepancyResolved;
import org.civicledger.events.settlements.SettlementEvent.SettlementFileImported;
import org.civicledger.events.settlements.SettlementEvent.SettlementJournalEntryRecorded;
import org.civicledger.events.settlements.SettlementFileLine;
import org.civicledger.events.settlements.SettlementLine;
import org.civicledger.events.settlements.SettlementLineType;

/**
 * A provider's settlement: one file the provider sent, reconciled line by line against what the ledger says
 * went through that provider, its discrepancies and their resolutions, with the journal entries of the money it
 * moved recorded on the same stream right after the event that moved it (as a payment's are).
 *
 * <p>Reconciliation: a payment line matches the provider's succeeded payment of that id, a refund line the
 * refund of that id, at the same amount ({@code AMOUNT_MISMATCH} otherwise); a line the ledger does not hold for
 * this provider is {@code UNEXPECTED_IN_SETTLEMENT}; a payment or refund the ledger holds for the settlement day
 * and the file does not name is {@code MISSING_IN_SETTLEMENT}. A chargeback line matches when the payment it
 * takes money back from is the provider's and received at least that much; the caller then records it on the
 * payment ({@link SettlementResult#chargebacks()}).
 *
 * <p>The money: refunds the provider paid out leave refunds payable (per agency, {@code settlement-refunds}),
 * its fees are booked ({@code settlement-fees}), and its net payment arrives at the bank
 * ({@code settlement-transfer}); every one of them moves {@code provider-clearing:<provider>}. What is then
 * left in clearing from this day is exactly the discrepancies' differences; resolving each with
 * {@link DiscrepancyResolution#ADJUST_CLEARING} books it away with a correcting entry. Nothing is edited.
 */
public class Settlement {

    /** A provider's file for one day; above this it is split (a file of 100,000 lines loads in seconds). */
    public static final int LINES_MAX = 200_000;

    @AggregateIdentifier
    private String settlementId;
    private String providerCode;
    private LocalDate settlementDate;
    private String currency;
    private int entries;
    private int lines;
    private final Map<ReconciliationOutcome, Integer> outcomes = new HashMap<>();
    private final List<SettlementResult.Chargeback> chargebacks = new ArrayList<>();
    /** Open discrepancies by id, with what each leaves in the provider's clearing account (debit positive). */
    private final Map<String, Long> residuals = new LinkedHashMap<>();
    private final Map<String, DiscrepancyResolution> resolved = new HashMap<>();

    protected Settlement() {
        // For Axon's event sourcing.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public SettlementResult handle(ImportSettlementFile command, ProviderLedger ledger, PaymentCatalog catalog, Clock clock) {
        if (settlementId != null) {
            // The same file again: its stream already holds it all.
            return result(true);
        }
        Require.code("settlementId", command.settlementId());
        requireOperator(command.actor(), "SettlementsAreImportedByOperators", "a settlement file is imported by an operator or the ledger");
        catalog.provider(command.providerCode()).orElseThrow(() -> RuleViolation.notFound("ProviderIsKnown", "code",
                "no payment provider is registered as " + command.providerCode()));
        if (command.file() == null) {
            throw RuleViolation.invalid("SettlementFileIsWellFormed", "file", "the settlement file is required");
        }
        byte[] bytes = command.file().getBytes(StandardCharsets.UTF_8);
        if (!command.settlementId().equals(SettlementCommands.settlementId(command.providerCode(), bytes))) {
            throw RuleViolation.invalid("SettlementIsIdentifiedByItsFile", "settlementId",
                    "a settlement's id is derived from the provider and the file's SHA-256");
        }
        SettlementFile.Parsed parsed = SettlementFile.parse(bytes, command.providerCode());
        List<SettlementFileLine> fileLines = parsed.lines();
        String fileCurrency = fileLines.isEmpty() ? Money.TWD : fileLines.get(0).amount().currency();
        Set<String> providerIds = new HashSet<>();
        for (SettlementFileLine line : fileLines) {
            requireLine(line, fileCurrency, providerIds);
        }

        // The day's transactions answer most lines; only the rest (late ones, strangers) are looked up one chunk at a time.
        List<Transaction> ofTheDay = ledger.on(command.providerCode(), parsed.settlementDate());
        Map<Key, Transaction> found = new HashMap<>();
        ofTheDay.forEach(transaction -> found.put(transaction.key(), transaction));
        List<Key> elsewhere = fileLines.stream().map(Settlement::keyOf).filter(key -> !found.containsKey(key)).toList();
        if (!elsewhere.isEmpty()) {
            found.putAll(ledger.find(command.providerCode(), elsewhere));
        }
        List<SettlementLine> reconciled = new ArrayList<>(fileLines.size());
        Set<Key> settled = new HashSet<>();
        long settledTotal = 0;
        long feeTotal = 0;
        for (SettlementFileLine line : fileLines) {
            Key key = keyOf(line);
            Transaction transaction = found.get(key);
            if (line.type() != SettlementLineType.CHARGEBACK) {
                settled.add(key);
            }
            reconciled.add(reconcile(line, transaction));
            settledTotal = Math.addExact(settledTotal, line.amount().amountMinor());
            feeTotal = Math.addExact(feeTotal, line.fee().amountMinor());
        }
        Instant now = clock.instant();
        apply(new SettlementFileImported(command.settlementId(), command.providerCode(), parsed.settlementDate(), parsed.sha256(),
                reconciled, new Money(settledTotal, fileCurrency), new Money(feeTotal, fileCurrency), now));

        int discrepancy = 0;
        for (SettlementLine line : reconciled) {
            if (line.outcome() != ReconciliationOutcome.MATCHED) {
                SettlementFileLine file = line.line();
                apply(new SettlementDiscrepancyFound(settlementId, "d" + (++discrepancy), line.outcome(), file.lineNumber(),
                        file.type(), file.providerTransactionId(), file.paymentId(), file.ledgerReference(), line.ledgerAmount(),
                        file.amount(), now));
            }
        }
        for (Transaction transaction : ofTheDay) {
            if (!settled.contains(transaction.key())) {
                apply(new SettlementDiscrepancyFound(settlementId, "d" + (++discrepancy),
                        ReconciliationOutcome.MISSING_IN_SETTLEMENT, null, transaction.key().kind(), null, transaction.key().paymentId(),
                        transaction.key().reference(), transaction.amount(), null, now));
            }
        }
        journal(reconciled, found, feeTotal, fileCurrency, now);
        return result(false);
    }

    @CommandHandler
    public SettlementResult handle(ResolveSettlementDiscrepancy command, Clock clock) {
        requireOperator(command.actor(), "DiscrepanciesAreResolvedByOperators", "a discrepancy is resolved by an operator or the ledger");
        if (!providerCode.equals(command.providerCode())) {
            throw RuleViolation.notFound("SettlementIsKnown", "settlementId", "provider " + command.providerCode() + " has no settlement "
                    + settlementId);
        }
        if (command.discrepancyId() == null || !residuals.containsKey(command.discrepancyId())) {
            throw RuleViolation.notFound("DiscrepancyIsKnown", "discrepancyId",
                    "settlement " + settlementId + " has no discrepancy " + command.discrepancyId());
        }
        if (command.resolution() == null) {
            throw RuleViolation.invalid("ResolutionIsGiven", "resolution", "say how the discrepancy is resolved");
        }
        Require.text("reason", command.reason(), 500);
        DiscrepancyResolution earlier = resolved.get(command.discrepancyId());
        if (earlier != null) {
            if (earlier == command.resolution()) {
                return result(true);
            }
            throw RuleViolation.conflict("DiscrepancyIsResolvedOnce", "discrepancy " + command.discrepancyId() + " was resolved as "
                    + earlier.name().toLowerCase() + "; a further correction is a new entry by hand");
        }
        Instant now = clock.instant();
        apply(new SettlementDiscrepancyResolved(settlementId, command.discrepancyId(), command.resolution(), command.reason(), now));
        long residual = residuals.get(command.discrepancyId());
        if (command.resolution() == DiscrepancyResolution.ADJUST_CLEARING && residual != 0) {
            String clearing = Accounts.providerClearing(providerCode);
            long amount = Math.abs(residual);
            // Left as a debit: the provider settled less than the ledger booked, a cost of the provider. Left as a
            // credit: the provider settled money no ledger transaction explains, owed back to whoever paid it.
            List<JournalLine> lines = residual > 0
                    ? List.of(JournalLine.debit(Accounts.providerFees(providerCode), null, amount, currency),
                            JournalLine.credit(clearing, null, amount, currency))
                    : List.of(JournalLine.debit(clearing, null, amount, currency),
                            JournalLine.credit(Accounts.OVERPAYMENTS, null, amount, currency));
            entry("settlement-correction", now, lines);
        }
        return result(false);
    }

    private static Key keyOf(SettlementFileLine line) {
        return line.type() == SettlementLineType.REFUND ? new Key(SettlementLineType.REFUND, line.paymentId(), line.ledgerReference())
                : new Key(SettlementLineType.PAYMENT, line.paymentId(), line.paymentId());
    }

    private static SettlementLine reconcile(SettlementFileLine line, Transaction transaction) {
        if (transaction == null) {
            return new SettlementLine(line, ReconciliationOutcome.UNEXPECTED_IN_SETTLEMENT, null);
        }
        if (line.type() == SettlementLineType.CHARGEBACK) {
            // The ledger learns of a chargeback from this line: it matches when the payment received at least that much.
            return line.amount().amountMinor() <= transaction.amount().amountMinor()
                    ? new SettlementLine(line, ReconciliationOutcome.MATCHED, line.amount())
                    : new SettlementLine(line, ReconciliationOutcome.AMOUNT_MISMATCH, transaction.amount());
        }
        return new SettlementLine(line, transaction.amount().equals(line.amount()) ? ReconciliationOutcome.MATCHED
                : ReconciliationOutcome.AMOUNT_MISMATCH, transaction.amount());
    }

    /**
     * The settlement's entries: refunds paid out (those the ledger holds, at the ledger's amount, per agency), the
     * provider's fees, and the net transfer to the bank of everything the file says.
     */
    private void journal(List<SettlementLine> reconciled, Map<Key, Transaction> found, long feeTotal, String fileCurrency, Instant now) {
        String clearing = Accounts.providerClearing(providerCode);
        Map<String, Long> refundShares = new LinkedHashMap<>();
        long net = -feeTotal;
        for (SettlementLine line : reconciled) {
            SettlementFileLine file = line.line();
            long amount = file.amount().amountMinor();
            net = Math.addExact(net, file.type() == SettlementLineType.PAYMENT ? amount : -amount);
            if (file.type() == SettlementLineType.REFUND && line.outcome() != ReconciliationOutcome.UNEXPECTED_IN_SETTLEMENT) {
                found.get(keyOf(file)).shares().forEach((agency, share) -> refundShares.merge(agency, share, Math::addExact));
            }
        }
        if (!refundShares.isEmpty()) {
            List<JournalLine> lines = new ArrayList<>();
            refundShares.forEach((agency, amount) -> {
                lines.add(JournalLine.debit(Accounts.refundsPayable(agency), agency, amount, fileCurrency));
                lines.add(JournalLine.credit(clearing, agency, amount, fileCurrency));
            });
            entry("settlement-refunds", now, lines);
        }
        if (feeTotal > 0) {
            entry("settlement-fees", now, List.of(JournalLine.debit(Accounts.providerFees(providerCode), null, feeTotal, fileCurrency),
                    JournalLine.credit(clearing, null, feeTotal, fileCurrency)));
        }
        if (net != 0) {
            long amount = Math.abs(net);
            entry("settlement-transfer", now, net > 0
                    ? List.of(JournalLine.debit(Accounts.BANK, null, amount, fileCurrency), JournalLine.credit(clearing, null, amount, fileCurrency))
                    : List.of(JournalLine.debit(clearing, null, amount, fileCurrency), JournalLine.credit(Accounts.BANK, null, amount, fileCurrency)));
        }
    }

    private void entry(String cause, Instant now, List<JournalLine> lines) {
        apply(new SettlementJournalEntryRecorded(settlementId, settlementId + "/" + (entries + 1), cause, now, lines));
    }

    private static void requireOperator(Actor actor, String rule, String reason) {
        if (actor == null || (actor.role() != Role.OPERATOR && actor.role() != Role.SYSTEM)) {
            throw RuleViolation.forbidden(rule, reason);
        }
    }

    private static void requireLine(SettlementFileLine line, String fileCurrency, Set<String> providerIds) {
        String where = "line " + line.lineNumber() + ": ";
        if (line.type() == null) {
            throw RuleViolation.invalid("LineTypeIsGiven", "file", where + "type is payment, refund or chargeback");
        }
        if (line.providerTransactionId() == null || !providerIds.add(line.providerTransactionId())) {
            throw RuleViolation.invalid("ProviderTransactionIsListedOnce", "file", where + "the provider transaction id is given once");
        }
        // The payment id was checked as a ledger code when the file was read (SettlementFile).
        if (line.amount() == null || line.amount().amountMinor() <= 0 || line.amount().amountMinor() > Require.AMOUNT_MINOR_MAX) {
            throw RuleViolation.invalid("AmountIsPositive", "file", where + "amount is positive and within limits");
        }
        if (line.fee() == null || line.fee().amountMinor() < 0 || line.fee().amountMinor() > line.amount().amountMinor()) {
            throw RuleViolation.invalid("FeeWithinAmount", "file", where + "the fee is zero or more and not above the amount");
        }
        if (!line.amount().currency().equals(fileCurrency) || !line.fee().currency().equals(fileCurrency)) {
            throw RuleViolation.invalid("OneCurrency", "file", where + "a settlement file is in one currency");
        }
    }

    private SettlementResult result(boolean duplicate) {
        return new SettlementResult(settlementId, providerCode, settlementDate, lines,
                outcomes.getOrDefault(ReconciliationOutcome.MATCHED, 0),
                outcomes.getOrDefault(ReconciliationOutcome.MISSING_IN_SETTLEMENT, 0),
                outcomes.getOrDefault(ReconciliationOutcome.UNEXPECTED_IN_SETTLEMENT, 0),
                outcomes.getOrDefault(ReconciliationOutcome.AMOUNT_MISMATCH, 0), chargebacks, duplicate);
    }

    @EventSourcingHandler
    void on(SettlementFileImported event) {
        settlementId = event.settlementId();
        providerCode = event.providerCode();
        settlementDate = event.settlementDate();
        currency = event.settledTotal().currency();
        lines = event.lines().size();
        for (SettlementLine line : event.lines()) {
            outcomes.merge(line.outcome(), 1, Integer::sum);
            SettlementFileLine file = line.line();
            if (file.type() == SettlementLineType.CHARGEBACK && line.outcome() == ReconciliationOutcome.MATCHED) {
                chargebacks.add(new SettlementResult.Chargeback(file.paymentId(), chargebackId(providerCode, file.providerTransactionId()),
                        file.amount(), file.providerTransactionId()));
            }
        }
    }

    @EventSourcingHandler
    void on(SettlementDiscrepancyFound event) {
        if (event.kind() == ReconciliationOutcome.MISSING_IN_SETTLEMENT) {
            outcomes.merge(ReconciliationOutcome.MISSING_IN_SETTLEMENT, 1, Integer::sum);
        }
        residuals.put(event.discrepancyId(), residual(event));
    }

    @EventSourcingHandler
    void on(SettlementDiscrepancyResolved event) {
        resolved.put(event.discrepancyId(), event.resolution());
    }

    @EventSourcingHandler
    void on(SettlementJournalEntryRecorded event) {
        entries++;
    }

    /**
     * The payment's id of a chargeback the provider's file names: derived from the provider and its transaction id
     * (which may be longer than a ledger code), so recording it again is a no-op on the payment.
     */
    static String chargebackId(String providerCode, String providerTransactionId) {
        return "cb-" + SettlementCommands.fileSha256((providerCode + ":" + providerTransactionId).getBytes(StandardCharsets.UTF_8))
                .substring(0, 40);
    }

    /**
     * What a discrepancy leaves in the provider's clearing account once the settlement's entries are booked (debit
     * positive): a payment was booked to clearing at the ledger's amount and leaves it at the settled amount; a
     * refund the ledger holds is paid out at the ledger's amount and deducted at the settled one; a refund or
     * chargeback the ledger does not hold is deducted from the transfer and booked nowhere else.
     */
    static long residual(SettlementDiscrepancyFound event) {
        long ledgerAmount = event.ledgerAmount() == null ? 0 : event.ledgerAmount().amountMinor();
        long settledAmount = event.settledAmount() == null ? 0 : event.settledAmount().amountMinor();
        return switch (event.type()) {
            case PAYMENT -> ledgerAmount - settledAmount;
            case REFUND -> event.kind() == ReconciliationOutcome.MISSING_IN_SETTLEMENT ? 0 : settledAmount - ledgerAmount;
            case CHARGEBACK -> settledAmount;
        };
    }
}
