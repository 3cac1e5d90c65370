package org.civicledger.query.payments;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.civicledger.projections.paymentsdashboard.PaymentsDashboard;
import org.civicledger.projections.paymentsdashboard.PaymentsDashboardQueries;
import org.civicledger.query.http.InvalidRequestException;
import org.civicledger.query.http.RequestText;
import org.civicledger.query.security.ReadAccess;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The payments dashboards: an agency's (its officers, auditors, operators) and the city's (auditors,
 * operators) revenue by fee class per day, payments by provider and channel with success and failure rates,
 * refunds and chargebacks, and bills outstanding and overdue today. Figures only, no personal data.
 * The period is {@code from}..{@code to}, days in the city's zone; by default the last 30 days up to today.
 */
@RestController
@Tag(name = "Payments dashboard")
public class PaymentsDashboardController {

    private static final int DEFAULT_DAYS = 30;

    private final PaymentsDashboardQueries dashboards;
    private final ZoneId zone;
    private final ObjectProvider<Clock> clocks;

    public PaymentsDashboardController(PaymentsDashboardQueries dashboards, @Value("${ledger.zone:Asia/Taipei}") String zone,
                                       ObjectProvider<Clock> clocks) {
        this.dashboards = dashboards;
        this.zone = ZoneId.of(zone);
        this.clocks = clocks;
    }

    @GetMapping("/api/v1/agencies/{agencyCode}/payments-dashboard")
    @Operation(summary = "An agency's payments dashboard for a period (from, to: dates, inclusive)")
    public PaymentsDashboard agency(@PathVariable String agencyCode,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        if (!agencyCode.matches(RequestText.CODE)) {
            throw new InvalidRequestException("agencyCode", "agencyCode " + RequestText.CODE_MESSAGE);
        }
        ReadAccess.requireAgencyDashboardReadable(agencyCode);
        return dashboard(agencyCode, from, to);
    }

    @GetMapping("/api/v1/payments-dashboard")
    @Operation(summary = "The city-wide payments dashboard for a period (from, to: dates, inclusive)")
    public PaymentsDashboard city(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        ReadAccess.requireCityDashboardReadable();
        return dashboard(null, from, to);
    }

    private PaymentsDashboard dashboard(String agencyCode, LocalDate from, LocalDate to) {
        LocalDate today = LocalDate.now(clocks.getIfAvailable(Clock::systemUTC).withZone(zone));
        LocalDate last = to != null ? to : today;
        LocalDate first = from != null ? from : last.minusDays(DEFAULT_DAYS - 1);
        if (first.getYear() < 2000 || last.getYear() > 2200) {
            throw new InvalidRequestException(from != null ? "from" : "to", "from and to are dates from 2000 to 2200");
        }
        if (first.isAfter(last)) {
            throw new InvalidRequestException("from", "from is on or before to");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > PaymentsDashboardQueries.DAYS_MAX) {
            throw new InvalidRequestException("to", "a dashboard covers at most " + PaymentsDashboardQueries.DAYS_MAX + " days");
        }
        return dashboards.dashboard(agencyCode, first, last, today);
    }
}
