package org.civicledger.command.settlements;

import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.command.reference.PaymentCatalog.ProviderTerms;
import org.civicledger.command.settlements.ProviderLedger.Key;
import org.civicledger.command.settlements.ProviderLedger.Transaction;
import org.civicledger.command.support.FixtureClock;
import org.civicledger.command.support.InMemoryPaymentCatalog;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.RuleViolation.Kind;
import org.civicledger.events.journal.JournalLine;
import org.civicledger.events.reference.ProviderKind;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LINE Pay settles 25 November 2025: the ledger holds three payments of that day through it (NT$600 of TAX, NT$1,200
 * of TRANSPORT, NT$300 of TAX) and a NT$100 refund of the first (TAX's refunds payable).
 */
class WhenASettlementFileIsImported {

    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final LocalDate DAY = LocalDate.of(2025, 11, 25);
    private static final Instant NOW = Instant.parse("2025-11-26T02:00:00Z");
    private static final String PROVIDER = "LINE-PAY";
    private static final String CLEARING = "provider-clearing:LINE-PAY";
    private static final String FEES = "provider-fees:LINE-PAY";
    private String id = "stl-1";
    private String sha = "ab".repeat(32);
    private static final Actor OPERATOR = new Actor("operator-1", org.civicledger.events.common.Role.OPERATOR, null);

    private AggregateTestFixture<Settlement> fixture;
    private final Map<Key, Transaction> ledger = new HashMap<>();

    @BeforeEach
    void setUp() {
        transaction(SettlementLineType.PAYMENT, "p1", "p1", 600, Map.of("TAX", 600L));
        transaction(SettlementLineType.PAYMENT, "p2", "p2", 1_200, Map.of("TRANSPORT", 1_200L));
        transaction(SettlementLineType.PAYMENT, "p3", "p3", 300, Map.of("TAX", 300L));
        transaction(SettlementLineType.REFUND, "p1", "r1", 100, Map.of("TAX", 100L));
        fixture = new AggregateTestFixture<>(Settlement.class);
        fixture.registerInjectableResource(new InMemoryPaymentCatalog().withProvider(new ProviderTerms(PROVIDER, "LINE Pay",
                ProviderKind.THIRD_PARTY, List.of("app"), "provider-secret/LINE-PAY")));
        fixture.registerInjectableResource(new FixtureClock(fixture::currentTime, TAIPEI));
        fixture.registerInjectableResource(new ProviderLedger() {
            @Override
            public Map<Key, Transaction> find(String providerCode, Collection<Key> keys) {
                Map<Key, Transaction> found = new HashMap<>();
                keys.stream().filter(ledger::containsKey).forEach(key -> found.put(key, ledger.get(key)));
                return found;
            }

            @Override
            public List<Transaction> on(String providerCode, LocalDate day) {
                return new ArrayList<>(ledger.values().stream().filter(t -> t.businessDate().equals(day))
                        .sorted(java.util.Comparator.comparing(t -> t.key().reference())).toList());
            }
        });
    }

    private void transaction(SettlementLineType kind, String paymentId, String reference, long amount, Map<String, Long> shares) {
        Key key = new Key(kind, paymentId, reference);
        ledger.put(key, new Transaction(key, Money.twd(amount), DAY, shares));
    }

    private static SettlementFileLine line(int number, SettlementLineType type, String paymentId, String reference, long amount, long fee) {
        return new SettlementFileLine(number, "LP-" + number, type, paymentId, reference, Money.twd(amount), Money.twd(fee),
                Instant.parse("2025-11-25T03:00:00Z"));
    }

    /** The file a provider would send with these lines; its id and SHA-256 follow from its bytes. */
    private ImportSettlementFile importing(SettlementFileLine... lines) {
        String file = SettlementFile.write(PROVIDER, DAY, List.of(lines));
        byte[] bytes = file.getBytes(StandardCharsets.UTF_8);
        id = SettlementCommands.settlementId(PROVIDER, bytes);
        sha = SettlementCommands.fileSha256(bytes);
        return new ImportSettlementFile(id, PROVIDER, file, "cmd-import", OPERATOR);
    }

    private SettlementJournalEntryRecorded entry(int number, String cause, JournalLine... lines) {
        return new SettlementJournalEntryRecorded(id, id + "/" + number, cause, NOW, List.of(lines));
    }

    @Test
    void a_file_that_agrees_with_the_ledger_matches_every_line_and_books_refunds_fees_and_the_transfer() {
        SettlementFileLine p1 = line(2, SettlementLineType.PAYMENT, "p1", "p1", 600, 9);
        SettlementFileLine p2 = line(3, SettlementLineType.PAYMENT, "p2", "p2", 1_200, 18);
        SettlementFileLine p3 = line(4, SettlementLineType.PAYMENT, "p3", "p3", 300, 5);
        SettlementFileLine r1 = line(5, SettlementLineType.REFUND, "p1", "r1", 100, 0);
        fixture.givenCurrentTime(NOW)
                .when(importing(p1, p2, p3, r1))
                .expectEvents(new SettlementFileImported(id, PROVIDER, DAY, sha, List.of(matched(p1, 600), matched(p2, 1_200),
                                matched(p3, 300), matched(r1, 100)), Money.twd(2_200), Money.twd(32), NOW),
                        entry(1, "settlement-refunds", JournalLine.debit("refunds-payable:TAX", "TAX", 100, "TWD"),
                                JournalLine.credit(CLEARING, "TAX", 100, "TWD")),
                        entry(2, "settlement-fees", JournalLine.debit(FEES, null, 32, "TWD"), JournalLine.credit(CLEARING, null, 32, "TWD")),
                        // 600 + 1,200 + 300 - 100 refunded - 32 fees.
                        entry(3, "settlement-transfer", JournalLine.debit("bank", null, 1_968, "TWD"),
                                JournalLine.credit(CLEARING, null, 1_968, "TWD")));
    }

    @Test
    void each_planted_error_is_one_discrepancy_missing_unexpected_or_mismatched() {
        SettlementFileLine p1 = line(2, SettlementLineType.PAYMENT, "p1", "p1", 600, 9);
        SettlementFileLine p2 = line(3, SettlementLineType.PAYMENT, "p2", "p2", 1_210, 18);
        SettlementFileLine stranger = line(4, SettlementLineType.PAYMENT, "p9", "p9", 450, 7);
        SettlementFileLine r1 = line(5, SettlementLineType.REFUND, "p1", "r1", 100, 0);
        fixture.givenCurrentTime(NOW)
                .when(importing(p1, p2, stranger, r1))
                .expectEvents(new SettlementFileImported(id, PROVIDER, DAY, sha, List.of(matched(p1, 600),
                                new SettlementLine(p2, ReconciliationOutcome.AMOUNT_MISMATCH, Money.twd(1_200)),
                                new SettlementLine(stranger, ReconciliationOutcome.UNEXPECTED_IN_SETTLEMENT, null), matched(r1, 100)),
                                Money.twd(2_360), Money.twd(34), NOW),
                        new SettlementDiscrepancyFound(id, "d1", ReconciliationOutcome.AMOUNT_MISMATCH, 3, SettlementLineType.PAYMENT, "LP-3",
                                "p2", "p2", Money.twd(1_200), Money.twd(1_210), NOW),
                        new SettlementDiscrepancyFound(id, "d2", ReconciliationOutcome.UNEXPECTED_IN_SETTLEMENT, 4, SettlementLineType.PAYMENT,
                                "LP-4", "p9", "p9", null, Money.twd(450), NOW),
                        new SettlementDiscrepancyFound(id, "d3", ReconciliationOutcome.MISSING_IN_SETTLEMENT, null, SettlementLineType.PAYMENT,
                                null, "p3", "p3", Money.twd(300), null, NOW),
                        entry(1, "settlement-refunds", JournalLine.debit("refunds-payable:TAX", "TAX", 100, "TWD"),
                                JournalLine.credit(CLEARING, "TAX", 100, "TWD")),
                        entry(2, "settlement-fees", JournalLine.debit(FEES, null, 34, "TWD"), JournalLine.credit(CLEARING, null, 34, "TWD")),
                        entry(3, "settlement-transfer", JournalLine.debit("bank", null, 2_126, "TWD"),
                                JournalLine.credit(CLEARING, null, 2_126, "TWD")));
    }

    @Test
    void the_same_file_again_changes_nothing() {
        SettlementFileLine p1 = line(2, SettlementLineType.PAYMENT, "p1", "p1", 600, 0);
        ImportSettlementFile again = importing(p1);
        fixture.givenCurrentTime(NOW)
                .andGiven(new SettlementFileImported(id, PROVIDER, DAY, sha, List.of(matched(p1, 600)), Money.twd(600), Money.twd(0), NOW))
                .when(again)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_chargeback_of_a_known_payment_matches_and_is_returned_for_recording_on_the_payment() {
        SettlementFileLine chargeback = line(2, SettlementLineType.CHARGEBACK, "p2", "CB-77", 1_200, 0);
        fixture.givenCurrentTime(NOW)
                .when(importing(chargeback))
                .expectResultMessagePayloadMatching(new org.hamcrest.CustomTypeSafeMatcher<SettlementResult>("one chargeback to record") {
                    @Override
                    protected boolean matchesSafely(SettlementResult result) {
                        return result.matched() == 1 && result.chargebacks().equals(List.of(
                                new SettlementResult.Chargeback("p2", Settlement.chargebackId(PROVIDER, "LP-2"), Money.twd(1_200), "LP-2")));
                    }
                });
    }

    @Test
    void only_an_operator_or_the_ledger_imports_a_settlement() {
        fixture.givenNoPriorActivity()
                .when(new ImportSettlementFile(id, PROVIDER, SettlementFile.write(PROVIDER, DAY, List.of()), "cmd",
                        Actor.officer("officer-1", "TAX")))
                .expectNoEvents()
                .expectException(violates(Kind.FORBIDDEN, "SettlementsAreImportedByOperators"));
    }

    @Test
    void a_settlement_id_that_does_not_follow_from_the_file_is_refused() {
        ImportSettlementFile file = importing(line(2, SettlementLineType.PAYMENT, "p1", "p1", 600, 0));
        fixture.givenNoPriorActivity()
                .when(new ImportSettlementFile("stl-other", PROVIDER, file.file(), "cmd", OPERATOR))
                .expectNoEvents()
                .expectException(violates(Kind.INVALID, "SettlementIsIdentifiedByItsFile"));
    }

    @Test
    void a_provider_transaction_is_listed_once() {
        SettlementFileLine first = line(2, SettlementLineType.PAYMENT, "p1", "p1", 600, 0);
        SettlementFileLine again = new SettlementFileLine(3, "LP-2", SettlementLineType.PAYMENT, "p2", "p2", Money.twd(1_200),
                Money.twd(0), NOW);
        fixture.givenNoPriorActivity()
                .when(importing(first, again))
                .expectNoEvents()
                .expectException(violates(Kind.INVALID, "ProviderTransactionIsListedOnce"));
    }

    @Test
    void resolving_by_adjusting_clearing_books_the_difference_away_once() {
        SettlementFileLine p2 = line(3, SettlementLineType.PAYMENT, "p2", "p2", 1_210, 0);
        Object[] imported = {new SettlementFileImported(id, PROVIDER, DAY, sha,
                List.of(new SettlementLine(p2, ReconciliationOutcome.AMOUNT_MISMATCH, Money.twd(1_200))), Money.twd(1_210), Money.twd(0), NOW),
            new SettlementDiscrepancyFound(id, "d1", ReconciliationOutcome.AMOUNT_MISMATCH, 3, SettlementLineType.PAYMENT, "LP-3", "p2", "p2",
                    Money.twd(1_200), Money.twd(1_210), NOW),
            entry(1, "settlement-transfer", JournalLine.debit("bank", null, 1_210, "TWD"), JournalLine.credit(CLEARING, null, 1_210, "TWD"))};
        ResolveSettlementDiscrepancy resolve = new ResolveSettlementDiscrepancy(id, PROVIDER, "d1", DiscrepancyResolution.ADJUST_CLEARING,
                "payer paid NT$10 too much at the counter; owed back", "cmd-resolve", OPERATOR);
        fixture.givenCurrentTime(NOW)
                .andGiven(imported)
                .when(resolve)
                // The provider settled NT$10 more than the ledger booked: clearing is NT$10 in credit, owed back as an overpayment.
                .expectEvents(new SettlementDiscrepancyResolved(id, "d1", DiscrepancyResolution.ADJUST_CLEARING, resolve.reason(), NOW),
                        entry(2, "settlement-correction", JournalLine.debit(CLEARING, null, 10, "TWD"),
                                JournalLine.credit("overpayments", null, 10, "TWD")));
        fixture.givenCurrentTime(NOW)
                .andGiven(imported)
                .andGiven(new SettlementDiscrepancyResolved(id, "d1", DiscrepancyResolution.CARRIED_FORWARD, "later file", NOW))
                .when(resolve)
                .expectNoEvents()
                .expectException(violates(Kind.CONFLICT, "DiscrepancyIsResolvedOnce"));
    }

    private static SettlementLine matched(SettlementFileLine line, long ledgerAmount) {
        return new SettlementLine(line, ReconciliationOutcome.MATCHED, Money.twd(ledgerAmount));
    }
}
