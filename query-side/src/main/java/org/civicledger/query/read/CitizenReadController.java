package org.civicledger.query.read;

import org.civicledger.query.http.InvalidRequestException;
import org.civicledger.query.security.ReadAccess;
import org.civicledger.projections.casestatus.CaseStatusQueries;
import org.civicledger.projections.casestatus.CaseSummary;
import org.civicledger.projections.citizenhistory.CitizenHistoryQueries;
import org.civicledger.projections.citizenhistory.TimelineEntry;
import org.civicledger.projections.support.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads what concerns one citizen account: their cases and their timeline, newest first, paged. The timeline holds
 * everything that concerns them (cases, bills, payments with refunds and chargebacks, grants, receipts and documents);
 * {@code ?category=} keeps one kind.
 *
 * <p>Read by the citizen themselves and by auditors only: officers see cases through their agency's queue,
 * and a citizen's cases at other agencies are none of theirs.
 */
@RestController
@RequestMapping("/api/v1/citizens/{subject}")
public class CitizenReadController {

    private final CaseStatusQueries cases;
    private final CitizenHistoryQueries history;

    public CitizenReadController(CaseStatusQueries cases, CitizenHistoryQueries history) {
        this.cases = cases;
        this.history = history;
    }

    @GetMapping("/cases")
    public Page<CaseSummary> cases(@PathVariable String subject,
                                   @RequestParam(required = false) Integer page,
                                   @RequestParam(required = false) Integer size) {
        ReadAccess.requireCitizenReadable(subject);
        return cases.byCitizen(ReadRequests.identifier("subject", subject), ReadRequests.page(page, size));
    }

    @GetMapping("/history")
    public Page<TimelineEntry> history(@PathVariable String subject,
                                       @RequestParam(required = false) String category,
                                       @RequestParam(required = false) Integer page,
                                       @RequestParam(required = false) Integer size) {
        ReadAccess.requireCitizenReadable(subject);
        String about = category == null || category.isBlank() ? null : category.trim().toLowerCase(java.util.Locale.ROOT);
        if (about != null && !CitizenHistoryQueries.CATEGORIES.contains(about)) {
            throw new InvalidRequestException("category", "category must be one of " + CitizenHistoryQueries.CATEGORIES);
        }
        return history.timeline(ReadRequests.identifier("subject", subject), about, ReadRequests.page(page, size));
    }
}
