package org.civicledger.query.security;

import io.micrometer.core.instrument.Metrics;
import java.util.Locale;
import java.util.Set;
import org.civicledger.events.common.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs refused requests: failed sign-ins (401), denials (403) and case-status lookups that match
 * nothing.
 *
 * <p>Counters go to Micrometer's global registry, which Spring Boot adds its own registry to (Prometheus in
 * the assembly), so that the static checks in controllers can count without being beans. Logs name the role,
 * the method, the path's shape and a reason; never a token, a citizen's subject, a case
 * number or a password: those are personal data or secrets.
 */
public final class SecurityEvents {

    public static final String DENIED_METER = "ledger.security.denied";
    public static final String AUTHENTICATION_FAILURES_METER = "ledger.security.authentication_failures";
    public static final String CASE_LOOKUP_FAILURES_METER = "ledger.case_lookup.failures";
    public static final String CASE_LOOKUP_RATE_LIMITED_METER = "ledger.case_lookup.rate_limited";

    private static final Logger LOG = LoggerFactory.getLogger(SecurityEvents.class);

    /** The literal segments of the ledger's routes; anything else in a path may identify someone. */
    private static final Set<String> ROUTE_WORDS = Set.of("api", "v1", "v3", "api-docs", "cases", "case-status", "lookup",
            "citizens", "history", "agencies", "queue", "dashboard", "reference", "case-types", "calendar", "holidays",
            "revisions", "renames", "privacy", "erasures", "accept", "review", "supplement-requests", "supplements", "extension",
            "approve", "reject", "withdraw", "transfer", "close", "actuator", "health", "prometheus", "metrics", "info", "error");

    private SecurityEvents() {
    }

    /** A request without a valid token where one is needed; {@code reason} is missing_token, invalid_token… */
    public static void authenticationFailed(String reason, String method, String path) {
        Metrics.counter(AUTHENTICATION_FAILURES_METER, "reason", reason).increment();
        LOG.warn("Sign-in refused ({}): {} {}", reason, method, pathShape(path));
    }

    /** A signed-in caller refused; {@code reason} says by which rule (url_rule, other_citizen, other_agency, …). */
    public static void denied(String reason, Actor actor, String method, String path) {
        String role = actor == null ? "none" : actor.role().name().toLowerCase(Locale.ROOT);
        Metrics.counter(DENIED_METER, "reason", reason, "role", role).increment();
        LOG.info("Access denied ({}): role {} {} {}", reason, role, method, pathShape(path));
    }

    public static void caseLookupFailed() {
        Metrics.counter(CASE_LOOKUP_FAILURES_METER).increment();
        LOG.info("A case-status lookup matched no case");
    }

    public static void caseLookupRateLimited() {
        Metrics.counter(CASE_LOOKUP_RATE_LIMITED_METER).increment();
        LOG.info("A client exceeded the case-status lookup rate");
    }

    /**
     * The path with every segment that is not a literal word of a route replaced by {@code {…}}: case ids
     * and citizens' subjects are personal data (agency codes are not, but one simple rule is easier to trust).
     */
    static String pathShape(String path) {
        if (path == null) {
            return "";
        }
        StringBuilder shape = new StringBuilder();
        String[] segments = path.split("/");
        for (int index = 1; index < segments.length; index++) {
            String segment = segments[index];
            shape.append('/').append(ROUTE_WORDS.contains(segment) ? segment : "{…}");
        }
        return shape.length() == 0 ? "/" : shape.toString();
    }
}
