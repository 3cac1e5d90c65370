package org.civicledger.events;

import java.util.List;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.civicledger.events.reference.CaseTypeUpcaster;

/**
 * Every upcaster of the contract, in the order they apply: what turns a stored event of an earlier revision into the
 * record of today. The event store reads through {@link #chain()}; {@code EventJsonApprovalTest} proves each upcaster on
 * the approved JSON of the revision it reads.
 */
public final class EventUpcasters {

    private EventUpcasters() {
    }

    public static List<EventUpcaster> all() {
        return List.of(new CaseTypeUpcaster());
    }

    public static EventUpcasterChain chain() {
        return new EventUpcasterChain(all());
    }
}
