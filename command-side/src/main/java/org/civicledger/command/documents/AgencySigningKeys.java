package org.civicledger.command.documents;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.civicledger.command.privacy.MasterKey;
import org.civicledger.events.documents.Party;
import org.civicledger.events.documents.PartyRole;
import org.springframework.stereotype.Component;

/**
 * The agencies' own document signing keys (certificates): Ed25519, each derived from the master key
 * ({@link MasterKey#agencySigningSeed}), so no private key is stored anywhere and every node signs with the same one.
 * Their public keys are registered on the agencies' keyrings like anyone's, as events.
 */
@Component
public class AgencySigningKeys {

    private final MasterKey masterKey;
    private final Map<String, KeyPair> keys = new ConcurrentHashMap<>();

    public AgencySigningKeys(MasterKey masterKey) {
        this.masterKey = masterKey;
    }

    /** The party an agency signs as: subject {@code agency-<code>}. */
    public static Party partyOf(String agencyCode) {
        return new Party("agency-" + agencyCode, PartyRole.AGENCY, agencyCode);
    }

    public String publicKeyBase64(String agencyCode) {
        return Base64.getEncoder().encodeToString(keyPair(agencyCode).getPublic().getEncoded());
    }

    public String keyId(String agencyCode) {
        return Signatures.keyId(keyPair(agencyCode).getPublic().getEncoded());
    }

    /** The agency's signature (base64) over the 32 bytes of {@code sha256}, as docs/documents.md defines the signing input. */
    public String sign(String agencyCode, byte[] sha256) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keyPair(agencyCode).getPrivate());
            signer.update(sha256);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("the JDK signs Ed25519", impossible);
        }
    }

    private KeyPair keyPair(String agencyCode) {
        return keys.computeIfAbsent(agencyCode, code -> fromSeed(masterKey.agencySigningSeed(code)));
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
