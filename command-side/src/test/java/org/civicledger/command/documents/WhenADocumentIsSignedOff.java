package org.civicledger.command.documents;

import static org.civicledger.command.documents.DocumentScenario.*;
import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.civicledger.events.common.RuleViolation.Kind;
import org.civicledger.events.documents.DocumentCommands.DeclineSignOff;
import org.civicledger.events.documents.DocumentCommands.RequestSignOff;
import org.civicledger.events.documents.DocumentCommands.SignDocument;
import org.civicledger.events.documents.DocumentEvent.DocumentDelivered;
import org.civicledger.events.documents.DocumentEvent.DocumentExecuted;
import org.civicledger.events.documents.DocumentEvent.DocumentRevoked;
import org.civicledger.events.documents.DocumentEvent.DocumentSigned;
import org.civicledger.events.documents.DocumentEvent.SignOffDeclined;
import org.civicledger.events.documents.SignOffStep;
import org.civicledger.events.documents.SignatureAlgorithm;
import org.junit.jupiter.api.Test;

class WhenADocumentIsSignedOff {

    private final InMemoryContents contents = new InMemoryContents();

    private static DocumentSigned signed(int step, org.civicledger.events.documents.Party signer, java.security.KeyPair pair,
                                         SignatureAlgorithm algorithm, SignDocument command) {
        return new DocumentSigned(DOCUMENT_ID, step, signer, keyId(pair), algorithm, command.signature(), SIGNING_AT);
    }

    @Test
    void the_issuer_asks_for_signatures_in_steps() {
        fixture(keys(), contents).givenCurrentTime(REGISTERED_AT.plusSeconds(60))
                .andGiven(registered())
                .when(new RequestSignOff(DOCUMENT_ID, chainRequested().steps(), "cmd-chain", CHEN))
                .expectEvents(chainRequested());
    }

    @Test
    void a_signer_listed_twice_is_refused() {
        fixture(keys(), contents).givenCurrentTime(REGISTERED_AT)
                .andGiven(registered())
                .when(new RequestSignOff(DOCUMENT_ID, List.of(new SignOffStep(List.of(CHEN_SIGNS)), new SignOffStep(List.of(CHEN_SIGNS))),
                        "cmd-chain", CHEN))
                .expectException(violates(Kind.INVALID, "SignersAreListedOnce"));
    }

    @Test
    void the_first_step_signs_with_a_real_ed25519_signature() {
        SignDocument command = signs(CHEN, CHEN_KEY);
        fixture(keys(), contents).givenCurrentTime(SIGNING_AT)
                .andGiven(registered(), chainRequested())
                .when(command)
                .expectEvents(signed(1, CHEN_SIGNS, CHEN_KEY, SignatureAlgorithm.ED25519, command));
    }

    @Test
    void a_later_step_waits_for_the_earlier_one() {
        fixture(keys(), contents).givenCurrentTime(SIGNING_AT)
                .andGiven(registered(), chainRequested())
                .when(signs(WU, WU_KEY))
                .expectException(violates(Kind.CONFLICT, "StepsAreSignedInOrder"));
    }

    @Test
    void the_signers_of_one_step_sign_in_any_order_and_the_last_signature_executes_the_document() {
        SignDocument chen = signs(CHEN, CHEN_KEY);
        SignDocument huang = signs(HUANG, HUANG_KEY);
        SignDocument wu = signs(WU, WU_KEY);
        fixture(keys(), contents).givenCurrentTime(SIGNING_AT)
                .andGiven(registered(), chainRequested(), signed(1, CHEN_SIGNS, CHEN_KEY, SignatureAlgorithm.ED25519, chen),
                        signed(2, HUANG_SIGNS, HUANG_KEY, SignatureAlgorithm.ED25519, huang))
                .when(wu)
                .expectEvents(signed(2, WU_SIGNS, WU_KEY, SignatureAlgorithm.ECDSA_P256, wu), new DocumentExecuted(DOCUMENT_ID, SIGNING_AT),
                        new DocumentDelivered(DOCUMENT_ID, WU_SIGNS, SIGNING_AT));
        fixture(keys(), contents).givenCurrentTime(SIGNING_AT)
                .andGiven(registered(), chainRequested(), signed(1, CHEN_SIGNS, CHEN_KEY, SignatureAlgorithm.ED25519, chen),
                        signed(2, WU_SIGNS, WU_KEY, SignatureAlgorithm.ECDSA_P256, wu))
                .when(huang)
                .expectEvents(signed(2, HUANG_SIGNS, HUANG_KEY, SignatureAlgorithm.ED25519, huang),
                        new DocumentExecuted(DOCUMENT_ID, SIGNING_AT),
                        new DocumentDelivered(DOCUMENT_ID, WU_SIGNS, SIGNING_AT));
    }

    @Test
    void one_signature_of_a_step_with_two_signers_does_not_execute_it() {
        SignDocument chen = signs(CHEN, CHEN_KEY);
        SignDocument wu = signs(WU, WU_KEY);
        fixture(keys(), contents).givenCurrentTime(SIGNING_AT)
                .andGiven(registered(), chainRequested(), signed(1, CHEN_SIGNS, CHEN_KEY, SignatureAlgorithm.ED25519, chen))
                .when(wu)
                .expectEvents(signed(2, WU_SIGNS, WU_KEY, SignatureAlgorithm.ECDSA_P256, wu));
    }

    @Test
    void a_signature_made_with_another_key_is_refused() {
        fixture(keys(), contents).givenCurrentTime(SIGNING_AT)
                .andGiven(registered(), chainRequested())
                .when(new SignDocument(DOCUMENT_ID, keyId(CHEN_KEY), sign(STRANGER_KEY, CONTENT), "cmd", CHEN))
                .expectException(violates(Kind.INVALID, "SignatureMatchesTheDocument"));
    }

    @Test
    void a_signature_over_other_content_is_refused() {
        byte[] other = "Street lighting maintenance contract, 2026, lot 8".getBytes(StandardCharsets.UTF_8);
        fixture(keys(), contents).givenCurrentTime(SIGNING_AT)
                .andGiven(registered(), chainRequested())
                .when(new SignDocument(DOCUMENT_ID, keyId(CHEN_KEY), sign(CHEN_KEY, other), "cmd", CHEN))
                .expectException(violates(Kind.INVALID, "SignatureMatchesTheDocument"));
    }

    @Test
    void a_key_the_signer_never_registered_is_refused() {
        fixture(keys(), contents).givenCurrentTime(SIGNING_AT)
                .andGiven(registered(), chainRequested())
                .when(new SignDocument(DOCUMENT_ID, keyId(STRANGER_KEY), sign(STRANGER_KEY, CONTENT), "cmd", CHEN))
                .expectException(violates(Kind.INVALID, "SigningKeyIsRegistered"));
    }

    @Test
    void a_key_revoked_before_the_signature_signs_no_more() {
        InMemoryKeys keys = keys().with(CHEN_SIGNS, CHEN_KEY, SIGNING_AT.minusSeconds(1));
        fixture(keys, contents).givenCurrentTime(SIGNING_AT)
                .andGiven(registered(), chainRequested())
                .when(signs(CHEN, CHEN_KEY))
                .expectException(violates(Kind.INVALID, "RevokedKeysDoNotSign"));
    }

    @Test
    void a_key_revoked_only_later_still_signs_now() {
        SignDocument command = signs(CHEN, CHEN_KEY);
        InMemoryKeys keys = keys().with(CHEN_SIGNS, CHEN_KEY, SIGNING_AT.plusSeconds(1));
        fixture(keys, contents).givenCurrentTime(SIGNING_AT)
                .andGiven(registered(), chainRequested())
                .when(command)
                .expectEvents(signed(1, CHEN_SIGNS, CHEN_KEY, SignatureAlgorithm.ED25519, command));
    }

    @Test
    void someone_not_in_the_chain_does_not_sign() {
        fixture(keys(), contents).givenCurrentTime(SIGNING_AT)
                .andGiven(registered(), chainRequested())
                .when(new SignDocument(DOCUMENT_ID, keyId(STRANGER_KEY), sign(STRANGER_KEY, CONTENT), "cmd", OFFICER_ELSEWHERE))
                .expectException(violates(Kind.FORBIDDEN, "OnlyNamedSignersSign"));
    }

    @Test
    void a_decline_with_a_reason_ends_the_chain() {
        fixture(keys(), contents).givenCurrentTime(SIGNING_AT)
                .andGiven(registered(), chainRequested())
                .when(new DeclineSignOff(DOCUMENT_ID, "the lot number is wrong", "cmd-decline", CHEN))
                .expectEvents(new SignOffDeclined(DOCUMENT_ID, 1, CHEN_SIGNS, "the lot number is wrong", SIGNING_AT));
        SignDocument chen = signs(CHEN, CHEN_KEY);
        fixture(keys(), contents).givenCurrentTime(SIGNING_AT)
                .andGiven(registered(), chainRequested(), signed(1, CHEN_SIGNS, CHEN_KEY, SignatureAlgorithm.ED25519, chen),
                        new SignOffDeclined(DOCUMENT_ID, 2, WU_SIGNS, "price schedule differs", SIGNING_AT))
                .when(signs(HUANG, HUANG_KEY))
                .expectException(violates(Kind.CONFLICT, "DeclineEndsTheChain"));
    }

    @Test
    void a_revoked_document_takes_no_signature() {
        fixture(keys(), contents).givenCurrentTime(SIGNING_AT)
                .andGiven(registered(), chainRequested(), new DocumentRevoked(DOCUMENT_ID, "wrong lot", REGISTERED_AT))
                .when(signs(CHEN, CHEN_KEY))
                .expectException(violates(Kind.CONFLICT, "RevokedDocumentsAreNotSigned"));
    }

    @Test
    void signing_again_is_a_harmless_repeat() {
        SignDocument chen = signs(CHEN, CHEN_KEY);
        SignDocument wu = signs(WU, WU_KEY);
        fixture(keys(), contents).givenCurrentTime(SIGNING_AT)
                .andGiven(registered(), chainRequested(), signed(1, CHEN_SIGNS, CHEN_KEY, SignatureAlgorithm.ED25519, chen),
                        signed(2, WU_SIGNS, WU_KEY, SignatureAlgorithm.ECDSA_P256, wu))
                .when(signs(WU, WU_KEY))
                .expectNoEvents();
    }
}
