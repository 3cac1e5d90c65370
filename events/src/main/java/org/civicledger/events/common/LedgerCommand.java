package org.civicledger.events.common;

/**
 * What every command carries besides its own fields: who sent it and the client's id for it.
 *
 * <p>The command id doubles as the idempotency key of the write, and it is copied into the metadata
 * of every event the command causes, so an auditor can go from an event back to the request.
 */
public interface LedgerCommand {

    String commandId();

    Actor actor();
}
