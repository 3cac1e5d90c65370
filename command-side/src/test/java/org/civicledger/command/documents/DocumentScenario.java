package org.civicledger.command.documents;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.command.support.FixtureClock;
import org.civicledger.events.common.Actor;
import org.civicledger.events.documents.DocumentCommands.RegisterDocument;
import org.civicledger.events.documents.DocumentCommands.SignDocument;
import org.civicledger.events.documents.DocumentEvent.DocumentRegistered;
import org.civicledger.events.documents.DocumentEvent.SignOffRequested;
import org.civicledger.events.documents.DocumentKind;
import org.civicledger.events.documents.Party;
import org.civicledger.events.documents.PartyRole;
import org.civicledger.events.documents.SignOffStep;

/**
 * The story the document tests share. Civil Affairs contracts street-lighting maintenance with vendor Wu on
 * 3 November 2025 in Taipei: officer Chen signs first (Ed25519), then the vendor's representative Wu and the
 * agency's legal officer Huang, in either order (Wu with ECDSA P-256, Huang with Ed25519). Keys are generated
 * fresh by the JDK for every test class, and signatures are real.
 */
final class DocumentScenario {

    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    static final Instant REGISTERED_AT = LocalDate.of(2025, 11, 3).atTime(9, 0).atZone(TAIPEI).toInstant();
    static final Instant SIGNING_AT = REGISTERED_AT.plusSeconds(3600);

    static final String CIVIL = "CIVIL-AFFAIRS";
    static final String DOCUMENT_ID = "doc-lighting-2026";
    static final byte[] CONTENT = "Street lighting maintenance contract, 2026, lot 7".getBytes(StandardCharsets.UTF_8);
    static final String SHA256 = Signatures.sha256Hex(CONTENT);

    static final Actor CHEN = Actor.officer("officer-chen", CIVIL);
    static final Actor HUANG = Actor.officer("officer-huang", CIVIL);
    static final Actor WU = Actor.citizen("vendor-wu");
    static final Actor OFFICER_ELSEWHERE = Actor.officer("officer-lee", "TAX");
    static final Actor AUDITOR = new Actor("auditor-kao", org.civicledger.events.common.Role.AUDITOR, null);

    static final Party CHEN_SIGNS = new Party(CHEN.subject(), PartyRole.OFFICER, CIVIL);
    static final Party HUANG_SIGNS = new Party(HUANG.subject(), PartyRole.OFFICER, CIVIL);
    static final Party WU_SIGNS = new Party(WU.subject(), PartyRole.VENDOR, null);

    static final KeyPair CHEN_KEY = generate("Ed25519");
    static final KeyPair HUANG_KEY = generate("Ed25519");
    static final KeyPair WU_KEY = generate("EC");
    static final KeyPair STRANGER_KEY = generate("Ed25519");

    private DocumentScenario() {
    }

    static KeyPair generate(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static String publicKey(KeyPair pair) {
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    static String keyId(KeyPair pair) {
        return Signatures.keyId(pair.getPublic().getEncoded());
    }

    /** A real signature over the 32 bytes of {@code content}'s SHA-256, as docs/documents.md says a signer makes it. */
    static String sign(KeyPair pair, byte[] content) {
        try {
            PrivateKey key = pair.getPrivate();
            Signature signer = Signature.getInstance(key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "Ed25519");
            signer.initSign(key);
            signer.update(Signatures.sha256(content));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static SignDocument signs(Actor actor, KeyPair pair) {
        return new SignDocument(DOCUMENT_ID, keyId(pair), sign(pair, CONTENT), "cmd-sign-" + actor.subject(), actor);
    }

    static RegisterDocument register(Actor actor, DocumentKind kind, LocalDate expiresOn) {
        return new RegisterDocument(DOCUMENT_ID, CONTENT, kind, "Street lighting maintenance 2026", CIVIL, List.of(WU_SIGNS), expiresOn,
                null, "cmd-register", actor);
    }

    static DocumentRegistered registered() {
        return new DocumentRegistered(DOCUMENT_ID, SHA256, CONTENT.length, DocumentKind.CONTRACT, "Street lighting maintenance 2026", CIVIL,
                List.of(WU_SIGNS), LocalDate.of(2026, 12, 31), REGISTERED_AT);
    }

    static SignOffRequested chainRequested() {
        return new SignOffRequested(DOCUMENT_ID, List.of(new SignOffStep(List.of(CHEN_SIGNS)), new SignOffStep(List.of(WU_SIGNS, HUANG_SIGNS))),
                REGISTERED_AT.plusSeconds(60));
    }

    static InMemoryKeys keys() {
        return new InMemoryKeys()
                .with(CHEN_SIGNS, CHEN_KEY, null)
                .with(HUANG_SIGNS, HUANG_KEY, null)
                .with(WU_SIGNS, WU_KEY, null);
    }

    static AggregateTestFixture<Document> fixture(InMemoryKeys keys, InMemoryContents contents) {
        AggregateTestFixture<Document> fixture = new AggregateTestFixture<>(Document.class);
        fixture.registerInjectableResource(keys);
        fixture.registerInjectableResource(contents);
        fixture.registerInjectableResource(new FixtureClock(fixture::currentTime, TAIPEI));
        return fixture;
    }

    /** Signers' keys as a keyring would report them; {@code revokedAt} null while a key is good. */
    static final class InMemoryKeys implements SigningKeyBook {

        private final Map<String, SigningKeyFacts> keys = new HashMap<>();

        InMemoryKeys with(Party signer, KeyPair pair, Instant revokedAt) {
            Signatures.ParsedKey parsed = Signatures.parseDer(pair.getPublic().getEncoded()).orElseThrow();
            keys.put(signer.subject() + "/" + parsed.keyId(),
                    new SigningKeyFacts(signer, parsed.keyId(), parsed, REGISTERED_AT.minusSeconds(86_400), null, revokedAt));
            return this;
        }

        @Override
        public Optional<SigningKeyFacts> key(String signerSubject, String keyId) {
            return Optional.ofNullable(keys.get(signerSubject + "/" + keyId));
        }
    }

    /** Contents kept in memory, so a test can see what the registration stored. */
    static final class InMemoryContents implements DocumentContents {

        final Map<String, byte[]> stored = new HashMap<>();
        final List<String> writes = new ArrayList<>();

        @Override
        public void store(String sha256, byte[] content, Instant storedAt) {
            writes.add(sha256);
            stored.putIfAbsent(sha256, content.clone());
        }

        @Override
        public Optional<byte[]> content(String sha256) {
            return Optional.ofNullable(stored.get(sha256));
        }
    }
}
