package org.civicledger.ops.support;

import java.util.LinkedHashMap;
import java.util.Map;
import org.civicledger.events.common.Role;
import org.civicledger.query.security.DevelopmentIssuer;

/**
 * How a test proves who it acts as to the HTTP API: a bearer token from the development issuer that the
 * test configuration switches on. The one place to change should sign-in change again.
 */
public final class ApiCredentials {

    /** An actor the API knows: subject, role, and agency (officers only). */
    public record Actor(String subject, Role role, String agency) {
        public static final Actor CITIZEN = new Actor("citizen-1", Role.CITIZEN, null);
        public static final Actor OFFICER = new Actor("officer-1", Role.OFFICER, "DBU");
        public static final Actor OPERATOR = new Actor("operator-1", Role.OPERATOR, null);
    }

    private ApiCredentials() {
    }

    /** The headers that make a request come from {@code actor}. */
    public static Map<String, String> headersOf(DevelopmentIssuer issuer, Actor actor) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", TestTokens.of(issuer).bearer(actor.subject(), actor.role(), actor.agency()));
        return headers;
    }
}
