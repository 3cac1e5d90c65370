package org.civicledger.command.notices;

/**
 * A send that did not succeed. Its message is a short reason stored in the outbox's last_error:
 * senders write it themselves so that it carries no personal data (no address, no number, no text).
 */
public class NoticeSendException extends Exception {

    public NoticeSendException(String reason) {
        super(reason);
    }

    public NoticeSendException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
