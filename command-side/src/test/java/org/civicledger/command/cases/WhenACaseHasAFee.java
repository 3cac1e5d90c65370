package org.civicledger.command.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicledger.command.cases.CaseScenario.*;
import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.command.bills.BillFacts;
import org.civicledger.command.reference.CaseFeeClass;
import org.civicledger.command.support.InMemoryBillBook;
import org.civicledger.events.cases.CaseEvent.CaseApproved;
import org.civicledger.events.cases.CaseEvent.CaseRejected;
import org.civicledger.events.cases.CaseCommands.RejectCase;
import org.civicledger.events.common.RuleViolation.Kind;
import org.civicledger.events.journal.Accounts;
import org.civicledger.events.payments.BillStatus;
import org.civicledger.events.payments.Payer;
import org.junit.jupiter.api.Test;

/** A case whose type has a fee waits for its fee bill before it is approved (the bill itself: CaseFeesTest). */
class WhenACaseHasAFee {

    private static final LocalDate DECIDED_ON = LocalDate.of(2025, 10, 8);
    private static final String BILL_ID = CaseFees.billIdOf(CASE_ID);

    private static BillFacts feeBill(BillStatus status) {
        String feeClass = CaseFeeClass.code(AGENCY);
        return new BillFacts(BILL_ID, AGENCY, feeClass, Accounts.revenue(AGENCY, feeClass),
                new Payer(APPLICANT.citizenSubject(), APPLICANT.nationalId(), APPLICANT.name()), FEE, status);
    }

    private static AggregateTestFixture<CaseFile> fixtureWith(BillStatus status) {
        return CaseScenario.fixture(new RecordingApplicantNotices(), new InMemoryBillBook().with(feeBill(status)));
    }

    @Test
    void an_unpaid_fee_keeps_the_case_from_being_approved() {
        for (BillStatus unpaid : new BillStatus[] {BillStatus.OPEN, BillStatus.OVERDUE}) {
            fixtureWith(unpaid).givenCurrentTime(at(DECIDED_ON))
                    .andGiven(submitted(), accepted(), reviewStarted())
                    .when(approve(OFFICER))
                    .expectException(violates(Kind.CONFLICT, "FeeIsPaidBeforeApproval"))
                    .expectNoEvents();
        }
    }

    @Test
    void a_paid_fee_lets_the_case_be_approved() {
        fixtureWith(BillStatus.PAID).givenCurrentTime(at(DECIDED_ON))
                .andGiven(submitted(), accepted(), reviewStarted())
                .when(approve(OFFICER))
                .expectEvents(new CaseApproved(CASE_ID, "all documents in order", DECIDED_ON, 3, true, LocalDate.of(2025, 11, 7)));
    }

    @Test
    void a_fee_the_agency_waived_by_cancelling_its_bill_lets_the_case_be_approved() {
        fixtureWith(BillStatus.CANCELLED).givenCurrentTime(at(DECIDED_ON))
                .andGiven(submitted(), accepted(), reviewStarted())
                .when(approve(OFFICER))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void an_unpaid_fee_does_not_keep_the_case_from_being_rejected() {
        fixtureWith(BillStatus.OPEN).givenCurrentTime(at(DECIDED_ON))
                .andGiven(submitted(), accepted(), reviewStarted())
                .when(new RejectCase(CASE_ID, "incomplete", "cmd-reject", OFFICER))
                .expectEvents(new CaseRejected(CASE_ID, "incomplete", DECIDED_ON, 3, true, LocalDate.of(2025, 11, 7)));
    }

    @Test
    void the_bill_id_is_derived_from_the_case_id_and_stays_within_the_id_length() {
        assertThat(CaseFees.billIdOf("case-1")).isEqualTo("fee-case-1");
        String longId = "c".repeat(64);
        assertThat(CaseFees.billIdOf(longId)).hasSizeLessThanOrEqualTo(64).isEqualTo(CaseFees.billIdOf(longId))
                .isNotEqualTo(CaseFees.billIdOf("d".repeat(64)));
    }
}
