package org.civicledger.projections.agencyqueue;

import java.util.List;

/** The city-wide figures and, beside them, the figures of each agency that has cases (ordered by agency code). */
public record CityDashboard(DashboardFigures city, List<DashboardFigures> agencies) {

    public CityDashboard {
        agencies = List.copyOf(agencies);
    }
}
