package org.civicledger.command.documents;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.civicledger.command.privacy.MasterKey;
import org.civicledger.events.documents.DocumentCommands;
import org.civicledger.events.documents.Party;
import org.civicledger.events.documents.PartyRole;
import org.springframework.stereotype.Component;

/**
 * The agencies' own document signing keys (certificates): Ed25519, each derived from the master key
 * ({@link MasterKey#agencySigningSeed}) under a version (v1, then v2, v3, ... after each rotation), so no private key
 * is stored anywhere and every node signs with the same one. Their public keys are registered on the agencies'
 * keyrings like anyone's, as events; which version is current is read from the keyring ({@link SigningKeyring}).
 */
@Component
public class AgencySigningKeys {

    /** The most versions an agency's key can have: a keyring holds at most {@link SigningKeyring#KEYS_MAX} keys. */
    public static final int VERSIONS_MAX = SigningKeyring.KEYS_MAX;

    private final MasterKey masterKey;
    private final Map<String, KeyPair> keys = new ConcurrentHashMap<>();

    public AgencySigningKeys(MasterKey masterKey) {
        this.masterKey = masterKey;
    }

    /** The party an agency signs as: subject {@code agency-<code>}. */
    public static Party partyOf(String agencyCode) {
        return new Party(DocumentCommands.agencySignerOf(agencyCode), PartyRole.AGENCY, agencyCode);
    }

    public String publicKeyBase64(String agencyCode, int version) {
        return Base64.getEncoder().encodeToString(keyPair(agencyCode, version).getPublic().getEncoded());
    }

    public String keyId(String agencyCode, int version) {
        return Signatures.keyId(keyPair(agencyCode, version).getPublic().getEncoded());
    }

    /**
     * The version of the agency's key whose id is {@code keyId}, or empty when it is no key derived for the agency (a
     * key an operator registered on the agency's keyring from elsewhere, or one derived from another master key).
     */
    public OptionalInt versionOf(String agencyCode, String keyId) {
        for (int version = 1; version <= VERSIONS_MAX; version++) {
            if (keyId(agencyCode, version).equals(keyId)) {
                return OptionalInt.of(version);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * The agency's signature (base64) with its derived key {@code keyId} over the 32 bytes of {@code sha256}, as
     * docs/documents.md defines the signing input.
     */
    public String sign(String agencyCode, String keyId, byte[] sha256) {
        int version = versionOf(agencyCode, keyId).orElseThrow(() -> new IllegalArgumentException(
                "key " + keyId + " is not a key derived for agency " + agencyCode));
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keyPair(agencyCode, version).getPrivate());
            signer.update(sha256);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("the JDK signs Ed25519", impossible);
        }
    }

    private KeyPair keyPair(String agencyCode, int version) {
        if (version < 1 || version > VERSIONS_MAX) {
            throw new IllegalArgumentException("an agency key version is 1 to " + VERSIONS_MAX + ": " + version);
        }
        return keys.computeIfAbsent(version + "\n" + agencyCode, entry -> fromSeed(masterKey.agencySigningSeed(agencyCode, version)));
    }

    /**
     * The JDK makes an Ed25519 key pair from the 32 bytes its generator draws from the random source (RFC 8032: the
     * private key is those bytes); handing it a source that yields the seed makes the pair the seed's.
     */
    static KeyPair fromSeed(byte[] seed) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SeedSource(seed));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("the JDK makes Ed25519 keys", impossible);
        }
    }

    /** A "random" source that yields one given seed: only for deriving a key pair from it. */
    private static final class SeedSource extends SecureRandom {

        private final byte[] seed;

        SeedSource(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("an Ed25519 seed is " + seed.length + " bytes; " + bytes.length + " were asked for");
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
