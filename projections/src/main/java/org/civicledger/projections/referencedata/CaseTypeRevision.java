package org.civicledger.projections.referencedata;

import java.time.Instant;
import org.civicledger.events.common.Money;

/** One set of terms a case type has had, from the moment it was recorded; revision 1 is the registration. */
public record CaseTypeRevision(int revisionNo, Instant effectiveAt, String name, Money fee, int statutoryProcessingDays,
                               boolean issuesCertificate, String reason) {
}
