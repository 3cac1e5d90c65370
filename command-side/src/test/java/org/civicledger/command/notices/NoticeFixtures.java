package org.civicledger.command.notices;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.civicledger.events.cases.Applicant;
import org.civicledger.events.cases.CaseEvent.ApplicationSubmitted;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;

/** Applicants and events the notice tests share. */
final class NoticeFixtures {

    static final String NATIONAL_ID = "A123456789";
    static final Instant NOW = Instant.parse("2025-03-03T01:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2025, 3, 3);

    private NoticeFixtures() {
    }

    static Applicant applicant(String email, String phone) {
        return new Applicant("citizen-1", new NationalId(NATIONAL_ID), "王小明", email, phone);
    }

    static ApplicationSubmitted submitted(String caseId, Applicant applicant) {
        return new ApplicationSubmitted(caseId, "BLD-PERMIT", "AG-URBAN", applicant, List.of(), 20, Money.twd(300), NOW);
    }
}
