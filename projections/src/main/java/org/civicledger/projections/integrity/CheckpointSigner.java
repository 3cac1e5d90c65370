package org.civicledger.projections.integrity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The ledger's Ed25519 checkpoint key and the C2SP signed-note / tlog-checkpoint formats
 * (docs/integrity.md, "Checkpoints").
 *
 * <pre>
 * body      = origin "\n" decimal(tree size) "\n" base64(root hash) "\n"
 * note      = body "\n" "— " keyName " " base64(keyId(4) || Ed25519(body)(64)) "\n"
 * keyId     = SHA-256(keyName || 0x0A || 0x01 || publicKey(32))[0:4]
 * verifier  = keyName "+" hex(keyId) "+" base64(0x01 || publicKey(32))
 * </pre>
 *
 * Key file: two lines of base64, the PKCS#8 private key then the X.509 public key (JDK encodings).
 */
public final class CheckpointSigner {

    /** Signature type of Ed25519 in signed notes. */
    public static final byte ED25519 = 0x01;
    /** U+2014 EM DASH then a space: how every signature line of a note begins. */
    public static final String SIGNATURE_PREFIX = "\u2014 ";

    private final String keyName;
    private final PrivateKey privateKey;
    private final byte[] publicKey;

    public CheckpointSigner(String keyName, KeyPair keyPair) {
        if (keyName.isEmpty() || keyName.chars().anyMatch(c -> c == '+' || Character.isWhitespace(c))) {
            throw new IllegalArgumentException("a note key name has no '+' and no white space: " + keyName);
        }
        this.keyName = keyName;
        this.privateKey = keyPair.getPrivate();
        this.publicKey = rawPublicKey(keyPair.getPublic());
    }

    /** Reads the key file, or makes it (owner-only) when it is missing and {@code generate} is true. */
    public static CheckpointSigner fromFile(String keyName, Path file, boolean generate) {
        try {
            if (!Files.exists(file)) {
                if (!generate) {
                    throw new IllegalStateException("no checkpoint signing key at " + file
                            + " (ledger.integrity.signing-key-file); generation is off");
                }
                KeyPair fresh = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                Files.createDirectories(file.toAbsolutePath().getParent());
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(file);
                }
                Base64.Encoder b64 = Base64.getEncoder();
                Files.writeString(file, b64.encodeToString(fresh.getPrivate().getEncoded()) + "\n"
                        + b64.encodeToString(fresh.getPublic().getEncoded()) + "\n", StandardCharsets.US_ASCII,
                        StandardOpenOption.TRUNCATE_EXISTING);
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines.get(0).trim())));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(lines.get(1).trim())));
            CheckpointSigner signer = new CheckpointSigner(keyName, new KeyPair(publicKey, privateKey));
            byte[] probe = "civic-ledger key check".getBytes(StandardCharsets.US_ASCII);
            if (!verify(signer.publicKey, probe, signer.signRaw(probe))) {
                throw new IllegalStateException("the private and public key in " + file + " do not belong together");
            }
            return signer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the checkpoint key " + file, e);
        } catch (GeneralSecurityException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new IllegalStateException("unreadable checkpoint key " + file, e);
        }
    }

    public String keyName() {
        return keyName;
    }

    /** The 32-byte Ed25519 public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    public byte[] keyId() {
        return keyId(keyName, publicKey);
    }

    public String verifierKey() {
        return verifierKey(keyName, publicKey);
    }

    public static String checkpointBody(String origin, long treeSize, byte[] rootHash) {
        return origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
    }

    /** The whole signed note: body, blank line, one signature line. */
    public String signCheckpoint(String origin, long treeSize, byte[] rootHash) {
        String body = checkpointBody(origin, treeSize, rootHash);
        byte[] signature = signRaw(body.getBytes(StandardCharsets.UTF_8));
        byte[] keyIdAndSignature = ByteBuffer.allocate(4 + signature.length).put(keyId()).put(signature).array();
        return body + "\n" + SIGNATURE_PREFIX + keyName + " " + Base64.getEncoder().encodeToString(keyIdAndSignature) + "\n";
    }

    public static byte[] keyId(String keyName, byte[] publicKey) {
        byte[] name = keyName.getBytes(StandardCharsets.UTF_8);
        byte[] hash = EventHash.sha256(name, new byte[] {0x0A, ED25519}, publicKey);
        return Arrays.copyOf(hash, 4);
    }

    public static String verifierKey(String keyName, byte[] publicKey) {
        byte[] typed = new byte[33];
        typed[0] = ED25519;
        System.arraycopy(publicKey, 0, typed, 1, 32);
        return keyName + "+" + HexFormat.of().formatHex(keyId(keyName, publicKey)) + "+" + Base64.getEncoder().encodeToString(typed);
    }

    /** Verifies an Ed25519 signature over {@code message} with a raw 32-byte public key (JDK only). */
    public static boolean verify(byte[] rawPublicKey, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKeyFromRaw(rawPublicKey));
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** A raw 32-byte Ed25519 public key as a JDK key (X.509 SubjectPublicKeyInfo prefix for id-Ed25519). */
    public static PublicKey publicKeyFromRaw(byte[] raw) throws GeneralSecurityException {
        byte[] prefix = HexFormat.of().parseHex("302a300506032b6570032100");
        byte[] encoded = ByteBuffer.allocate(prefix.length + 32).put(prefix).put(raw).array();
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    }

    private byte[] signRaw(byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    private static byte[] rawPublicKey(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded.length != 44) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        return Arrays.copyOfRange(encoded, 12, 44);
    }
}
