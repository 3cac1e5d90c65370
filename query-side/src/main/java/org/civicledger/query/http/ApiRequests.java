package org.civicledger.query.http;

/** Names shared by the filters, the advice and the controllers of the HTTP API. */
public final class ApiRequests {

    public static final String API_PREFIX = "/api/v1/";
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    public static final String IDEMPOTENT_REPLAYED_HEADER = "Idempotent-Replayed";
    public static final String ACTOR_SUBJECT_HEADER = "X-Actor-Subject";
    public static final String ACTOR_ROLE_HEADER = "X-Actor-Role";
    public static final String ACTOR_AGENCY_HEADER = "X-Actor-Agency";
    public static final String CHANNEL_HEADER = "X-Channel";

    /**
     * Request attribute set when a request failed for a passing reason (a concurrent writer, a
     * timeout): its answer must not be replayed for the idempotency key, so the client can retry.
     */
    public static final String RETRYABLE_FAILURE_ATTRIBUTE = ApiRequests.class.getName() + ".retryableFailure";

    /**
     * Request attribute set when the HTTP layer refused a request before it reached the ledger (malformed
     * or invalid body, bad parameter or header, unknown route, wrong method or media type). Nothing was
     * done, so no answer is kept for its idempotency key: the client may correct the request and send it
     * again under the same key, and hostile input cannot fill the idempotency table.
     */
    public static final String REFUSED_BEFORE_LEDGER_ATTRIBUTE = ApiRequests.class.getName() + ".refusedBeforeLedger";

    /**
     * Request attribute holding what to store for replay instead of the answer sent, when the answer
     * holds a secret that must not rest in the idempotency table (the case password at acceptance).
     */
    public static final String REPLAY_BODY_ATTRIBUTE = ApiRequests.class.getName() + ".replayBody";

    private ApiRequests() {
    }

    public static boolean isApiWrite(String method, String requestUri) {
        return "POST".equals(method) && requestUri != null && requestUri.startsWith(API_PREFIX);
    }
}
