package org.civicledger.query.write;

import org.civicledger.events.common.Envelope;
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
        metaData.put(Envelope.ACTOR_SUBJECT, actor.subject());
        metaData.put(Envelope.ACTOR_ROLE, actor.role().name());
        if (actor.agencyCode() != null) {
            metaData.put(Envelope.ACTOR_AGENCY, actor.agencyCode());
        }
        metaData.put(Envelope.CHANNEL, channel);
        metaData.put(Envelope.COMMAND_ID, commandId);
        return metaData;
    }
}
