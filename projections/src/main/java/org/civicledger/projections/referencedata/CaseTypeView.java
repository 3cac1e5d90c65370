package org.civicledger.projections.referencedata;

import java.util.List;
import org.civicledger.events.common.Money;

/**
 * A case type with its current terms ({@code issuesCertificate}: an approved case of it yields a signed certificate);
 * {@code revisions} (oldest first) is filled only when one case type
 * is asked for, and is empty in lists.
 */
public record CaseTypeView(
        String caseTypeCode,
        String agencyCode,
        String name,
        List<String> requiredDocuments,
        Money fee,
        int statutoryProcessingDays,
        boolean issuesCertificate,
        int revisionNo,
        long lastPosition,
        List<CaseTypeRevision> revisions) {

    public CaseTypeView {
        requiredDocuments = List.copyOf(requiredDocuments);
        revisions = List.copyOf(revisions);
    }
}
