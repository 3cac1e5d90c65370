package org.civicledger.query.read;

import org.civicledger.query.security.ReadAccess;
import java.time.Duration;
import org.civicledger.projections.casestatus.CaseStatusLookup;
import org.civicledger.projections.casestatus.CaseStatusQueries;
import org.civicledger.projections.casestatus.CaseStatusView;
import org.civicledger.query.http.InvalidRequestException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads cases: one case by id (optionally after waiting for the caller's own write to show), and the open
 * lookup by case number and case password that gives status, deadline and steps only.
 */
@RestController
@RequestMapping("/api/v1")
public class CaseReadController {

    /** Set on every case read: the global position of the last event the case row has applied. */
    public static final String POSITION_HEADER = "Read-Model-Position";
    /** Set to false when the wait for {@code minPosition} ran out: the case shown is older than the caller's write. */
    public static final String CAUGHT_UP_HEADER = "Read-Model-Caught-Up";
    static final long WAIT_MS_DEFAULT = 2_000;

    private final CaseStatusQueries cases;

    public CaseReadController(CaseStatusQueries cases) {
        this.cases = cases;
    }

    /**
     * A case with its steps. With {@code minPosition} (the position a write answered with), waits up to
     * {@code waitMs} (default 2 s, at most {@link CaseStatusQueries#AWAIT_MAX}) for the case to reach it.
     * Its applicant, officers of its agency and auditors read it; another citizen is told 404, as for an
     * unknown case (see {@link ReadAccess#requireCaseReadable}).
     */
    @GetMapping("/cases/{caseId}")
    public ResponseEntity<CaseStatusView> caseById(@PathVariable String caseId,
                                                   @RequestParam(required = false) Long minPosition,
                                                   @RequestParam(required = false) Long waitMs) {
        ReadRequests.identifier("caseId", caseId);
        ReadRequests.range("waitMs", waitMs, 0, CaseStatusQueries.AWAIT_MAX.toMillis());
        ReadRequests.range("minPosition", minPosition, 0, Long.MAX_VALUE);
        if (minPosition == null) {
            CaseStatusView found = cases.byId(caseId).orElseThrow(() -> ReadRequests.notFound("case " + caseId + " is not known"));
            ReadAccess.requireCaseReadable(found.agencyCode(), found.applicantSubject());
            return ResponseEntity.ok().header(POSITION_HEADER, Long.toString(found.lastPosition())).body(found);
        }
        CaseStatusQueries.Awaited awaited = cases.awaitCase(caseId, minPosition,
                Duration.ofMillis(waitMs == null ? WAIT_MS_DEFAULT : waitMs));
        CaseStatusView found = awaited.found().orElseThrow(() -> ReadRequests.notFound(
                "case " + caseId + " is not known (yet): the read model had not reached position " + minPosition));
        ReadAccess.requireCaseReadable(found.agencyCode(), found.applicantSubject());
        return ResponseEntity.ok()
                .header(POSITION_HEADER, Long.toString(found.lastPosition()))
                .header(CAUGHT_UP_HEADER, Boolean.toString(awaited.caughtUp()))
                .body(found);
    }

    /** What the applicant types in: the case number and case password from their acceptance notice. */
    public record CaseStatusLookupRequest(String caseNumber, String casePassword) {

        @Override
        public String toString() {
            return "CaseStatusLookupRequest[caseNumber=" + caseNumber + "]";
        }
    }

    /**
     * The open case-status lookup. A wrong pair is a 404 that does not say which half was wrong, so that the
     * lookup tells nobody which case numbers exist.
     */
    @PostMapping("/case-status/lookup")
    public CaseStatusLookup lookup(@RequestBody CaseStatusLookupRequest request) {
        if (request == null || request.caseNumber() == null || request.caseNumber().isBlank()
                || request.caseNumber().length() > CaseStatusQueries.CASE_NUMBER_LENGTH_MAX) {
            throw new InvalidRequestException("caseNumber", "caseNumber is required, at most "
                    + CaseStatusQueries.CASE_NUMBER_LENGTH_MAX + " characters");
        }
        if (request.casePassword() == null || request.casePassword().isEmpty()
                || request.casePassword().length() > CaseStatusQueries.CASE_PASSWORD_LENGTH_MAX) {
            throw new InvalidRequestException("casePassword", "casePassword is required, at most "
                    + CaseStatusQueries.CASE_PASSWORD_LENGTH_MAX + " characters");
        }
        return cases.byCaseNumberAndPassword(request.caseNumber().trim(), request.casePassword())
                .orElseThrow(() -> ReadRequests.notFound("no case matches this case number and case password"));
    }
}
