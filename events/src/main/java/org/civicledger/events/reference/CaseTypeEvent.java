package org.civicledger.events.reference;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.civicledger.events.common.Money;

/** What happened to a case type: the service a citizen applies for and its terms. */
public sealed interface CaseTypeEvent {

    String caseTypeCode();

    @Revision("1")
    record CaseTypeRegistered(
            String caseTypeCode,
            String agencyCode,
            String name,
            List<String> requiredDocuments,
            Money fee,
            int statutoryProcessingDays) implements CaseTypeEvent {
    }

    /** New terms from now on; auditors ask when a fee changed, so the old terms are kept beside. */
    @Revision("1")
    record CaseTypeRevised(
            String caseTypeCode,
            String name,
            List<String> requiredDocuments,
            Money fee,
            int statutoryProcessingDays,
            Money previousFee,
            int previousStatutoryProcessingDays,
            String reason) implements CaseTypeEvent {
    }
}
