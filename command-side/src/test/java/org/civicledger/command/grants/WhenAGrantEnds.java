package org.civicledger.command.grants;

import static org.civicledger.command.grants.GrantScenario.*;
import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.RuleViolation.Kind;
import org.civicledger.events.grants.GrantCommands.RevokeGrant;
import org.civicledger.events.grants.GrantEvent.GrantExpired;
import org.civicledger.events.grants.GrantEvent.GrantRevoked;
import org.civicledger.events.journal.JournalLine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Expiry is a deadline: the award is given as a command so that it is really scheduled. */
class WhenAGrantEnds {

    private static final Instant LATER = AWARDED_AT.plusSeconds(30 * 86_400L);

    private AggregateTestFixture<Grant> fixture;

    @BeforeEach
    void setUp() {
        fixture = GrantScenario.fixture();
    }

    @Test
    void at_its_expiry_the_remainder_returns_to_the_agency() {
        fixture.givenCurrentTime(AWARDED_AT)
                .andGivenCommands(award(8_000, 250, EXPIRES_AT, WELFARE_OFFICER), use("ride-1", 180, BENEFICIARY))
                .whenTimeAdvancesTo(EXPIRES_AT)
                .expectTriggeredDeadlinesWithName(Grant.EXPIRY_DEADLINE)
                .expectEvents(new GrantExpired(GRANT_ID, Money.twd(7_820), EXPIRES_AT),
                        entry(3, "grant-expired", EXPIRES_AT, JournalLine.debit(PAYABLE, WELFARE, 7_820, "TWD"),
                                JournalLine.credit(EXPENSE, WELFARE, 7_820, "TWD")));
    }

    @Test
    void nothing_expires_before_the_moment() {
        fixture.givenCurrentTime(AWARDED_AT)
                .andGivenCommands(award(8_000, 250, EXPIRES_AT, WELFARE_OFFICER))
                .whenTimeAdvancesTo(EXPIRES_AT.minusSeconds(1))
                .expectNoEvents();
    }

    @Test
    void an_officer_of_the_agency_revokes_it_and_the_remainder_returns() {
        fixture.givenCurrentTime(LATER)
                .andGiven(awarded())
                .when(new RevokeGrant(GRANT_ID, "the beneficiary moved to another city", "cmd-revoke", WELFARE_OFFICER))
                .expectEvents(new GrantRevoked(GRANT_ID, "the beneficiary moved to another city", Money.twd(8_000), LATER),
                        entry(2, "grant-revoked", LATER, JournalLine.debit(PAYABLE, WELFARE, 8_000, "TWD"),
                                JournalLine.credit(EXPENSE, WELFARE, 8_000, "TWD")));
    }

    @Test
    void a_revoked_grant_does_not_expire_again() {
        fixture.givenCurrentTime(AWARDED_AT)
                .andGivenCommands(award(8_000, 250, EXPIRES_AT, WELFARE_OFFICER),
                        new RevokeGrant(GRANT_ID, "awarded by mistake", "cmd-revoke", WELFARE_OFFICER))
                .whenTimeAdvancesTo(EXPIRES_AT.plusSeconds(1))
                .expectNoEvents();
    }

    @Test
    void only_the_granting_agency_revokes_and_only_once() {
        fixture.givenCurrentTime(LATER)
                .andGiven(awarded())
                .when(new RevokeGrant(GRANT_ID, "no reason", "cmd-revoke", TAX_OFFICER))
                .expectException(violates(Kind.FORBIDDEN, "GrantingAgencyDecides"));
        fixture.givenCurrentTime(LATER)
                .andGiven(awarded())
                .andGiven(new GrantRevoked(GRANT_ID, "first", Money.twd(8_000), LATER))
                .when(new RevokeGrant(GRANT_ID, "second", "cmd-revoke-2", WELFARE_OFFICER))
                .expectException(violates(Kind.CONFLICT, "GrantIsActive"));
    }

    @Test
    void a_revocation_gives_a_reason() {
        fixture.givenCurrentTime(LATER)
                .andGiven(awarded())
                .when(new RevokeGrant(GRANT_ID, "", "cmd-revoke", WELFARE_OFFICER))
                .expectException(violates(Kind.INVALID, "TextIsGiven"));
    }
}
