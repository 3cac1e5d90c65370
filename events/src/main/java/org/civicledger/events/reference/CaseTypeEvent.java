package org.civicledger.events.reference;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.civicledger.events.common.Money;

/**
 * What happened to a case type: the service a citizen applies for and its terms.
 *
 * <p>Revision 2 of both events added {@code issuesCertificate}: whether an approved case of the type yields a signed
 * certificate (docs/documents.md). Revision 1 had no such field; the ledger then gave a certificate to the types whose
 * code ends in {@code -CERTIFICATE}, and {@link CaseTypeUpcaster} gives stored revision-1 events exactly that
 * ({@link #certificateByFormerNamingRule}), so replaying an old ledger changes nothing.
 */
public sealed interface CaseTypeEvent {

    String caseTypeCode();

    /**
     * The rule that decided, before revision 2, whether a case type had a certificate: its code ends in
     * {@code -CERTIFICATE}. Used only to read revision-1 events; new case types say it themselves.
     */
    static boolean certificateByFormerNamingRule(String caseTypeCode) {
        return caseTypeCode != null && caseTypeCode.endsWith("-CERTIFICATE");
    }

    @Revision("2")
    record CaseTypeRegistered(
            String caseTypeCode,
            String agencyCode,
            String name,
            List<String> requiredDocuments,
            Money fee,
            int statutoryProcessingDays,
            boolean issuesCertificate) implements CaseTypeEvent {
    }

    /** New terms from now on; auditors ask when a fee changed, so the old terms are kept beside. */
    @Revision("2")
    record CaseTypeRevised(
            String caseTypeCode,
            String name,
            List<String> requiredDocuments,
            Money fee,
            int statutoryProcessingDays,
            boolean issuesCertificate,
            Money previousFee,
            int previousStatutoryProcessingDays,
            boolean previousIssuesCertificate,
            String reason) implements CaseTypeEvent {
    }
}
