package org.civicledger.command.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicledger.command.documents.DocumentScenario.CHEN;
import static org.civicledger.command.documents.DocumentScenario.REGISTERED_AT;
import static org.civicledger.command.documents.DocumentScenario.TAIPEI;
import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.command.documents.SigningKeyring.KeyResult;
import org.civicledger.command.privacy.MasterKey;
import org.civicledger.command.support.FixtureClock;
import org.civicledger.command.support.InMemoryReferenceCatalog;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Role;
import org.civicledger.events.common.RuleViolation.Kind;
import org.civicledger.events.documents.DocumentCommands.RegisterAgencySigningKey;
import org.civicledger.events.documents.DocumentCommands.RotateAgencySigningKey;
import org.civicledger.events.documents.Party;
import org.civicledger.events.documents.SignatureAlgorithm;
import org.civicledger.events.documents.SigningKeyEvent.SigningKeyRegistered;
import org.civicledger.events.documents.SigningKeyEvent.SigningKeyRevoked;
import org.civicledger.events.documents.SigningKeyEvent.SigningKeyRotated;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An agency's certificate key is derived from the master key under a version; the ledger registers the current
 * version on first use and an operator rotates it to the next, which retires the one before.
 */
class WhenAnAgencyKeyIsRotated {

    static final MasterKey MASTER = MasterKey.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private static final String AGENCY = "CIVIL-AFFAIRS";
    private static final Party AGENCY_SIGNS = AgencySigningKeys.partyOf(AGENCY);
    private static final String RING = RegisterAgencySigningKey.of(AGENCY, "x", null).keyringId();
    private static final AgencySigningKeys KEYS = new AgencySigningKeys(MASTER);
    private static final Actor LEDGER = Actor.system("case-certificates");
    private static final Actor OPERATOR = new Actor("operator-su", Role.OPERATOR, null);
    private static final Instant ROTATED_AT = REGISTERED_AT.plusSeconds(86_400);

    private AggregateTestFixture<SigningKeyring> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SigningKeyring.class);
        fixture.registerInjectableResource(new FixtureClock(fixture::currentTime, TAIPEI));
        fixture.registerInjectableResource(new AgencySigningKeys(MASTER));
        fixture.registerInjectableResource(new InMemoryReferenceCatalog().withAgency(AGENCY));
    }

    private static SigningKeyRegistered version(int version, Instant at) {
        return new SigningKeyRegistered(RING, AGENCY_SIGNS, KEYS.keyId(AGENCY, version), SignatureAlgorithm.ED25519,
                KEYS.publicKeyBase64(AGENCY, version), at);
    }

    @Test
    void the_first_certificate_registers_version_1_of_the_agency_key() {
        fixture.givenCurrentTime(REGISTERED_AT)
                .when(RegisterAgencySigningKey.of(AGENCY, "cmd-1", LEDGER))
                .expectEvents(version(1, REGISTERED_AT))
                .expectResultMessagePayload(new KeyResult(RING, KEYS.keyId(AGENCY, 1), "ED25519", false));
    }

    @Test
    void later_certificates_are_answered_with_the_current_key_and_register_nothing() {
        fixture.givenCurrentTime(ROTATED_AT).andGiven(version(1, REGISTERED_AT), version(2, REGISTERED_AT.plusSeconds(60)),
                        new SigningKeyRotated(RING, KEYS.keyId(AGENCY, 1), KEYS.keyId(AGENCY, 2), REGISTERED_AT.plusSeconds(60)))
                .when(RegisterAgencySigningKey.of(AGENCY, "cmd-2", LEDGER))
                .expectNoEvents()
                .expectResultMessagePayload(new KeyResult(RING, KEYS.keyId(AGENCY, 2), "ED25519", true));
    }

    @Test
    void an_operator_rotates_the_agency_to_version_2_which_retires_version_1() {
        fixture.givenCurrentTime(ROTATED_AT).andGiven(version(1, REGISTERED_AT))
                .when(RotateAgencySigningKey.of(AGENCY, "cmd-rotate", OPERATOR))
                .expectEvents(version(2, ROTATED_AT), new SigningKeyRotated(RING, KEYS.keyId(AGENCY, 1), KEYS.keyId(AGENCY, 2), ROTATED_AT))
                .expectResultMessagePayload(new KeyResult(RING, KEYS.keyId(AGENCY, 2), "ED25519", false));
    }

    @Test
    void each_rotation_brings_the_next_version() {
        fixture.givenCurrentTime(ROTATED_AT).andGiven(version(1, REGISTERED_AT), version(2, REGISTERED_AT.plusSeconds(60)),
                        new SigningKeyRotated(RING, KEYS.keyId(AGENCY, 1), KEYS.keyId(AGENCY, 2), REGISTERED_AT.plusSeconds(60)))
                .when(RotateAgencySigningKey.of(AGENCY, "cmd-rotate", OPERATOR))
                .expectEvents(version(3, ROTATED_AT), new SigningKeyRotated(RING, KEYS.keyId(AGENCY, 2), KEYS.keyId(AGENCY, 3), ROTATED_AT));
    }

    @Test
    void a_rotation_before_any_certificate_skips_version_1_which_never_signed() {
        fixture.givenCurrentTime(ROTATED_AT).andGivenCommands()
                .when(RotateAgencySigningKey.of(AGENCY, "cmd-rotate", OPERATOR))
                .expectEvents(version(2, ROTATED_AT));
    }

    @Test
    void versions_differ_and_version_1_is_the_key_agencies_had_before_rotation_existed() throws Exception {
        assertThat(KEYS.keyId(AGENCY, 2)).isNotEqualTo(KEYS.keyId(AGENCY, 1)).isNotEqualTo(KEYS.keyId(AGENCY, 3));
        assertThat(KEYS.versionOf(AGENCY, KEYS.keyId(AGENCY, 3))).hasValue(3);
        assertThat(KEYS.versionOf("TAX", KEYS.keyId(AGENCY, 3))).isEmpty();
        // Version 1 is derived under the label it always had, so the keys registered before rotation existed are version 1.
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        byte[] formerSeed = mac.doFinal(("civic-ledger agency signing key v1\n" + AGENCY).getBytes(StandardCharsets.UTF_8));
        assertThat(AgencySigningKeys.fromSeed(formerSeed).getPublic().getEncoded())
                .isEqualTo(java.util.Base64.getDecoder().decode(KEYS.publicKeyBase64(AGENCY, 1)));
    }

    @Test
    void an_officer_of_the_agency_does_not_rotate_its_key() {
        fixture.givenCurrentTime(ROTATED_AT).andGiven(version(1, REGISTERED_AT))
                .when(RotateAgencySigningKey.of(AGENCY, "cmd-rotate", CHEN))
                .expectNoEvents()
                .expectException(violates(Kind.FORBIDDEN, "SignersKeepTheirOwnKeys"));
    }

    @Test
    void an_agency_that_is_not_registered_has_no_key_to_rotate() {
        fixture.givenCurrentTime(ROTATED_AT).andGivenCommands()
                .when(RotateAgencySigningKey.of("NO-SUCH-AGENCY", "cmd-rotate", OPERATOR))
                .expectNoEvents()
                .expectException(violates(Kind.NOT_FOUND, "AgencyIsRegistered"));
    }

    @Test
    void a_revoked_agency_key_is_not_replaced_by_a_certificate_but_by_a_rotation() {
        SigningKeyRevoked revoked = new SigningKeyRevoked(RING, KEYS.keyId(AGENCY, 1), "key exposed in a log", REGISTERED_AT.plusSeconds(60));
        fixture.givenCurrentTime(ROTATED_AT).andGiven(version(1, REGISTERED_AT), revoked)
                .when(RegisterAgencySigningKey.of(AGENCY, "cmd-cert", LEDGER))
                .expectNoEvents()
                .expectException(violates(Kind.CONFLICT, "RevokedAgencyKeysAreRotated"));
        fixture.givenCurrentTime(ROTATED_AT).andGiven(version(1, REGISTERED_AT), revoked)
                .when(RotateAgencySigningKey.of(AGENCY, "cmd-rotate", OPERATOR))
                .expectEvents(version(2, ROTATED_AT));
    }
}
