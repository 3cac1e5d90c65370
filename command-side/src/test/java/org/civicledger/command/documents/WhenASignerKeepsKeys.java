package org.civicledger.command.documents;

import static org.civicledger.command.documents.DocumentScenario.*;
import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.time.Instant;
import java.util.Base64;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.command.support.FixtureClock;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.RuleViolation.Kind;
import org.civicledger.events.documents.DocumentCommands;
import org.civicledger.events.documents.DocumentCommands.RegisterSigningKey;
import org.civicledger.events.documents.DocumentCommands.RevokeSigningKey;
import org.civicledger.events.documents.DocumentCommands.RotateSigningKey;
import org.civicledger.events.documents.SignatureAlgorithm;
import org.civicledger.events.documents.SigningKeyEvent.SigningKeyRegistered;
import org.civicledger.events.documents.SigningKeyEvent.SigningKeyRevoked;
import org.civicledger.events.documents.SigningKeyEvent.SigningKeyRotated;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenASignerKeepsKeys {

    private static final String CHEN_RING = DocumentCommands.keyringOf(CHEN.subject());
    private static final String WU_RING = DocumentCommands.keyringOf(WU.subject());
    private static final Instant LATER = REGISTERED_AT.plusSeconds(7200);

    private AggregateTestFixture<SigningKeyring> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SigningKeyring.class);
        fixture.registerInjectableResource(new FixtureClock(fixture::currentTime, TAIPEI));
        // The agency key handlers of the same aggregate take these; the rules tested here do not use them.
        fixture.registerInjectableResource(new AgencySigningKeys(WhenAnAgencyKeyIsRotated.MASTER));
        fixture.registerInjectableResource(new org.civicledger.command.support.InMemoryReferenceCatalog());
    }

    private static SigningKeyRegistered chenRegistered() {
        return new SigningKeyRegistered(CHEN_RING, CHEN_SIGNS, keyId(CHEN_KEY), SignatureAlgorithm.ED25519, publicKey(CHEN_KEY), REGISTERED_AT);
    }

    @Test
    void an_officer_registers_an_ed25519_key_for_themselves() {
        fixture.givenCurrentTime(REGISTERED_AT)
                .when(new RegisterSigningKey(CHEN_RING, CHEN_SIGNS, publicKey(CHEN_KEY), "cmd-key", CHEN))
                .expectEvents(chenRegistered());
    }

    @Test
    void an_operator_registers_a_vendors_p256_key_given_as_pem() {
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(WU_KEY.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        fixture.givenCurrentTime(REGISTERED_AT)
                .when(new RegisterSigningKey(WU_RING, WU_SIGNS, pem, "cmd-key", new Actor("operator-su", org.civicledger.events.common.Role.OPERATOR, null)))
                .expectEvents(new SigningKeyRegistered(WU_RING, WU_SIGNS, keyId(WU_KEY), SignatureAlgorithm.ECDSA_P256, publicKey(WU_KEY),
                        REGISTERED_AT));
    }

    @Test
    void an_rsa_key_or_garbage_is_refused() throws Exception {
        java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String rsaKey = Base64.getEncoder().encodeToString(rsa.generateKeyPair().getPublic().getEncoded());
        fixture.givenCurrentTime(REGISTERED_AT)
                .when(new RegisterSigningKey(CHEN_RING, CHEN_SIGNS, rsaKey, "cmd-key", CHEN))
                .expectException(violates(Kind.INVALID, "PublicKeyIsEd25519OrP256"));
        fixture.givenCurrentTime(REGISTERED_AT)
                .when(new RegisterSigningKey(CHEN_RING, CHEN_SIGNS, "not a key!", "cmd-key", CHEN))
                .expectException(violates(Kind.INVALID, "PublicKeyIsEd25519OrP256"));
    }

    @Test
    void nobody_registers_a_key_for_someone_else() {
        fixture.givenCurrentTime(REGISTERED_AT)
                .when(new RegisterSigningKey(CHEN_RING, CHEN_SIGNS, publicKey(STRANGER_KEY), "cmd-key", HUANG))
                .expectException(violates(Kind.FORBIDDEN, "SignersKeepTheirOwnKeys"));
    }

    @Test
    void rotation_registers_the_new_key_and_retires_the_old_one() {
        fixture.givenCurrentTime(LATER).andGiven(chenRegistered())
                .when(new RotateSigningKey(CHEN_RING, keyId(CHEN_KEY), publicKey(STRANGER_KEY), "cmd-rotate", CHEN))
                .expectEvents(new SigningKeyRegistered(CHEN_RING, CHEN_SIGNS, keyId(STRANGER_KEY), SignatureAlgorithm.ED25519,
                                publicKey(STRANGER_KEY), LATER),
                        new SigningKeyRotated(CHEN_RING, keyId(CHEN_KEY), keyId(STRANGER_KEY), LATER))
                .expectState(keyring -> {
                    SigningKeyFacts old = keyring.key(keyId(CHEN_KEY)).orElseThrow();
                    org.assertj.core.api.Assertions.assertThat(old.signsAt(LATER.minusSeconds(1))).isTrue();
                    org.assertj.core.api.Assertions.assertThat(old.signsAt(LATER)).isFalse();
                });
    }

    @Test
    void revocation_records_the_time_from_which_the_key_signs_no_more() {
        fixture.givenCurrentTime(LATER).andGiven(chenRegistered())
                .when(new RevokeSigningKey(CHEN_RING, keyId(CHEN_KEY), "laptop stolen", "cmd-revoke", CHEN))
                .expectEvents(new SigningKeyRevoked(CHEN_RING, keyId(CHEN_KEY), "laptop stolen", LATER))
                .expectState(keyring -> org.assertj.core.api.Assertions.assertThat(keyring.key(keyId(CHEN_KEY)).orElseThrow().revokedAt())
                        .isEqualTo(LATER));
    }
}
