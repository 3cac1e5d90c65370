package org.civicledger.ops.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.civicledger.projections.integrity.MerkleTree;

/**
 * Checks an inclusion proof as {@code GET /api/v1/integrity/inclusion} answers it, with nothing but the pinned key: the
 * checkpoint note must carry the pinned key's valid signature, and the audit path must lead from the event's leaf to the
 * note's root (RFC 9162 2.1.3.2, RFC 6962 hashing: leaf = SHA-256(0x00 || event hash), node = SHA-256(0x01 || left ||
 * right)). A note the auditor holds ({@code --checkpoint}) takes the place of the one in the proof, so a server cannot
 * answer with a tree of its own making; its size must be the proof's.
 *
 * <p>This proves the event hash is in the log the note commits to. That the hash is the hash of the stored event (its
 * bytes and its aggregate's chain) is what {@code ledger verify} checks for every event.
 */
public final class InclusionCheck {

    /** What the check found: {@code verified} or the reason it failed, and the proof's coordinates. */
    public record Result(boolean verified, String reason, long globalIndex, long leafIndex, long treeSize, String origin) {

        public String describe() {
            return verified
                    ? "OK: the event at global index " + globalIndex + " is leaf " + leafIndex + " of the " + treeSize
                    + "-leaf tree of " + origin + ", whose checkpoint is signed by the pinned key."
                    : "INCLUSION FAILS for global index " + globalIndex + ": " + reason;
        }
    }

    private InclusionCheck() {
    }

    /**
     * @param proofJson the proof as the API answered it
     * @param key       the pinned key
     * @param heldNote  a checkpoint note the auditor holds, or null to use the one carried by the proof
     * @throws IllegalArgumentException when the proof is not readable at all (a usage problem, not a finding)
     */
    public static Result check(String proofJson, PinnedKey key, String heldNote) {
        return check(parse(proofJson), key, heldNote);
    }

    /** The proof's JSON, or {@link IllegalArgumentException} when it is not JSON. */
    static JsonNode parse(String proofJson) {
        try {
            return new ObjectMapper().readTree(proofJson);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the proof is not JSON: " + e.getOriginalMessage());
        }
    }

    /** The checkpoint note the proof carries, or null. */
    static String carriedNote(JsonNode proof) {
        return proof.path("checkpoint").asText(null);
    }

    /** As {@link #check(String, PinnedKey, String)}, for a proof already read. */
    static Result check(JsonNode proof, PinnedKey key, String heldNote) {
        long globalIndex = number(proof, "globalIndex");
        long leafIndex = number(proof, "leafIndex");
        long treeSize = number(proof, "treeSize");
        byte[] eventHash = hash(proof, "eventHash");
        List<byte[]> path = new ArrayList<>();
        JsonNode auditPath = proof.path("auditPath");
        if (!auditPath.isArray()) {
            throw new IllegalArgumentException("the proof has no auditPath array");
        }
        auditPath.forEach(node -> path.add(decode(node.asText(), "auditPath")));
        String note = heldNote != null ? heldNote : carriedNote(proof);
        if (note == null) {
            throw new IllegalArgumentException("the proof carries no checkpoint note: give --checkpoint");
        }

        PinnedKey.SignedCheckpoint checkpoint;
        try {
            checkpoint = key.open(note);
        } catch (IllegalArgumentException refused) {
            return new Result(false, "the checkpoint note is refused: " + refused.getMessage(), globalIndex, leafIndex, treeSize, null);
        }
        if (checkpoint.treeSize() != treeSize) {
            return new Result(false, "the proof is for a tree of " + treeSize + " leaves, the checkpoint signs " + checkpoint.treeSize(),
                    globalIndex, leafIndex, treeSize, checkpoint.origin());
        }
        if (leafIndex < 0 || leafIndex >= treeSize) {
            return new Result(false, "leaf " + leafIndex + " is outside a tree of " + treeSize, globalIndex, leafIndex, treeSize,
                    checkpoint.origin());
        }
        byte[] leaf = MerkleTree.leafHash(eventHash);
        if (proof.hasNonNull("leafHash") && !Arrays.equals(leaf, hash(proof, "leafHash"))) {
            return new Result(false, "the proof's leafHash is not the leaf of its eventHash", globalIndex, leafIndex, treeSize,
                    checkpoint.origin());
        }
        byte[] root = rootFromPath(leaf, leafIndex, treeSize, path);
        if (root == null || !Arrays.equals(root, checkpoint.rootHash())) {
            return new Result(false, "the audit path does not lead to the signed root", globalIndex, leafIndex, treeSize,
                    checkpoint.origin());
        }
        return new Result(true, null, globalIndex, leafIndex, treeSize, checkpoint.origin());
    }

    /** RFC 9162 2.1.3.2: the root an audit path leads to from a leaf, or null when the path has the wrong length. */
    static byte[] rootFromPath(byte[] leaf, long index, long size, List<byte[]> path) {
        long fn = index;
        long sn = size - 1;
        byte[] node = leaf;
        for (byte[] sibling : path) {
            if (sn == 0) {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn) {
                node = MerkleTree.nodeHash(sibling, node);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                node = MerkleTree.nodeHash(node, sibling);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? node : null;
    }

    private static long number(JsonNode proof, String field) {
        JsonNode value = proof.get(field);
        if (value == null || !value.canConvertToLong()) {
            throw new IllegalArgumentException("the proof has no whole number " + field);
        }
        return value.asLong();
    }

    private static byte[] hash(JsonNode proof, String field) {
        JsonNode value = proof.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("the proof has no " + field);
        }
        byte[] hash = decode(value.asText(), field);
        if (hash.length != 32) {
            throw new IllegalArgumentException(field + " is not 32 bytes");
        }
        return hash;
    }

    private static byte[] decode(String base64, String field) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not base64");
        }
    }
}
