package org.civicledger.command.privacy;

import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.common.Role;
import org.civicledger.events.common.RuleViolation;
import org.civicledger.events.privacy.PrivacyCommands.EraseCitizenData;
import org.civicledger.events.privacy.PrivacyEvent.CitizenDataErased;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenAnOperatorErasesACitizen {

    private static final NationalId NATIONAL_ID = new NationalId("A123456789");
    private static final Actor OPERATOR = new Actor("operator-1", Role.OPERATOR, null);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-12-01T02:00:00Z"), ZoneId.of("Asia/Taipei"));

    private final SubjectHasher hasher = new SubjectHasher(MasterKey.of(new byte[32]));
    private final String subjectRef = hasher.refFor(NATIONAL_ID);
    private final FakeKeys keys = new FakeKeys();
    private AggregateTestFixture<CitizenPrivacy> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(CitizenPrivacy.class);
        fixture.registerAnnotatedCommandHandler(new CitizenPrivacyCommandHandler(fixture::getRepository, hasher, keys, CLOCK));
    }

    @Test
    void the_key_is_destroyed_and_the_erasure_recorded_with_reason_and_date() {
        keys.live = OptionalInt.of(1);
        fixture.givenNoPriorActivity()
                .when(new EraseCitizenData(NATIONAL_ID, "request ER-1", "cmd-1", OPERATOR))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(subjectRef)
                .expectEvents(new CitizenDataErased(subjectRef, 1, "request ER-1", LocalDate.of(2025, 12, 1)));
        org.assertj.core.api.Assertions.assertThat(keys.destroyed).containsExactly(subjectRef + " v1 by operator-1");
    }

    @Test
    void the_ledger_itself_may_erase_too() {
        keys.live = OptionalInt.of(1);
        fixture.givenNoPriorActivity()
                .when(new EraseCitizenData(NATIONAL_ID, "retention period ended", "cmd-1", Actor.system("retention")))
                .expectEvents(new CitizenDataErased(subjectRef, 1, "retention period ended", LocalDate.of(2025, 12, 1)));
    }

    @Test
    void an_officer_or_a_citizen_may_not_erase() {
        keys.live = OptionalInt.of(1);
        fixture.givenNoPriorActivity()
                .when(new EraseCitizenData(NATIONAL_ID, "please", "cmd-1", Actor.officer("officer-1", "AG")))
                .expectException(violates(RuleViolation.Kind.FORBIDDEN, "ErasureByPrivacyOperator"));
        fixture.givenNoPriorActivity()
                .when(new EraseCitizenData(NATIONAL_ID, "please", "cmd-1", Actor.citizen("citizen-1")))
                .expectException(violates(RuleViolation.Kind.FORBIDDEN, "ErasureByPrivacyOperator"));
        org.assertj.core.api.Assertions.assertThat(keys.destroyed).isEmpty();
    }

    @Test
    void an_erasure_needs_a_reason() {
        keys.live = OptionalInt.of(1);
        fixture.givenNoPriorActivity()
                .when(new EraseCitizenData(NATIONAL_ID, " ", "cmd-1", OPERATOR))
                .expectException(violates(RuleViolation.Kind.INVALID, "TextIsGiven"));
    }

    @Test
    void a_citizen_already_erased_is_a_conflict() {
        keys.live = OptionalInt.empty();
        fixture.given(new CitizenDataErased(subjectRef, 1, "request ER-1", LocalDate.of(2025, 11, 1)))
                .when(new EraseCitizenData(NATIONAL_ID, "request ER-2", "cmd-2", OPERATOR))
                .expectException(violates(RuleViolation.Kind.CONFLICT, "ErasedOnce"));
    }

    @Test
    void a_citizen_who_came_back_after_an_erasure_can_be_erased_again() {
        keys.live = OptionalInt.of(2);
        fixture.given(new CitizenDataErased(subjectRef, 1, "request ER-1", LocalDate.of(2025, 11, 1)))
                .when(new EraseCitizenData(NATIONAL_ID, "request ER-2", "cmd-2", OPERATOR))
                .expectEvents(new CitizenDataErased(subjectRef, 2, "request ER-2", LocalDate.of(2025, 12, 1)));
    }

    @Test
    void a_citizen_of_whom_nothing_is_held_is_not_found() {
        keys.live = OptionalInt.empty();
        fixture.givenNoPriorActivity()
                .when(new EraseCitizenData(NATIONAL_ID, "request ER-1", "cmd-1", OPERATOR))
                .expectException(violates(RuleViolation.Kind.NOT_FOUND, "PersonalDataIsHeld"));
    }

    private static final class FakeKeys implements SubjectKeys {
        OptionalInt live = OptionalInt.empty();
        final List<String> destroyed = new ArrayList<>();

        @Override
        public OptionalInt liveKeyVersion(String subjectRef) {
            return live;
        }

        @Override
        public void destroy(String subjectRef, int keyVersion, Actor erasedBy, String reason, Instant erasedAt) {
            destroyed.add(subjectRef + " v" + keyVersion + " by " + erasedBy.subject());
        }
    }
}
