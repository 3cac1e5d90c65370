package org.civicledger.command.settlements;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.RuleViolation;
import org.civicledger.events.settlements.SettlementCommands;
import org.civicledger.events.settlements.SettlementFileLine;
import org.civicledger.events.settlements.SettlementLineType;

/**
 * A provider's settlement file: reads and writes the CSV described in docs/payments.md ("Settlement files").
 *
 * <pre>
 * record_type,provider_code,settlement_date,provider_transaction_id,type,payment_id,ledger_reference,amount_minor,currency,fee_minor,transacted_at
 * D,LINE-PAY,2026-11-25,LP-20261125-000001,payment,&lt;payment id&gt;,&lt;payment id&gt;,600,TWD,9,2026-11-25T02:15:00Z
 * T,LINE-PAY,2026-11-25,1,600,9,TWD
 * </pre>
 *
 * The header row names the columns exactly; each {@code D} row is a transaction; the one {@code T} row, last,
 * holds the count of {@code D} rows and the sums of their amounts and fees, which must agree (a truncated
 * transfer is refused, not half imported). Parsed with Apache Commons CSV (RFC 4180: quotes, CRLF or LF).
 * Every refusal is a {@link RuleViolation} naming the field {@code file} and the line.
 */
public final class SettlementFile {

    public static final List<String> COLUMNS = List.of("record_type", "provider_code", "settlement_date", "provider_transaction_id", "type",
            "payment_id", "ledger_reference", "amount_minor", "currency", "fee_minor", "transacted_at");
    public static final int TRAILER_FIELDS = 7;
    private static final String RULE = "SettlementFileIsWellFormed";
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();
    // Compiled once: a file of 100,000 lines checks each pattern 100,000 times (String.matches compiles every call).
    private static final Pattern PROVIDER_TRANSACTION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");
    private static final Pattern PAYMENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern MINOR = Pattern.compile("[0-9]{1,15}");

    private SettlementFile() {
    }

    /** A parsed file: its provider and day, its lines, and the SHA-256 of its bytes (its identity). */
    public record Parsed(String providerCode, LocalDate settlementDate, List<SettlementFileLine> lines, String sha256) {

    }

    /**
     * Parses a file sent for {@code providerCode}.
     *
     * @throws RuleViolation (invalid, field {@code file}) naming the line and what is wrong with it
     */
    public static Parsed parse(byte[] bytes, String providerCode) {
        String text = decode(bytes);
        List<SettlementFileLine> lines = new ArrayList<>();
        LocalDate date = null;
        boolean trailer = false;
        long amountTotal = 0;
        long feeTotal = 0;
        String currency = null;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            for (CSVRecord record : parser) {
                int number = Math.toIntExact(record.getRecordNumber());
                if (number == 1) {
                    if (!record.toList().equals(COLUMNS)) {
                        throw invalid(number, "the first row names the columns " + String.join(",", COLUMNS));
                    }
                    continue;
                }
                if (trailer) {
                    throw invalid(number, "nothing follows the trailer row");
                }
                String recordType = record.get(0);
                if (!record.get(1).equals(providerCode)) {
                    throw invalid(number, "provider_code is " + record.get(1) + ", not the provider " + providerCode + " this file is sent for");
                }
                LocalDate rowDate = date(number, record.get(2));
                if (date != null && !date.equals(rowDate)) {
                    throw invalid(number, "settlement_date differs from the first row's " + date);
                }
                date = rowDate;
                if ("T".equals(recordType)) {
                    if (record.size() != TRAILER_FIELDS) {
                        throw invalid(number, "the trailer row has " + TRAILER_FIELDS + " fields: T,provider_code,settlement_date,count,"
                                + "amount_total,fee_total,currency");
                    }
                    trailer = true;
                    if (minor(number, "count", record.get(3)) != lines.size()
                            || minor(number, "amount_total", record.get(4)) != amountTotal
                            || minor(number, "fee_total", record.get(5)) != feeTotal
                            || (currency != null && !currency.equals(record.get(6)))) {
                        throw invalid(number, "the trailer says " + record.get(3) + " lines, " + record.get(4) + " " + record.get(6) + " and fees "
                                + record.get(5) + "; the file holds " + lines.size() + " lines, " + amountTotal + " and fees " + feeTotal);
                    }
                    continue;
                }
                if (!"D".equals(recordType)) {
                    throw invalid(number, "record_type is D (a transaction) or T (the trailer)");
                }
                if (record.size() != COLUMNS.size()) {
                    throw invalid(number, "a transaction row has " + COLUMNS.size() + " fields, this one " + record.size());
                }
                SettlementFileLine line = line(number, record);
                if (currency == null) {
                    currency = line.amount().currency();
                }
                amountTotal = Math.addExact(amountTotal, line.amount().amountMinor());
                feeTotal = Math.addExact(feeTotal, line.fee().amountMinor());
                lines.add(line);
                if (lines.size() > Settlement.LINES_MAX) {
                    throw invalid(number, "a settlement file holds at most " + Settlement.LINES_MAX + " lines");
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException malformed) {
            throw RuleViolation.invalid(RULE, "file", "the file is not well-formed CSV: " + malformed.getMessage());
        }
        if (date == null) {
            throw RuleViolation.invalid(RULE, "file", "the file holds no header row and trailer");
        }
        if (!trailer) {
            throw RuleViolation.invalid(RULE, "file", "the file ends without its trailer row (truncated?)");
        }
        return new Parsed(providerCode, date, List.copyOf(lines), sha256(bytes));
    }

    /** Writes a settlement file (the demo's providers, tests and the benchmark write them as a provider would). */
    public static String write(String providerCode, LocalDate date, List<SettlementFileLine> lines) {
        StringBuilder out = new StringBuilder();
        long amountTotal = 0;
        long feeTotal = 0;
        String currency = lines.isEmpty() ? Money.TWD : lines.get(0).amount().currency();
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            printer.printRecord(COLUMNS);
            for (SettlementFileLine line : lines) {
                printer.printRecord("D", providerCode, date, line.providerTransactionId(), line.type().name().toLowerCase(Locale.ROOT),
                        line.paymentId(), line.ledgerReference(), line.amount().amountMinor(), line.amount().currency(),
                        line.fee().amountMinor(), line.transactedAt());
                amountTotal += line.amount().amountMinor();
                feeTotal += line.fee().amountMinor();
            }
            printer.printRecord("T", providerCode, date, lines.size(), amountTotal, feeTotal, currency);
        } catch (IOException cannot) {
            throw new UncheckedIOException(cannot);
        }
        return out.toString();
    }

    public static String sha256(byte[] bytes) {
        return SettlementCommands.fileSha256(bytes);
    }

    private static SettlementFileLine line(int number, CSVRecord record) {
        String providerTransactionId = record.get(3);
        if (!PROVIDER_TRANSACTION_ID.matcher(providerTransactionId).matches()) {
            throw invalid(number, "provider_transaction_id is 1 to 128 letters, digits and . _ : / -");
        }
        SettlementLineType type;
        try {
            type = SettlementLineType.valueOf(record.get(4).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw invalid(number, "type is payment, refund or chargeback");
        }
        String paymentId = record.get(5);
        String reference = record.get(6);
        if (!PAYMENT_ID.matcher(paymentId).matches() || !PROVIDER_TRANSACTION_ID.matcher(reference).matches()) {
            throw invalid(number, "payment_id and ledger_reference are the ledger's ids (letters, digits, . _ -)");
        }
        String currency = record.get(8);
        if (!CURRENCY.matcher(currency).matches()) {
            throw invalid(number, "currency is an ISO 4217 code such as TWD");
        }
        long amount = minor(number, "amount_minor", record.get(7));
        if (amount == 0) {
            throw invalid(number, "amount_minor is more than zero (the type says which way the money goes)");
        }
        long fee = minor(number, "fee_minor", record.get(9));
        Instant transactedAt;
        try {
            transactedAt = Instant.parse(record.get(10));
        } catch (DateTimeParseException bad) {
            throw invalid(number, "transacted_at is an ISO-8601 instant such as 2026-11-25T02:15:00Z");
        }
        return new SettlementFileLine(number, providerTransactionId, type, paymentId, reference, new Money(amount, currency),
                new Money(fee, currency), transactedAt);
    }

    private static long minor(int number, String column, String value) {
        if (!MINOR.matcher(value).matches()) {
            throw invalid(number, column + " is a whole number of minor units (no sign, no decimals), at most 15 digits");
        }
        return Long.parseLong(value);
    }

    private static LocalDate date(int number, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException bad) {
            throw invalid(number, "settlement_date is a date such as 2026-11-25");
        }
    }

    private static String decode(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException notUtf8) {
            throw RuleViolation.invalid(RULE, "file", "the file is UTF-8 text");
        }
    }

    private static RuleViolation invalid(int line, String reason) {
        return RuleViolation.invalid(RULE, "file", "line " + line + ": " + reason);
    }
}
