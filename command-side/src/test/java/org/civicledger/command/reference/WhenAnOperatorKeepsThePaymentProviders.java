package org.civicledger.command.reference;

import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.RuleViolation.Kind;
import org.civicledger.events.reference.PaymentProviderEvent.PaymentProviderRegistered;
import org.civicledger.events.reference.PaymentProviderEvent.PaymentProviderRevised;
import org.civicledger.events.reference.PaymentReferenceCommands.RegisterPaymentProvider;
import org.civicledger.events.reference.PaymentReferenceCommands.RevisePaymentProvider;
import org.civicledger.events.reference.ProviderKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenAnOperatorKeepsThePaymentProviders {

    private static final Actor OPERATOR = new Actor("operator-1", org.civicledger.events.common.Role.OPERATOR, null);
    private static final List<String> CHANNELS = List.of("atm", "web-atm");

    private AggregateTestFixture<PaymentProvider> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PaymentProvider.class);
    }

    private static RegisterPaymentProvider register(List<String> channels, String secretRef) {
        return new RegisterPaymentProvider("TAIPEI-BANK", "Taipei City Bank", ProviderKind.BANK, channels, secretRef, "cmd-1", OPERATOR);
    }

    @Test
    void a_provider_is_registered_with_its_channels_and_the_reference_of_its_callback_secret() {
        fixture.givenNoPriorActivity()
                .when(register(CHANNELS, "provider-secret/TAIPEI-BANK/2025"))
                .expectEvents(new PaymentProviderRegistered("TAIPEI-BANK", "Taipei City Bank", ProviderKind.BANK, CHANNELS,
                        "provider-secret/TAIPEI-BANK/2025"));
    }

    @Test
    void a_provider_offers_at_least_one_channel_each_listed_once() {
        fixture.givenNoPriorActivity()
                .when(register(List.of(), "provider-secret/TAIPEI-BANK/2025"))
                .expectException(violates(Kind.INVALID, "ChannelsAreListed"));
        fixture.givenNoPriorActivity()
                .when(register(List.of("atm", "atm"), "provider-secret/TAIPEI-BANK/2025"))
                .expectException(violates(Kind.INVALID, "ChannelsAreListed"));
    }

    @Test
    void the_callback_secret_is_named_by_reference_and_anything_else_is_refused() {
        fixture.givenNoPriorActivity()
                .when(register(CHANNELS, "c2VjcmV0IGtleSBtYXRlcmlhbA=="))
                .expectNoEvents()
                .expectException(violates(Kind.INVALID, "CallbackSecretIsReferenced"));
        fixture.givenNoPriorActivity()
                .when(register(CHANNELS, null))
                .expectException(violates(Kind.INVALID, "CallbackSecretIsReferenced"));
    }

    @Test
    void a_secret_rotation_is_a_revision_that_keeps_the_former_reference() {
        fixture.given(new PaymentProviderRegistered("TAIPEI-BANK", "Taipei City Bank", ProviderKind.BANK, CHANNELS,
                        "provider-secret/TAIPEI-BANK/2025"))
                .when(new RevisePaymentProvider("TAIPEI-BANK", "Taipei City Bank", CHANNELS, "provider-secret/TAIPEI-BANK/2026",
                        "yearly rotation", "cmd-2", OPERATOR))
                .expectEvents(new PaymentProviderRevised("TAIPEI-BANK", "Taipei City Bank", CHANNELS, "provider-secret/TAIPEI-BANK/2026",
                        CHANNELS, "provider-secret/TAIPEI-BANK/2025", "yearly rotation"));
    }
}
