package org.civicledger.events.common;

/**
 * The metadata keys every stored event carries: who acted, through which channel, in answer to which
 * command, within which conversation. Part of the contract: the write API sets them, the assembly
 * copies them onto events, read models and auditors read them.
 */
public final class Envelope {

    public static final String ACTOR_SUBJECT = "actorSubject";
    public static final String ACTOR_ROLE = "actorRole";
    public static final String ACTOR_AGENCY = "actorAgency";
    public static final String CHANNEL = "channel";
    public static final String COMMAND_ID = "commandId";
    /** The id shared by every message of one conversation (the first command's id). */
    public static final String CORRELATION_ID = "correlationId";
    /** The id of the message that caused this one. */
    public static final String CAUSATION_ID = "causationId";

    private Envelope() {
    }
}
