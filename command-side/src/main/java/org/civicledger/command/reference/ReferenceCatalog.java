package org.civicledger.command.reference;

import java.util.List;
import java.util.Optional;
import org.civicledger.events.common.Money;

/**
 * What the command side needs to know of reference data to enforce its rules.
 *
 * <p>Kept consistent with the reference events in the same transaction that stores them, so a
 * case type registered by one command is known to the very next one, on any ledger node. A
 * <em>revision</em> of a case type's terms made on another node may take up to
 * {@link JdbcReferenceCatalog#CASE_TYPE_TIME_TO_LIVE} to be seen (its cache); on this node, at once.
 */
public interface ReferenceCatalog {

    Optional<CaseTypeTerms> caseType(String caseTypeCode);

    boolean agencyExists(String agencyCode);

    /**
     * The terms under which new cases of one type are accepted; {@code issuesCertificate}: an approved case of the type
     * yields a signed certificate.
     */
    record CaseTypeTerms(String caseTypeCode, String agencyCode, String name, List<String> requiredDocuments, Money fee,
                         int statutoryProcessingDays, boolean issuesCertificate) {
    }
}
