package org.civicledger.projections.support;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.civicledger.events.cases.Applicant;
import org.civicledger.events.cases.CaseEvent.ApplicationSubmitted;
import org.civicledger.events.cases.CaseEvent.CaseAccepted;
import org.civicledger.events.cases.CasePasswordHash;
import org.civicledger.events.common.DocumentReference;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;

/** Events of cases with plausible defaults, for read-model tests. */
public final class Cases {

    public static final NationalId NATIONAL_ID = NationalId.withCheckDigit("A12345678");
    public static final String PASSWORD = "Xk4-pQ9-tR2";
    /** Hashed once: PBKDF2 is slow on purpose, and the tests need not pay for it per case. */
    private static final String PASSWORD_HASH = CasePasswordHash.hash(PASSWORD, "test salt 16 byte".getBytes());

    private Cases() {
    }

    public static Applicant applicant(String citizenSubject) {
        return new Applicant(citizenSubject, NATIONAL_ID, "Lin Mei-hua", "mei@example.org", null);
    }

    public static ApplicationSubmitted submitted(String caseId, String agencyCode, String citizenSubject) {
        return new ApplicationSubmitted(caseId, "BUILDING-PERMIT", agencyCode, applicant(citizenSubject),
                List.of(new DocumentReference("floor-plan", "doc://plans/1")), 10, Money.twd(250),
                Instant.parse("2025-03-03T01:00:00Z"));
    }

    public static CaseAccepted accepted(String caseId, String caseNumber, LocalDate acceptedOn, LocalDate deadline) {
        return new CaseAccepted(caseId, caseNumber, PASSWORD_HASH, acceptedOn, 10, deadline);
    }
}
