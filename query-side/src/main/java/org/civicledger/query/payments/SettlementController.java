package org.civicledger.query.payments;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.civicledger.events.settlements.DiscrepancyResolution;
import org.civicledger.events.settlements.SettlementCommands.ResolveSettlementDiscrepancy;
import org.civicledger.projections.settlements.SettlementReport;
import org.civicledger.projections.settlements.SettlementReportQueries;
import org.civicledger.query.audit.AuditCsv;
import org.civicledger.query.http.InvalidRequestException;
import org.civicledger.query.http.RequestText;
import org.civicledger.query.http.SingleLine;
import org.civicledger.query.write.CommandContext;
import org.civicledger.query.write.CommandSender;
import org.civicledger.query.write.CommandSender.Sent;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Providers' settlement files and their reconciliation: an operator posts a provider's file (CSV, see
 * docs/payments.md), the ledger reconciles it line by line and books the money; an operator resolves each
 * discrepancy with a reason; auditors and operators read the reconciliation of a provider's day as JSON or CSV.
 *
 * <p>The settlement's id is derived from the provider and the file's SHA-256, so the same file posted again
 * (with any Idempotency-Key) lands on the same settlement and changes nothing. Chargebacks the file names are
 * recorded on their payments after the import, under ids derived from the provider's transaction id, so a
 * repeated import records none twice and finishes what an interrupted one began.
 */
@RestController
@Tag(name = "Settlements", description = "Import providers' settlement files, resolve discrepancies, reconciliation reports")
public class SettlementController {

    static final CommandSender.Target SETTLEMENT = new CommandSender.Target("settlement", "settlementId", "SettlementIsKnown");
    static final List<String> REPORT_COLUMNS = List.of("settlement_id", "line_number", "outcome", "type", "provider_transaction_id",
            "payment_id", "ledger_reference", "settled_minor", "ledger_minor", "fee_minor", "currency", "discrepancy_id", "resolution",
            "resolution_reason", "resolved_at");

    private final CommandSender sender;
    private final ObjectMapper objectMapper;
    private final SettlementReportQueries reports;
    private final SettlementImports imports;

    public SettlementController(CommandSender sender, ObjectMapper objectMapper, SettlementReportQueries reports, SettlementImports imports) {
        this.sender = sender;
        this.objectMapper = objectMapper;
        this.reports = reports;
        this.imports = imports;
    }

    /** How an operator resolves a discrepancy: adjust_clearing (book the difference away) or carried_forward, with the reason. */
    public record ResolutionBody(
            @NotBlank @Pattern(regexp = "adjust_clearing|carried_forward", message = "must be adjust_clearing or carried_forward")
            String resolution,
            @NotBlank @Size(max = 500) @SingleLine String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResolutionAnswer(String settlementId, String discrepancyId, String resolution, boolean duplicate, Long position) {
    }

    @PostMapping("/api/v1/providers/{code}/settlements")
    @Operation(summary = "Import a provider's settlement file (text/csv) and reconcile it",
            description = "By an operator; 201 with the reconciliation's counts, 200 when the same file was imported before")
    public ResponseEntity<SettlementImports.SettlementAnswer> importFile(@PathVariable String code, @RequestBody(required = false) byte[] file,
                                                       @Parameter(hidden = true) CommandContext context) {
        requireCode("code", code);
        if (file == null || file.length == 0) {
            throw new InvalidRequestException("file", "the body is the provider's settlement file (text/csv)");
        }
        SettlementImports.SettlementAnswer answer = imports.importFile(code, file, context);
        return answer.duplicate() ? ResponseEntity.ok(answer) : ResponseEntity.created(URI.create(answer.report())).body(answer);
    }

    @PostMapping("/api/v1/providers/{code}/settlements/{settlementId}/discrepancies/{discrepancyId}/resolution")
    @Operation(summary = "Resolve a settlement discrepancy with a reason (a correction event; with adjust_clearing, a correcting entry)")
    public ResolutionAnswer resolve(@PathVariable String code, @PathVariable String settlementId, @PathVariable String discrepancyId,
                                    @Valid @RequestBody ResolutionBody body, @Parameter(hidden = true) CommandContext context) {
        requireCode("code", code);
        requireCode("settlementId", settlementId);
        requireCode("discrepancyId", discrepancyId);
        DiscrepancyResolution resolution = DiscrepancyResolution.valueOf(body.resolution().toUpperCase(Locale.ROOT));
        Sent sent = sender.send(new ResolveSettlementDiscrepancy(settlementId, code, discrepancyId, resolution, body.reason(),
                context.commandId(), context.actor()), context, settlementId, SETTLEMENT);
        ResolveResult result = objectMapper.convertValue(sent.result(), ResolveResult.class);
        return new ResolutionAnswer(settlementId, discrepancyId, body.resolution(), result.duplicate(), sent.position());
    }

    @GetMapping("/api/v1/providers/{code}/reconciliation/{date}")
    @Operation(summary = "The reconciliation of a provider's settlement day: files, outcome counts, every transaction (JSON)")
    public SettlementReport report(@PathVariable String code, @PathVariable String date) {
        return find(code, date);
    }

    @GetMapping(value = "/api/v1/providers/{code}/reconciliation/{date}.csv", produces = "text/csv")
    @Operation(summary = "The reconciliation of a provider's settlement day as CSV (RFC 4180, spreadsheet formulas defused)")
    public ResponseEntity<String> reportCsv(@PathVariable String code, @PathVariable String date) {
        SettlementReport report = find(code, date);
        StringBuilder csv = new StringBuilder(line(REPORT_COLUMNS));
        for (SettlementReport.Item item : report.items()) {
            csv.append(line(Arrays.asList(item.settlementId(), text(item.lineNumber()), item.outcome(), item.type(),
                    item.providerTransactionId(), item.paymentId(), item.ledgerReference(), text(item.settledMinor()), text(item.ledgerMinor()),
                    text(item.feeMinor()), item.currency(), item.discrepancyId(), item.resolution(), item.resolutionReason(),
                    text(item.resolvedAt()))));
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"reconciliation-" + code + "-" + report.settlementDate() + ".csv\"")
                .body(csv.toString());
    }

    private SettlementReport find(String code, String date) {
        requireCode("code", code);
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeParseException bad) {
            throw new InvalidRequestException("date", "date is a settlement day such as 2026-11-25");
        }
        return reports.report(code, day).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no settlement file of " + code + " for " + day + " has been imported (or the report is not yet up to date)"));
    }

    private static String line(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(i > 0 ? "," : "").append(AuditCsv.cell(cells.get(i)));
        }
        return line.append("\r\n").toString();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static void requireCode(String field, String value) {
        if (!value.matches(RequestText.CODE)) {
            throw new InvalidRequestException(field, field + " " + RequestText.CODE_MESSAGE);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResolveResult(boolean duplicate) {
    }
}
