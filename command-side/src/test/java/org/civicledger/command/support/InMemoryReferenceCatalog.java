package org.civicledger.command.support;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.civicledger.command.reference.ReferenceCatalog;

/** A reference catalog held in memory, filled by each test with just the agencies and case types it needs. */
public final class InMemoryReferenceCatalog implements ReferenceCatalog {

    private final Set<String> agencies = new HashSet<>();
    private final Map<String, CaseTypeTerms> caseTypes = new HashMap<>();

    public InMemoryReferenceCatalog withAgency(String agencyCode) {
        agencies.add(agencyCode);
        return this;
    }

    /** A case type implies its agency: the real catalog never knows a case type of an unknown agency. */
    public InMemoryReferenceCatalog withCaseType(CaseTypeTerms terms) {
        agencies.add(terms.agencyCode());
        caseTypes.put(terms.caseTypeCode(), terms);
        return this;
    }

    @Override
    public Optional<CaseTypeTerms> caseType(String caseTypeCode) {
        return Optional.ofNullable(caseTypes.get(caseTypeCode));
    }

    @Override
    public boolean agencyExists(String agencyCode) {
        return agencies.contains(agencyCode);
    }
}
