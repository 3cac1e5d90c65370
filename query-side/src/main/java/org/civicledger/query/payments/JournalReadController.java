package org.civicledger.query.payments;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.TreeSet;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Role;
import org.civicledger.events.journal.TrialBalance;
import org.civicledger.projections.journal.JournalQueries;
import org.civicledger.query.http.InvalidRequestException;
import org.civicledger.query.http.RequestText;
import org.civicledger.query.security.LedgerAuthentication;
import org.civicledger.query.security.SecurityEvents;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The trial balance of the journal read model: balances per account, agency and currency at the end of a
 * day in the city's zone, their totals, and whether the ledger balances (zero city-wide and for every
 * agency). Auditors and operators read any; an officer reads their own agency's only.
 */
@RestController
@Tag(name = "Journal", description = "Trial balance of the double-entry journal")
public class JournalReadController {

    private final JournalQueries journal;
    private final ZoneId zone;
    private final ObjectProvider<Clock> clocks;

    public JournalReadController(JournalQueries journal, @Value("${ledger.zone:Asia/Taipei}") String zone, ObjectProvider<Clock> clocks) {
        this.journal = journal;
        this.zone = ZoneId.of(zone);
        this.clocks = clocks;
    }

    /** One account's totals for one agency (null: city-wide lines) and currency; balance is debit minus credit. */
    public record BalanceRow(String account, String agencyCode, String currency, long debitMinor, long creditMinor, long balanceMinor) {
    }

    public record CurrencyTotal(String currency, long totalMinor) {
    }

    /**
     * The trial balance as of the end of {@code asOf} ({@code bookedBefore} is the first moment of the next
     * day), over the journal read model up to {@code position} (the highest event position it holds).
     */
    public record TrialBalanceAnswer(LocalDate asOf, String agency, Instant bookedBefore, List<BalanceRow> rows,
                                     List<CurrencyTotal> totals, boolean zero, long position) {
    }

    @GetMapping("/api/v1/journal/trial-balance")
    @Operation(summary = "The trial balance as of the end of a day", description = "City-wide, or for one agency with agency=<code>")
    public TrialBalanceAnswer trialBalance(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                                           @RequestParam(required = false) String agency, HttpServletRequest request) {
        if (agency != null && !agency.matches(RequestText.CODE)) {
            throw new InvalidRequestException("agency", "agency " + RequestText.CODE_MESSAGE);
        }
        requireReadable(agency, request);
        LocalDate day = asOf != null ? asOf : LocalDate.now(clocks.getIfAvailable(Clock::systemUTC).withZone(zone));
        if (day.getYear() < 2000 || day.getYear() > 2200) {
            throw new InvalidRequestException("asOf", "asOf is a date from 2000 to 2200");
        }
        Instant before = day.plusDays(1).atStartOfDay(zone).toInstant();
        long position = journal.position();
        TrialBalance balance = journal.trialBalance(before, agency);
        List<BalanceRow> rows = balance.rows().stream().map(row -> new BalanceRow(row.account(), row.agencyCode(), row.currency(),
                row.debitMinor(), row.creditMinor(), row.balanceMinor())).toList();
        TreeSet<String> currencies = new TreeSet<>();
        balance.rows().forEach(row -> currencies.add(row.currency()));
        List<CurrencyTotal> totals = currencies.stream().map(currency -> new CurrencyTotal(currency, balance.totalMinor(currency))).toList();
        return new TrialBalanceAnswer(day, agency, before, rows, totals, balance.isZero(), position);
    }

    private static void requireReadable(String agency, HttpServletRequest request) {
        Actor actor = LedgerAuthentication.current().orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN,
                "this needs a signed-in auditor, operator or officer"));
        if (actor.role() == Role.AUDITOR || actor.role() == Role.OPERATOR || (agency != null && actor.isOfficerOf(agency))) {
            return;
        }
        SecurityEvents.denied(actor.role() == Role.OFFICER ? "other_agency" : "role", actor, request.getMethod(), request.getRequestURI());
        throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                "the journal is read by auditors and operators, and by an officer for their own agency (agency=<code>)");
    }
}
