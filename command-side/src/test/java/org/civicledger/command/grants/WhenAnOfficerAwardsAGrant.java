package org.civicledger.command.grants;

import static org.civicledger.command.grants.GrantScenario.*;
import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.time.Duration;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.RuleViolation.Kind;
import org.civicledger.events.grants.Beneficiary;
import org.civicledger.events.grants.GrantCommands.AwardGrant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenAnOfficerAwardsAGrant {

    private AggregateTestFixture<Grant> fixture;

    @BeforeEach
    void setUp() {
        fixture = GrantScenario.fixture();
    }

    @Test
    void the_grant_is_awarded_and_the_agencys_expense_is_owed_to_the_beneficiary() {
        fixture.givenCurrentTime(AWARDED_AT)
                .when(award(8_000, 250, EXPIRES_AT, WELFARE_OFFICER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(awarded())
                .expectScheduledDeadlineWithName(EXPIRES_AT, Grant.EXPIRY_DEADLINE);
    }

    @Test
    void an_officer_of_another_agency_cannot_award_it() {
        fixture.givenCurrentTime(AWARDED_AT)
                .when(award(8_000, 250, EXPIRES_AT, TAX_OFFICER))
                .expectException(violates(Kind.FORBIDDEN, "GrantingAgencyDecides"))
                .expectNoEvents();
    }

    @Test
    void a_citizen_cannot_award_one_to_themselves() {
        fixture.givenCurrentTime(AWARDED_AT)
                .when(award(8_000, 250, EXPIRES_AT, BENEFICIARY))
                .expectException(violates(Kind.FORBIDDEN, "GrantingAgencyDecides"));
    }

    @Test
    void the_per_use_cap_cannot_exceed_the_amount() {
        fixture.givenCurrentTime(AWARDED_AT)
                .when(award(200, 250, EXPIRES_AT, WELFARE_OFFICER))
                .expectException(violates(Kind.INVALID, "CapWithinAmount"));
    }

    @Test
    void the_amount_is_a_positive_amount_of_taiwan_dollars() {
        fixture.givenCurrentTime(AWARDED_AT)
                .when(new AwardGrant(GRANT_ID, WELFARE, PROGRAM, LIN_MEI, new Money(8_000, "USD"), new Money(250, "USD"), EXPIRES_AT,
                        "cmd-award", WELFARE_OFFICER))
                .expectException(violates(Kind.INVALID, "FeesAreInTaiwanDollars"));
        fixture.givenCurrentTime(AWARDED_AT)
                .when(award(0, 250, EXPIRES_AT, WELFARE_OFFICER))
                .expectException(violates(Kind.INVALID, "AmountIsPositive"));
    }

    @Test
    void the_expiry_is_ahead_and_within_five_years() {
        fixture.givenCurrentTime(AWARDED_AT)
                .when(award(8_000, 250, AWARDED_AT, WELFARE_OFFICER))
                .expectException(violates(Kind.INVALID, "ExpiryIsAhead"));
        fixture.givenCurrentTime(AWARDED_AT)
                .when(award(8_000, 250, AWARDED_AT.plus(Grant.DURATION_MAX).plus(Duration.ofDays(1)), WELFARE_OFFICER))
                .expectException(violates(Kind.INVALID, "ExpiryWithinLimit"));
        fixture.givenCurrentTime(AWARDED_AT)
                .when(award(8_000, 250, null, WELFARE_OFFICER))
                .expectException(violates(Kind.INVALID, "ExpiryIsGiven"));
    }

    @Test
    void the_beneficiary_is_named_and_has_a_citizen_account() {
        fixture.givenCurrentTime(AWARDED_AT)
                .when(new AwardGrant(GRANT_ID, WELFARE, PROGRAM, null, Money.twd(8_000), Money.twd(250), EXPIRES_AT, "cmd-award",
                        WELFARE_OFFICER))
                .expectException(violates(Kind.INVALID, "BeneficiaryIsNamed"));
        fixture.givenCurrentTime(AWARDED_AT)
                .when(new AwardGrant(GRANT_ID, WELFARE, PROGRAM, new Beneficiary(null, LIN_MEI.nationalId(), "Lin Mei"),
                        Money.twd(8_000), Money.twd(250), EXPIRES_AT, "cmd-award", WELFARE_OFFICER))
                .expectException(violates(Kind.INVALID, "BeneficiaryHasAnAccount"));
    }

    @Test
    void the_programme_is_a_plain_code() {
        fixture.givenCurrentTime(AWARDED_AT)
                .when(new AwardGrant(GRANT_ID, WELFARE, "maternity ride!", LIN_MEI, Money.twd(8_000), Money.twd(250), EXPIRES_AT,
                        "cmd-award", WELFARE_OFFICER))
                .expectException(violates(Kind.INVALID, "CodesAreShortAndPlain"));
    }
}
