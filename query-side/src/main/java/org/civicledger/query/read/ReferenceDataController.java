package org.civicledger.query.read;

import org.civicledger.query.security.ReadAccess;
import org.civicledger.projections.referencedata.AgencyView;
import org.civicledger.projections.referencedata.CalendarView;
import org.civicledger.projections.referencedata.CaseTypeView;
import org.civicledger.projections.referencedata.ReferenceDataQueries;
import org.civicledger.projections.support.Page;
import org.civicledger.query.http.InvalidRequestException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads reference data: agencies, case types (with the history of their terms) and the business calendar. */
@RestController
@RequestMapping("/api/v1/reference")
public class ReferenceDataController {

    static final int YEAR_MIN = 1990;
    static final int YEAR_MAX = 2200;

    private final ReferenceDataQueries reference;

    public ReferenceDataController(ReferenceDataQueries reference) {
        this.reference = reference;
    }

    @GetMapping("/agencies")
    public Page<AgencyView> agencies(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        ReadAccess.requireSignedIn();
        return reference.agencies(ReadRequests.page(page, size));
    }

    @GetMapping("/case-types")
    public Page<CaseTypeView> caseTypes(@RequestParam(required = false) String agency,
                                        @RequestParam(required = false) Integer page,
                                        @RequestParam(required = false) Integer size) {
        ReadAccess.requireSignedIn();
        String agencyCode = agency == null || agency.isBlank() ? null : ReadRequests.identifier("agency", agency);
        return reference.caseTypes(agencyCode, ReadRequests.page(page, size));
    }

    @GetMapping("/case-types/{caseTypeCode}")
    public CaseTypeView caseType(@PathVariable String caseTypeCode) {
        ReadAccess.requireSignedIn();
        return reference.caseType(ReadRequests.identifier("caseTypeCode", caseTypeCode))
                .orElseThrow(() -> ReadRequests.notFound("case type " + caseTypeCode + " is not known"));
    }

    @GetMapping("/calendar/{year}")
    public CalendarView calendar(@PathVariable int year) {
        ReadAccess.requireSignedIn();
        if (year < YEAR_MIN || year > YEAR_MAX) {
            throw new InvalidRequestException("year", "year is " + YEAR_MIN + " to " + YEAR_MAX);
        }
        return reference.calendar(year).orElseThrow(() -> ReadRequests.notFound("no calendar of " + year + " is known"));
    }
}
