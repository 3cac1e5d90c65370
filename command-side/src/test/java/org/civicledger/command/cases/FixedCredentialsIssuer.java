package org.civicledger.command.cases;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.civicledger.events.cases.CasePasswordHash;

/**
 * Issues the same case number and password every time, so that expected events can be written out.
 *
 * <p>The hash is computed once: PBKDF2 is deliberately slow, and a fixed salt makes it repeatable.
 */
final class FixedCredentialsIssuer implements CaseCredentialsIssuer {

    static final String CASE_PASSWORD = "lantern-river-42";
    private static final byte[] SALT = "civic-ledger-tst".getBytes(StandardCharsets.UTF_8);
    static final String CASE_PASSWORD_HASH = CasePasswordHash.hash(CASE_PASSWORD, SALT);

    static String caseNumber(String agencyCode, LocalDate acceptedOn) {
        return agencyCode + "-" + acceptedOn.getYear() + "-000001";
    }

    @Override
    public CaseCredentials issue(String agencyCode, LocalDate acceptedOn) {
        return new CaseCredentials(caseNumber(agencyCode, acceptedOn), CASE_PASSWORD, CASE_PASSWORD_HASH);
    }
}
