package org.civicledger.command.bills;

import static org.civicledger.command.bills.BillScenario.*;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.events.common.Money;
import org.civicledger.events.payments.BillCommands.MarkBillPaid;
import org.civicledger.events.payments.BillEvent.BillFellOverdue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The overdue flag is a deadline: the history is given as commands so that it is really scheduled. */
class WhenTheDueDatePasses {

    private AggregateTestFixture<Bill> fixture;

    @BeforeEach
    void setUp() {
        fixture = BillScenario.fixture();
    }

    @Test
    void an_unpaid_bill_falls_overdue_once_its_due_date_has_ended() {
        fixture.givenCurrentTime(at(ISSUED_ON))
                .andGivenCommands(issue(Money.twd(15), DUE_ON, OFFICER))
                .whenTimeAdvancesTo(at(DUE_ON.plusDays(1)))
                .expectTriggeredDeadlinesWithName(Bill.DUE_DATE_DEADLINE)
                .expectEvents(new BillFellOverdue(BILL_ID, DUE_ON, DUE_ON.plusDays(1)));
    }

    @Test
    void nothing_falls_overdue_on_the_due_date_itself() {
        fixture.givenCurrentTime(at(ISSUED_ON))
                .andGivenCommands(issue(Money.twd(15), DUE_ON, OFFICER))
                .whenTimeAdvancesTo(DUE_ON.atTime(23, 59).atZone(TAIPEI).toInstant())
                .expectNoEvents();
    }

    @Test
    void a_paid_bill_never_falls_overdue() {
        fixture.givenCurrentTime(at(ISSUED_ON))
                .andGivenCommands(issue(Money.twd(15), DUE_ON, OFFICER),
                        new MarkBillPaid(BILL_ID, "payment-1", Money.twd(15), "cmd-settle", SETTLEMENT))
                .whenTimeAdvancesTo(at(DUE_ON.plusDays(1)))
                .expectNoEvents();
    }
}
