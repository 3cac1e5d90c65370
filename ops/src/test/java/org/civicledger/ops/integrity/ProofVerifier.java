package org.civicledger.ops.integrity;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A verifier written from RFC 9162 (2.1.3.2, 2.1.4.2) and the C2SP signed-note spec, sharing no code with the
 * ledger: what an auditor holding only the ledger's verifier key string can check.
 */
final class ProofVerifier {

    record Note(String origin, long treeSize, byte[] rootHash) {
    }

    private final String keyName;
    private final byte[] keyId;
    private final byte[] publicKey;

    /** {@code name+hex(keyId)+base64(0x01 || pubkey)}. */
    ProofVerifier(String verifierKey) {
        String[] parts = verifierKey.split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("verifier key has three parts");
        }
        keyName = parts[0];
        keyId = HexFormat.of().parseHex(parts[1]);
        byte[] typed = Base64.getDecoder().decode(parts[2]);
        if (typed.length != 33 || typed[0] != 0x01) {
            throw new IllegalArgumentException("not an Ed25519 verifier key");
        }
        publicKey = Arrays.copyOfRange(typed, 1, 33);
        byte[] expectedId = Arrays.copyOf(sha256(concat(keyName.getBytes(StandardCharsets.UTF_8), new byte[] {0x0A, 0x01}, publicKey)), 4);
        if (!Arrays.equals(expectedId, keyId)) {
            throw new IllegalArgumentException("key id does not match the key");
        }
    }

    /** Checks the note's signature by this key and returns the checkpoint it states. */
    Note open(String note) throws Exception {
        int split = note.indexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("no blank line");
        }
        String body = note.substring(0, split + 1);
        boolean signed = false;
        for (String line : note.substring(split + 2).split("\n")) {
            if (!line.startsWith("\u2014 ")) {
                throw new IllegalArgumentException("not a signature line: " + line);
            }
            String[] fields = line.substring(2).split(" ");
            byte[] sig = Base64.getDecoder().decode(fields[1]);
            if (fields[0].equals(keyName) && Arrays.equals(Arrays.copyOf(sig, 4), keyId)) {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(jdkKey());
                verifier.update(body.getBytes(StandardCharsets.UTF_8));
                if (!verifier.verify(Arrays.copyOfRange(sig, 4, sig.length))) {
                    throw new SecurityException("bad signature");
                }
                signed = true;
            }
        }
        if (!signed) {
            throw new SecurityException("not signed by " + keyName);
        }
        String[] lines = body.split("\n");
        return new Note(lines[0], Long.parseLong(lines[1]), Base64.getDecoder().decode(lines[2]));
    }

    private PublicKey jdkKey() throws Exception {
        byte[] prefix = HexFormat.of().parseHex("302a300506032b6570032100");
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(prefix, publicKey)));
    }

    static byte[] leafHash(byte[] input) {
        return sha256(concat(new byte[] {0x00}, input));
    }

    static byte[] node(byte[] left, byte[] right) {
        return sha256(concat(new byte[] {0x01}, left, right));
    }

    /** RFC 9162 2.1.3.2. */
    static boolean verifyInclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> path, byte[] root) {
        if (leafIndex >= treeSize) {
            return false;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = node(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /** RFC 9162 2.1.4.2. */
    static boolean verifyConsistency(long first, long second, byte[] firstHash, byte[] secondHash, List<byte[]> proof) {
        if (first > second) {
            return false;
        }
        if (first == second) {
            return proof.isEmpty() && Arrays.equals(firstHash, secondHash);
        }
        if (first == 0) {
            return proof.isEmpty();
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(first) == 1) {
            path.add(0, firstHash);
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = node(c, fr);
                sr = node(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return Arrays.equals(fr, firstHash) && Arrays.equals(sr, secondHash) && sn == 0;
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
