package org.civicledger.query.http;

/**
 * The HTTP layer refused a request before it reached the ledger: a field or header is wrong.
 *
 * <p>Answered with 400 and the field's JSON path (or the header's name) in {@code field}. The message
 * must never contain the offending value: values may be personal data.
 */
public class InvalidRequestException extends RuntimeException {

    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
