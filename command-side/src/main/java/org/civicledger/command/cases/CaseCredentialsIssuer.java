package org.civicledger.command.cases;

import java.time.LocalDate;

/**
 * Issues case numbers and passwords. Kept outside the aggregate because numbers come from a shared
 * sequence and passwords from a secure random source: decision code stays deterministic.
 */
public interface CaseCredentialsIssuer {

    CaseCredentials issue(String agencyCode, LocalDate acceptedOn);
}
