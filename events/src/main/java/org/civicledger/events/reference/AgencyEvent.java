package org.civicledger.events.reference;

import org.axonframework.serialization.Revision;
import org.civicledger.events.common.Actor;

/** What happened to an agency; the agency code is its lasting identity. */
public sealed interface AgencyEvent {

    String agencyCode();

    @Revision("1")
    record AgencyRegistered(String agencyCode, String name) implements AgencyEvent {
    }

    @Revision("1")
    record AgencyRenamed(String agencyCode, String previousName, String name, String reason) implements AgencyEvent {
    }
}
