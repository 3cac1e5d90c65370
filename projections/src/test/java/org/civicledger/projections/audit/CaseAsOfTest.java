package org.civicledger.projections.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicledger.projections.support.Cases.accepted;
import static org.civicledger.projections.support.Cases.submitted;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.civicledger.events.cases.CaseEvent.CaseApproved;
import org.civicledger.events.cases.CaseEvent.CaseClosed;
import org.civicledger.events.cases.CaseEvent.CaseReviewStarted;
import org.civicledger.events.cases.CaseEvent.CaseTransferred;
import org.civicledger.events.cases.CaseEvent.DeadlineExtended;
import org.civicledger.events.cases.CaseEvent.SupplementProvided;
import org.civicledger.events.cases.CaseEvent.SupplementRequested;
import org.civicledger.events.cases.CaseStatus;
import org.junit.jupiter.api.Test;

class CaseAsOfTest {

    private static final Instant T = Instant.parse("2025-03-03T01:00:00Z");

    @Test
    void a_case_is_folded_step_by_step_from_its_events() {
        CaseAsOf state = CaseAsOf.empty("case-1");
        assertThat(state.status()).isNull();

        state = state.apply(submitted("case-1", "AG-BUILD", "citizen-1"), 3, T);
        assertThat(state.status()).isEqualTo(CaseStatus.SUBMITTED);
        assertThat(state.agencyCode()).isEqualTo("AG-BUILD");
        assertThat(state.applicantSubject()).isEqualTo("citizen-1");
        assertThat(state.lastGlobalIndex()).isEqualTo(3);
        assertThat(state.eventsApplied()).isEqualTo(1);

        state = state.apply(accepted("case-1", "CN-1", LocalDate.of(2025, 3, 4), LocalDate.of(2025, 3, 18)), 5, T.plusSeconds(60));
        assertThat(state.status()).isEqualTo(CaseStatus.ACCEPTED);
        assertThat(state.caseNumber()).isEqualTo("CN-1");
        assertThat(state.deadline()).isEqualTo(LocalDate.of(2025, 3, 18));

        state = state.apply(new CaseReviewStarted("case-1", "officer-1"), 6, T);
        state = state.apply(new SupplementRequested("case-1", "plan", List.of("PLAN"), LocalDate.of(2025, 3, 5), 1), 7, T);
        assertThat(state.status()).isEqualTo(CaseStatus.SUPPLEMENT_REQUESTED);
        assertThat(state.paused()).isTrue();
        state = state.apply(new SupplementProvided("case-1", List.of(), LocalDate.of(2025, 3, 7), LocalDate.of(2025, 3, 21)), 8, T);
        assertThat(state.status()).isEqualTo(CaseStatus.IN_REVIEW);
        assertThat(state.paused()).isFalse();
        assertThat(state.deadline()).isEqualTo(LocalDate.of(2025, 3, 21));
        state = state.apply(new DeadlineExtended("case-1", 5, "busy", LocalDate.of(2025, 3, 21), LocalDate.of(2025, 3, 28)), 9, T);
        assertThat(state.extended()).isTrue();
        state = state.apply(new CaseTransferred("case-1", "AG-BUILD", "AG-OTHER", "wrong office"), 10, T);
        assertThat(state.agencyCode()).isEqualTo("AG-OTHER");
        state = state.apply(new CaseApproved("case-1", "ok", LocalDate.of(2025, 3, 20), 9, true, LocalDate.of(2025, 4, 19)), 11, T);
        assertThat(state.status()).isEqualTo(CaseStatus.APPROVED);
        assertThat(state.decision()).isEqualTo("APPROVED");
        assertThat(state.appealWindowEndsOn()).isEqualTo(LocalDate.of(2025, 4, 19));
        state = state.apply(new CaseClosed("case-1", "appeal window over", LocalDate.of(2025, 4, 20)), 12, T);
        assertThat(state.status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(state.closedOn()).isEqualTo(LocalDate.of(2025, 4, 20));
        assertThat(state.caseNumber()).isEqualTo("CN-1");
        assertThat(state.eventsApplied()).isEqualTo(9);
        assertThat(state.lastGlobalIndex()).isEqualTo(12);
    }
}
