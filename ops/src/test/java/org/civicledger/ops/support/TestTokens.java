package org.civicledger.ops.support;

import org.civicledger.events.common.Role;
import org.civicledger.query.security.DevelopmentIssuer;

/**
 * {@code Authorization} header values for tests, signed by the development issuer that the test configuration
 * switches on (key in {@code target/test-keys}): {@code TestTokens.of(issuer).citizen("citizen-1")}.
 */
public record TestTokens(DevelopmentIssuer issuer) {

    public static TestTokens of(DevelopmentIssuer issuer) {
        return new TestTokens(issuer);
    }

    public String bearer(String subject, Role role, String agencyCode) {
        return "Bearer " + issuer.mint(subject, role, agencyCode);
    }

    public String citizen(String subject) {
        return bearer(subject, Role.CITIZEN, null);
    }

    public String officer(String subject, String agencyCode) {
        return bearer(subject, Role.OFFICER, agencyCode);
    }

    public String auditor() {
        return bearer("auditor-1", Role.AUDITOR, null);
    }

    public String operator() {
        return bearer("operator-1", Role.OPERATOR, null);
    }
}
