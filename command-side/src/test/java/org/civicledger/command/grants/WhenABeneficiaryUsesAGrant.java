package org.civicledger.command.grants;

import static org.civicledger.command.grants.GrantScenario.*;
import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.RuleViolation.Kind;
import org.civicledger.events.grants.GrantCommands.UseGrant;
import org.civicledger.events.grants.GrantEvent.GrantRevoked;
import org.civicledger.events.grants.GrantEvent.GrantUsed;
import org.civicledger.events.journal.JournalLine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenABeneficiaryUsesAGrant {

    private static final Instant RIDE_AT = AWARDED_AT.plusSeconds(86_400);

    private AggregateTestFixture<Grant> fixture;

    @BeforeEach
    void setUp() {
        fixture = GrantScenario.fixture();
    }

    private static GrantUsed used(String useId, long dollars, long balanceAfter) {
        return new GrantUsed(GRANT_ID, useId, Money.twd(dollars), TAXI, "app", "ride to the clinic", Money.twd(balanceAfter), RIDE_AT);
    }

    @Test
    void a_use_within_the_cap_is_paid_to_the_provider_out_of_grants_payable() {
        fixture.givenCurrentTime(RIDE_AT)
                .andGiven(awarded())
                .when(use("ride-1", 180, BENEFICIARY))
                .expectEvents(used("ride-1", 180, 7_820),
                        entry(2, "grant-used", RIDE_AT, JournalLine.debit(PAYABLE, WELFARE, 180, "TWD"),
                                JournalLine.credit(TAXI_CLEARING, WELFARE, 180, "TWD")));
    }

    @Test
    void a_use_above_the_per_use_cap_is_refused() {
        fixture.givenCurrentTime(RIDE_AT)
                .andGiven(awarded())
                .when(use("ride-1", 251, BENEFICIARY))
                .expectException(violates(Kind.INVALID, "UseWithinCap"))
                .expectNoEvents();
    }

    @Test
    void the_balance_never_goes_below_zero() {
        fixture.givenCurrentTime(RIDE_AT)
                .andGiven(awarded())
                .andGiven(used("ride-1", 250, 7_750))
                .andGiven(java.util.stream.IntStream.range(2, 33).mapToObj(n -> used("ride-" + n, 250, 7_750 - 250L * (n - 1))).toArray())
                .when(use("ride-33", 1, BENEFICIARY))
                .expectException(violates(Kind.CONFLICT, "UseWithinBalance"));
    }

    @Test
    void the_last_use_may_take_exactly_what_is_left() {
        fixture.givenCurrentTime(RIDE_AT)
                .andGiven(awarded())
                .andGiven(java.util.stream.IntStream.range(1, 32).mapToObj(n -> used("ride-" + n, 250, 8_000 - 250L * n)).toArray())
                .andGiven(used("ride-32", 200, 50))
                .when(use("ride-33", 50, BENEFICIARY))
                .expectEvents(used("ride-33", 50, 0),
                        entry(2, "grant-used", RIDE_AT, JournalLine.debit(PAYABLE, WELFARE, 50, "TWD"),
                                JournalLine.credit(TAXI_CLEARING, WELFARE, 50, "TWD")));
    }

    @Test
    void the_same_use_again_changes_nothing() {
        fixture.givenCurrentTime(RIDE_AT)
                .andGiven(awarded())
                .andGiven(used("ride-1", 180, 7_820))
                .when(use("ride-1", 180, BENEFICIARY))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(new GrantResult(GRANT_ID, org.civicledger.events.grants.GrantStatus.ACTIVE, Money.twd(7_820), true))
                .expectNoEvents();
    }

    @Test
    void a_use_id_is_not_reused_for_another_amount() {
        fixture.givenCurrentTime(RIDE_AT)
                .andGiven(awarded())
                .andGiven(used("ride-1", 180, 7_820))
                .when(use("ride-1", 200, BENEFICIARY))
                .expectException(violates(Kind.CONFLICT, "UseIdIsUsedOnce"));
    }

    @Test
    void only_the_beneficiary_spends_it() {
        fixture.givenCurrentTime(RIDE_AT)
                .andGiven(awarded())
                .when(use("ride-1", 180, SOMEONE_ELSE))
                .expectException(violates(Kind.FORBIDDEN, "BeneficiarySpends"));
        fixture.givenCurrentTime(RIDE_AT)
                .andGiven(awarded())
                .when(use("ride-1", 180, WELFARE_OFFICER))
                .expectException(violates(Kind.FORBIDDEN, "BeneficiarySpends"));
    }

    @Test
    void nothing_is_spent_at_or_after_the_expiry_moment_even_before_the_deadline_has_run() {
        fixture.givenCurrentTime(EXPIRES_AT)
                .andGiven(awarded())
                .when(use("ride-1", 180, BENEFICIARY))
                .expectException(violates(Kind.CONFLICT, "GrantIsActive"));
    }

    @Test
    void nothing_is_spent_after_a_revocation() {
        fixture.givenCurrentTime(RIDE_AT)
                .andGiven(awarded())
                .andGiven(new GrantRevoked(GRANT_ID, "moved away", Money.twd(8_000), RIDE_AT))
                .when(use("ride-1", 180, BENEFICIARY))
                .expectException(violates(Kind.CONFLICT, "GrantIsActive"));
    }

    @Test
    void the_provider_is_registered_and_offers_the_channel() {
        fixture.givenCurrentTime(RIDE_AT)
                .andGiven(awarded())
                .when(new UseGrant(GRANT_ID, "ride-1", Money.twd(180), "NOBODY", "app", "ride", "cmd-1", BENEFICIARY))
                .expectException(violates(Kind.INVALID, "ProviderIsKnown"));
        fixture.givenCurrentTime(RIDE_AT)
                .andGiven(awarded())
                .when(new UseGrant(GRANT_ID, "ride-1", Money.twd(180), TAXI, "atm", "ride", "cmd-1", BENEFICIARY))
                .expectException(violates(Kind.INVALID, "ChannelIsOffered"));
    }

    @Test
    void a_use_is_in_the_grants_currency_and_has_a_purpose() {
        fixture.givenCurrentTime(RIDE_AT)
                .andGiven(awarded())
                .when(new UseGrant(GRANT_ID, "ride-1", new Money(180, "USD"), TAXI, "app", "ride", "cmd-1", BENEFICIARY))
                .expectException(violates(Kind.INVALID, "UseInGrantCurrency"));
        fixture.givenCurrentTime(RIDE_AT)
                .andGiven(awarded())
                .when(new UseGrant(GRANT_ID, "ride-1", Money.twd(180), TAXI, "app", " ", "cmd-1", BENEFICIARY))
                .expectException(violates(Kind.INVALID, "TextIsGiven"));
    }
}
