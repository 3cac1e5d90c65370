package org.civicledger.projections.integrity;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6962 (section 2.1) Merkle tree hashing, audit paths and consistency proofs over a list of leaf
 * hashes. A leaf of this ledger is {@code SHA-256(0x00 || event_hash)}; an interior node is
 * {@code SHA-256(0x01 || left || right)}; the hash of the empty tree is {@code SHA-256()}.
 *
 * <p>Everything is recomputed from the leaves: O(n) hashes per root or proof. Fine at the seed's scale
 * (a million leaves are about a second); caching complete subtrees is the known next step.
 */
public final class MerkleTree {

    private MerkleTree() {
    }

    public static byte[] leafHash(byte[] leafInput) {
        return EventHash.sha256(new byte[] {0x00}, leafInput);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        return EventHash.sha256(new byte[] {0x01}, left, right);
    }

    /** MTH(D[0:n]) where {@code leaves} holds leaf hashes (already prefixed and hashed). */
    public static byte[] root(List<byte[]> leaves, int n) {
        check(n <= leaves.size(), "tree size beyond the leaves");
        if (n == 0) {
            return EventHash.sha256();
        }
        return hash(leaves, 0, n);
    }

    /** PATH(m, D[0:n]) of RFC 6962 2.1.1: the audit path of leaf m in the tree of size n, leaf side first. */
    public static List<byte[]> inclusionProof(List<byte[]> leaves, int m, int n) {
        check(n <= leaves.size() && m >= 0 && m < n, "leaf index outside the tree");
        List<byte[]> path = new ArrayList<>();
        path(leaves, m, 0, n, path);
        return path;
    }

    /** PROOF(m, D[0:n]) of RFC 6962 2.1.2: proves the tree of size m is a prefix of the tree of size n. */
    public static List<byte[]> consistencyProof(List<byte[]> leaves, int m, int n) {
        check(n <= leaves.size() && m >= 0 && m <= n, "sizes outside the tree");
        List<byte[]> proof = new ArrayList<>();
        if (m == 0 || m == n) {
            return proof;
        }
        subproof(leaves, m, 0, n, true, proof);
        return proof;
    }

    private static byte[] hash(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leaves.get(from);
        }
        int k = split(n);
        return nodeHash(hash(leaves, from, from + k), hash(leaves, from + k, to));
    }

    private static void path(List<byte[]> leaves, int m, int from, int to, List<byte[]> out) {
        int n = to - from;
        if (n == 1) {
            return;
        }
        int k = split(n);
        if (m < k) {
            path(leaves, m, from, from + k, out);
            out.add(hash(leaves, from + k, to));
        } else {
            path(leaves, m - k, from + k, to, out);
            out.add(hash(leaves, from, from + k));
        }
    }

    private static void subproof(List<byte[]> leaves, int m, int from, int to, boolean whole, List<byte[]> out) {
        int n = to - from;
        if (m == n) {
            if (!whole) {
                out.add(hash(leaves, from, to));
            }
            return;
        }
        int k = split(n);
        if (m <= k) {
            subproof(leaves, m, from, from + k, whole, out);
            out.add(hash(leaves, from + k, to));
        } else {
            subproof(leaves, m - k, from + k, to, false, out);
            out.add(hash(leaves, from, from + k));
        }
    }

    /** The largest power of two smaller than n (n > 1). */
    static int split(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
