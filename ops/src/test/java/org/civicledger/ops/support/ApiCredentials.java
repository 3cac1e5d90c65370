package org.civicledger.ops.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a test proves who it acts as to the HTTP API: the one place to change when sign-in replaces the
 * {@code X-Actor-*} headers with bearer tokens (then {@link #headersOf} answers an {@code Authorization} header).
 */
public final class ApiCredentials {

    /** An actor the API knows: subject, role as the API spells it, and agency (officers only). */
    public record Actor(String subject, String role, String agency) {
        public static final Actor CITIZEN = new Actor("citizen-1", "citizen", null);
        public static final Actor OFFICER = new Actor("officer-1", "officer", "DBU");
        public static final Actor OPERATOR = new Actor("operator-1", "operator", null);
    }

    private ApiCredentials() {
    }

    /** The headers that make a request come from {@code actor}. */
    public static Map<String, String> headersOf(Actor actor) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Actor-Subject", actor.subject());
        headers.put("X-Actor-Role", actor.role());
        if (actor.agency() != null) {
            headers.put("X-Actor-Agency", actor.agency());
        }
        return headers;
    }
}
