package org.civicledger.ops.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.civicledger.command.settlements.SettlementFile;
import org.civicledger.events.common.Money;
import org.civicledger.events.settlements.ReconciliationOutcome;
import org.civicledger.events.settlements.SettlementFileLine;
import org.civicledger.events.settlements.SettlementLineType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes the settlement files the demo's providers would send: one per provider per day with transactions, each
 * line as the provider records it (its own transaction id, the ledger's payment or refund id, the amount, its
 * fee by the provider's tariff), with a trailer of count and totals.
 *
 * <p>The simulated provider's records are the ledger's own ({@code cmd_provider_transaction}), so a file
 * reconciles exactly, except where errors are planted on purpose: the first payment left out (missing in
 * settlement), the second settled NT$10 higher (amount mismatch), a payment the ledger never saw (unexpected in
 * settlement). A planted file also charges back its third payment in full when there is one (a matched
 * chargeback, which the import records on the payment). What was planted is returned, so a test can check the
 * reconciliation reports exactly that.
 */
public final class DemoSettlementFiles {

    /** What the planted file gets wrong on purpose; amounts in minor units, null where that side has none. */
    public record Planted(ReconciliationOutcome kind, String paymentId, Long ledgerMinor, Long settledMinor) {
    }

    /** One provider's file of one day, its text and what was planted in it. */
    public record ProviderFile(String providerCode, LocalDate day, String text, int lines, List<Planted> planted, String chargedBack) {

        public Path pathUnder(Path directory) {
            return directory.resolve(providerCode).resolve(day + ".csv");
        }
    }

    private record LedgerTransaction(SettlementLineType kind, String paymentId, String reference, long amountMinor, String currency,
                                     Instant occurredAt) {
    }

    private final JdbcTemplate jdbc;

    public DemoSettlementFiles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The days on which the provider has succeeded payments or refunds, oldest first. */
    public List<LocalDate> days(String providerCode) {
        return jdbc.queryForList("SELECT DISTINCT business_date FROM cmd_provider_transaction WHERE provider_code = ? AND status = 'SUCCEEDED' "
                + "AND business_date IS NOT NULL ORDER BY business_date", LocalDate.class, providerCode);
    }

    /** The provider's file of {@code day}; with {@code plant}, the errors above (when the day has two payments or more). */
    public ProviderFile file(String providerCode, LocalDate day, boolean plant) {
        List<LedgerTransaction> transactions = jdbc.query("SELECT kind, payment_id, reference, amount_minor, currency, occurred_at "
                        + "FROM cmd_provider_transaction WHERE provider_code = ? AND business_date = ? AND status = 'SUCCEEDED' "
                        + "ORDER BY occurred_at, payment_id, reference",
                (rs, row) -> new LedgerTransaction(SettlementLineType.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getObject(6, Timestamp.class).toInstant()), providerCode, day);
        List<LedgerTransaction> payments = transactions.stream().filter(t -> t.kind() == SettlementLineType.PAYMENT).toList();
        boolean planting = plant && payments.size() >= 2;
        List<Planted> planted = new ArrayList<>();
        List<SettlementFileLine> lines = new ArrayList<>();
        String prefix = providerCode + "-" + day.format(DateTimeFormatter.BASIC_ISO_DATE) + "-";
        int sequence = 0;
        String chargedBack = null;
        for (LedgerTransaction transaction : transactions) {
            sequence++;
            long amount = transaction.amountMinor();
            if (planting && transaction == payments.get(0)) {
                planted.add(new Planted(ReconciliationOutcome.MISSING_IN_SETTLEMENT, transaction.paymentId(), amount, null));
                continue;
            }
            if (planting && transaction == payments.get(1)) {
                planted.add(new Planted(ReconciliationOutcome.AMOUNT_MISMATCH, transaction.paymentId(), amount, amount + 10));
                amount += 10;
            }
            lines.add(line(lines.size() + 2, prefix + String.format("%06d", sequence), transaction.kind(), transaction.paymentId(),
                    transaction.reference(), amount, transaction.currency(), transaction.occurredAt(), providerCode));
        }
        if (planting) {
            String stranger = "ext-" + prefix.toLowerCase() + "000000";
            Instant at = day.atStartOfDay(java.time.ZoneOffset.ofHours(8)).plusHours(12).toInstant();
            lines.add(line(lines.size() + 2, prefix + "900001", SettlementLineType.PAYMENT, stranger, stranger, 500, Money.TWD, at,
                    providerCode));
            planted.add(new Planted(ReconciliationOutcome.UNEXPECTED_IN_SETTLEMENT, stranger, null, 500L));
            if (payments.size() >= 3 && !hasRefund(transactions, payments.get(2).paymentId())) {
                LedgerTransaction disputed = payments.get(2);
                chargedBack = disputed.paymentId();
                lines.add(line(lines.size() + 2, prefix + "900002", SettlementLineType.CHARGEBACK, disputed.paymentId(), prefix + "CB1",
                        disputed.amountMinor(), disputed.currency(), disputed.occurredAt().plusSeconds(3_600), providerCode));
            }
        }
        return new ProviderFile(providerCode, day, SettlementFile.write(providerCode, day, lines), lines.size(), List.copyOf(planted),
                chargedBack);
    }

    /** Writes every provider's files of every day with transactions under {@code directory}; plants errors in {@code planted}'s. */
    public List<ProviderFile> writeAll(Path directory, List<String> providerCodes, String plantedProvider, LocalDate plantedDay) {
        List<ProviderFile> files = new ArrayList<>();
        for (String provider : providerCodes) {
            for (LocalDate day : days(provider)) {
                ProviderFile file = file(provider, day, provider.equals(plantedProvider) && day.equals(plantedDay));
                Path path = file.pathUnder(directory);
                try {
                    Files.createDirectories(path.getParent());
                    Files.writeString(path, file.text(), StandardCharsets.UTF_8);
                } catch (IOException cannot) {
                    throw new UncheckedIOException("cannot write the settlement file " + path, cannot);
                }
                files.add(file);
            }
        }
        return files;
    }

    private static boolean hasRefund(List<LedgerTransaction> transactions, String paymentId) {
        return transactions.stream().anyMatch(t -> t.kind() == SettlementLineType.REFUND && t.paymentId().equals(paymentId));
    }

    private static SettlementFileLine line(int lineNumber, String providerTransactionId, SettlementLineType type, String paymentId,
                                           String reference, long amountMinor, String currency, Instant at, String providerCode) {
        return new SettlementFileLine(lineNumber, providerTransactionId, type, paymentId, reference, new Money(amountMinor, currency),
                new Money(type == SettlementLineType.PAYMENT ? fee(providerCode, amountMinor) : 0, currency), at);
    }

    /**
     * A provider's fee on a payment, by a tariff in the style of Taiwan's: banks and convenience stores a fixed
     * charge per transaction, wallets and card acquirers a share of the amount (rounded down, at least NT$1).
     */
    static long fee(String providerCode, long amountMinor) {
        return switch (providerCode) {
            case "BANK-OF-TAIWAN", "LAND-BANK", "CHUNGHWA-POST", "TAIPEI-FUBON", "CTBC" -> Math.min(10, amountMinor);
            case "SEVEN-ELEVEN", "FAMILYMART", "HILIFE", "OK-MART" -> Math.min(6, amountMinor);
            case "CHT", "TAIWAN-MOBILE", "FAR-EASTONE" -> Math.max(1, amountMinor * 300 / 10_000);
            default -> Math.max(1, amountMinor * 150 / 10_000);
        };
    }
}
