package org.civicledger.query.http;

import java.net.URI;

/**
 * The kinds of RFC 9457 problem the HTTP API answers with, as stable type URIs.
 *
 * <p>Clients branch on {@code type} (and on {@code rule} for refusals by the ledger), never on the
 * human-readable {@code title} or {@code detail}. The URIs are URNs: they name a kind of problem
 * without promising a page to fetch.
 */
public final class ProblemTypes {

    /** The ledger refused the command under a named rule; the problem carries {@code rule} and {@code field}. */
    public static final URI RULE_VIOLATION = of("rule-violation");
    /** The request was syntactically wrong (a field failed validation, a header is missing or bad). */
    public static final URI INVALID_REQUEST = of("invalid-request");
    /** The body is not JSON, or not the JSON this endpoint takes (unknown field, wrong type). */
    public static final URI MALFORMED_REQUEST = of("malformed-request");
    public static final URI NOT_FOUND = of("not-found");
    /** Another writer changed the same target at the same moment; retrying is safe. */
    public static final URI CONCURRENT_MODIFICATION = of("concurrent-modification");
    /** The target exists already (an aggregate created twice). */
    public static final URI ALREADY_EXISTS = of("already-exists");
    public static final URI PAYLOAD_TOO_LARGE = of("payload-too-large");
    public static final URI IDEMPOTENCY_KEY_REUSED = of("idempotency-key-reused");
    public static final URI IDEMPOTENCY_REQUEST_IN_PROGRESS = of("idempotency-request-in-progress");
    public static final URI COMMAND_TIMEOUT = of("command-timeout");
    public static final URI INTERNAL_ERROR = of("internal-error");
    /** The database (or which read-model tables to read) could not be reached just now: nothing was done; retry. */
    public static final URI UNAVAILABLE = of("unavailable");
    /** A provider callback whose signature or timestamp did not verify. */
    public static final URI CALLBACK_UNAUTHENTICATED = of("callback-unauthenticated");

    private ProblemTypes() {
    }

    private static URI of(String name) {
        return URI.create("urn:civic-ledger:problem:" + name);
    }
}
