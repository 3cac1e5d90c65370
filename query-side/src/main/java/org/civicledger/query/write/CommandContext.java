package org.civicledger.query.write;

import java.util.LinkedHashMap;
import java.util.Map;
import org.civicledger.events.common.Actor;

/**
 * Who sends a write and through which channel, with the client's id for it (its Idempotency-Key).
 *
 * <p>The actor comes from the verified bearer token, the rest from headers; see {@link CommandContextResolver}.
 */
public record CommandContext(Actor actor, String channel, String commandId) {

    /** The metadata every command carries, which the assembly's correlation providers copy onto its events. */
    public Map<String, String> metaData() {
        Map<String, String> metaData = new LinkedHashMap<>();
        metaData.put("actorSubject", actor.subject());
        metaData.put("actorRole", actor.role().name());
        if (actor.agencyCode() != null) {
            metaData.put("actorAgency", actor.agencyCode());
        }
        metaData.put("channel", channel);
        metaData.put("commandId", commandId);
        return metaData;
    }
}
