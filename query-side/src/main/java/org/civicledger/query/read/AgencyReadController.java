package org.civicledger.query.read;

import org.civicledger.query.security.ReadAccess;
import java.time.Clock;
import org.civicledger.projections.agencyqueue.AgencyQueueQueries;
import org.civicledger.projections.agencyqueue.CityDashboard;
import org.civicledger.projections.agencyqueue.DashboardFigures;
import org.civicledger.projections.casestatus.CaseSummary;
import org.civicledger.projections.support.Page;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads an agency's queue and the dashboards (per agency and city-wide), as of today in the city's zone.
 *
 * <p>An officer reads their own agency's queue and dashboard only; auditors read all; operators read the
 * dashboards (figures, no personal data) but no queue.
 */
@RestController
@RequestMapping("/api/v1")
public class AgencyReadController {

    private final AgencyQueueQueries agencies;
    private final Clock clock;

    @Autowired
    public AgencyReadController(AgencyQueueQueries agencies, ObjectProvider<Clock> clocks) {
        this(agencies, ReadRequests.clock(clocks));
    }

    public AgencyReadController(AgencyQueueQueries agencies, Clock clock) {
        this.agencies = agencies;
        this.clock = clock;
    }

    /** The agency's cases, of one status when given, soonest deadline first. */
    @GetMapping("/agencies/{agencyCode}/queue")
    public Page<CaseSummary> queue(@PathVariable String agencyCode,
                                   @RequestParam(required = false) String status,
                                   @RequestParam(required = false) Integer page,
                                   @RequestParam(required = false) Integer size) {
        ReadAccess.requireQueueReadable(agencyCode);
        return agencies.queue(ReadRequests.identifier("agencyCode", agencyCode), ReadRequests.status(status),
                ReadRequests.page(page, size));
    }

    @GetMapping("/agencies/{agencyCode}/dashboard")
    public DashboardFigures agencyDashboard(@PathVariable String agencyCode) {
        ReadAccess.requireAgencyDashboardReadable(agencyCode);
        return agencies.dashboard(ReadRequests.identifier("agencyCode", agencyCode), ReadRequests.today(clock));
    }

    @GetMapping("/dashboard")
    public CityDashboard cityDashboard() {
        ReadAccess.requireCityDashboardReadable();
        return agencies.cityDashboard(ReadRequests.today(clock));
    }
}
