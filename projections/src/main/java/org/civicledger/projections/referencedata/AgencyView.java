package org.civicledger.projections.referencedata;

/** An agency as the reference-data read model lists it. */
public record AgencyView(String agencyCode, String name, long lastPosition) {
}
