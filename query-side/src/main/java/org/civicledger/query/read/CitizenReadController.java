package org.civicledger.query.read;

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
 * Reads what concerns one citizen account: their cases and their timeline, newest first, paged.
 *
 * <p>Open to anyone until sign-in arrives (a later issue restricts it to the citizen and officers).
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
        return cases.byCitizen(ReadRequests.identifier("subject", subject), ReadRequests.page(page, size));
    }

    @GetMapping("/history")
    public Page<TimelineEntry> history(@PathVariable String subject,
                                       @RequestParam(required = false) Integer page,
                                       @RequestParam(required = false) Integer size) {
        return history.timeline(ReadRequests.identifier("subject", subject), ReadRequests.page(page, size));
    }
}
