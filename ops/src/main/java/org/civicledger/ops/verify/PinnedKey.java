package org.civicledger.ops.verify;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The checkpoint key the auditor pins: a C2SP signed-note verifier key string
 * {@code <name>+<key id, 8 hex>+<base64(0x01 || Ed25519 public key)>}, and the check of checkpoint notes against it
 * (docs/integrity.md section 3). Written from the text, sharing nothing with the signer.
 */
public final class PinnedKey {

    private static final byte ED25519 = 0x01;
    private static final byte[] X509_ED25519_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final String name;
    private final byte[] keyId;
    private final byte[] publicKey;
    private final PublicKey jdkKey;

    private PinnedKey(String name, byte[] keyId, byte[] publicKey) throws GeneralSecurityException {
        this.name = name;
        this.keyId = keyId;
        this.publicKey = publicKey;
        byte[] encoded = ByteBuffer.allocate(X509_ED25519_PREFIX.length + 32).put(X509_ED25519_PREFIX).put(publicKey).array();
        this.jdkKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    }

    /** Parses and checks a verifier key string; the message of the exception says what is wrong with it. */
    public static PinnedKey parse(String verifierKey) {
        String[] parts = verifierKey.trim().split("\\+", 3);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].length() != 8) {
            throw new IllegalArgumentException("a verifier key is <name>+<8 hex digits>+<base64 key>, not: " + verifierKey.trim());
        }
        try {
            byte[] keyId = HexFormat.of().parseHex(parts[1]);
            byte[] typed = Base64.getDecoder().decode(parts[2]);
            if (typed.length != 33 || typed[0] != ED25519) {
                throw new IllegalArgumentException("the verifier key is not an Ed25519 note key (0x01 and 32 bytes)");
            }
            byte[] publicKey = Arrays.copyOfRange(typed, 1, 33);
            if (!Arrays.equals(keyId, keyIdOf(parts[0], publicKey))) {
                throw new IllegalArgumentException("the verifier key's id " + parts[1] + " does not match its name and key");
            }
            return new PinnedKey(parts[0], keyId, publicKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the verifier key is not a usable Ed25519 key: " + e.getMessage(), e);
        }
    }

    /** The verifier key string of a raw public key under {@code name} (for the embedded fallback). */
    public static String verifierKeyString(String name, byte[] publicKey) {
        byte[] typed = new byte[33];
        typed[0] = ED25519;
        System.arraycopy(publicKey, 0, typed, 1, 32);
        return name + "+" + HexFormat.of().formatHex(keyIdOf(name, publicKey)) + "+" + Base64.getEncoder().encodeToString(typed);
    }

    static byte[] keyIdOf(String name, byte[] publicKey) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(name.getBytes(StandardCharsets.UTF_8));
            sha256.update(new byte[] {0x0A, ED25519});
            sha256.update(publicKey);
            return Arrays.copyOf(sha256.digest(), 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    public String name() {
        return name;
    }

    public String asString() {
        return verifierKeyString(name, publicKey);
    }

    /** A checkpoint whose note verified: origin, tree size, root. */
    public record SignedCheckpoint(String origin, long treeSize, byte[] rootHash, String note) {
    }

    /**
     * Opens a checkpoint note: finds a signature line of this key (name and key id), verifies Ed25519 over the body,
     * parses origin, size and root. Throws {@link IllegalArgumentException} saying why the note is refused.
     */
    public SignedCheckpoint open(String note) {
        int split = note.indexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            throw new IllegalArgumentException("not a signed note (no blank line between body and signatures)");
        }
        String body = note.substring(0, split + 1);
        String[] lines = body.split("\n", -1);
        if (lines.length < 4) {
            throw new IllegalArgumentException("a checkpoint body has origin, size and root lines");
        }
        boolean ourName = false;
        boolean verified = false;
        for (String line : note.substring(split + 2).split("\n")) {
            if (!line.startsWith("\u2014 ")) {
                throw new IllegalArgumentException("malformed signature line: " + line);
            }
            String[] fields = line.substring(2).split(" ");
            if (fields.length != 2 || !fields[0].equals(name)) {
                continue;
            }
            ourName = true;
            byte[] signed;
            try {
                signed = Base64.getDecoder().decode(fields[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("signature line is not base64");
            }
            if (signed.length != 68 || !Arrays.equals(Arrays.copyOf(signed, 4), keyId)) {
                continue;
            }
            verified = verify(body.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(signed, 4, 68));
            if (verified) {
                break;
            }
        }
        if (!verified) {
            throw new IllegalArgumentException(ourName ? "signed by another key than the pinned " + name + "+"
                    + HexFormat.of().formatHex(keyId) + ", or the signature does not verify" : "no signature by " + name);
        }
        long size;
        byte[] root;
        try {
            size = Long.parseLong(lines[1]);
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unreadable tree size or root: " + e.getMessage());
        }
        if (size < 0 || !lines[1].equals(Long.toString(size)) || root.length != 32) {
            throw new IllegalArgumentException("tree size or root malformed");
        }
        return new SignedCheckpoint(lines[0], size, root, note);
    }

    private boolean verify(byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(jdkKey);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
