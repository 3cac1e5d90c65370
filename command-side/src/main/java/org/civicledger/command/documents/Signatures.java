package org.civicledger.command.documents;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.civicledger.events.documents.SignatureAlgorithm;

/**
 * The document signature scheme, with the JDK's own providers only: public keys are X.509
 * SubjectPublicKeyInfo (DER, as base64 or PEM), Ed25519 or ECDSA over P-256; the signing input is always the
 * 32 raw bytes of the document's SHA-256 (for ECDSA, {@code SHA256withECDSA} hashes those 32 bytes once more,
 * as any standard ECDSA signer does). The same code verifies in the ledger and in the offline
 * {@code ledger document-verify}, so both give the same answer for the same bytes.
 */
public final class Signatures {

    /** The largest encoded public key accepted: P-256 and Ed25519 keys are 91 and 44 bytes of DER. */
    public static final int PUBLIC_KEY_BYTES_MAX = 512;
    /** The largest signature accepted: Ed25519 is 64 bytes, a DER ECDSA P-256 signature at most 72. */
    public static final int SIGNATURE_BYTES_MAX = 128;

    private static final HexFormat HEX = HexFormat.of();
    // The order of NIST P-256: identifies the curve regardless of how the provider names it.
    private static final java.math.BigInteger P256_ORDER =
            new java.math.BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);

    private Signatures() {
    }

    /** A public key that parsed and is of a supported kind. */
    public record ParsedKey(SignatureAlgorithm algorithm, byte[] der, PublicKey publicKey) {

        public String keyId() {
            return Signatures.keyId(der);
        }

        public String base64() {
            return Base64.getEncoder().encodeToString(der);
        }
    }

    /** Lower-case hex SHA-256 of {@code content}. */
    public static String sha256Hex(byte[] content) {
        return HEX.formatHex(sha256(content));
    }

    public static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    /** The id of a key: the first 32 hex digits (128 bits) of the SHA-256 of its DER encoding. */
    public static String keyId(byte[] der) {
        return sha256Hex(der).substring(0, 32);
    }

    /** A 64-digit lower- or upper-case hex SHA-256 as 32 bytes, or empty when it is not one. */
    public static Optional<byte[]> hashBytes(String sha256Hex) {
        if (sha256Hex == null || !sha256Hex.matches("[0-9a-fA-F]{64}")) {
            return Optional.empty();
        }
        return Optional.of(HEX.parseHex(sha256Hex.toLowerCase()));
    }

    /**
     * Parses a public key given as base64 DER or as a PEM {@code PUBLIC KEY} block; empty when it is neither, or a
     * key of another kind (RSA, another curve).
     */
    public static Optional<ParsedKey> parsePublicKey(String text) {
        if (text == null || text.isBlank() || text.length() > PUBLIC_KEY_BYTES_MAX * 2) {
            return Optional.empty();
        }
        String body = text.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        return parseDer(der);
    }

    public static Optional<ParsedKey> parseDer(byte[] der) {
        if (der.length == 0 || der.length > PUBLIC_KEY_BYTES_MAX) {
            return Optional.empty();
        }
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
            return Optional.of(new ParsedKey(SignatureAlgorithm.ED25519, key.getEncoded(), key));
        } catch (InvalidKeySpecException | NoSuchAlgorithmException notEd25519) {
            // Try the other kind below.
        }
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
            if (key instanceof ECPublicKey ec && isP256(ec.getParams())) {
                return Optional.of(new ParsedKey(SignatureAlgorithm.ECDSA_P256, key.getEncoded(), key));
            }
        } catch (InvalidKeySpecException | NoSuchAlgorithmException | RuntimeException notEc) {
            // Neither: refused below.
        }
        return Optional.empty();
    }

    private static boolean isP256(ECParameterSpec params) {
        return params != null && params.getCurve().getField().getFieldSize() == 256 && P256_ORDER.equals(params.getOrder());
    }

    /**
     * Whether {@code signature} is a valid signature by {@code key} over the 32 bytes {@code hash}. Malformed
     * signatures are simply not valid.
     */
    public static boolean verify(ParsedKey key, byte[] hash, byte[] signature) {
        if (signature == null || signature.length == 0 || signature.length > SIGNATURE_BYTES_MAX || hash == null || hash.length != 32) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(key.algorithm().jdkSignature());
            verifier.initVerify(key.publicKey());
            verifier.update(hash);
            return verifier.verify(signature);
        } catch (InvalidKeyException | java.security.SignatureException malformed) {
            return false;
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("the JDK lacks " + key.algorithm().jdkSignature(), impossible);
        }
    }

    /** Base64 (standard alphabet) to bytes, or empty when it is not base64. */
    public static Optional<byte[]> base64(String text) {
        if (text == null || text.isBlank() || text.length() > SIGNATURE_BYTES_MAX * 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(text.trim()));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
