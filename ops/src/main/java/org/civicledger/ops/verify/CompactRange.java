package org.civicledger.ops.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 6962 tree hash of a growing list of leaves kept in O(log n) memory: the roots of the perfect subtrees
 * that the binary digits of the size give, largest (leftmost) first. MTH of the current size folds them from the
 * right, which is what RFC 6962's split at the largest power of two smaller than n amounts to. The verifier needs
 * no leaf list: it asks for the root whenever the size reaches a checkpoint's.
 */
final class CompactRange {

    private final CanonicalHasher hasher;
    private final List<byte[]> subtrees = new ArrayList<>();
    private long size;

    CompactRange(CanonicalHasher hasher) {
        this.hasher = hasher;
    }

    void append(byte[] leafHash) {
        byte[] node = leafHash;
        for (long s = size; (s & 1) == 1; s >>>= 1) {
            node = hasher.nodeHash(subtrees.remove(subtrees.size() - 1), node);
        }
        subtrees.add(node);
        size++;
    }

    /** The same range, to grow apart from this one from here on (the subtree hashes are never changed, only replaced). */
    CompactRange copy() {
        CompactRange copy = new CompactRange(hasher);
        copy.subtrees.addAll(subtrees);
        copy.size = size;
        return copy;
    }

    long size() {
        return size;
    }

    byte[] root() {
        if (size == 0) {
            return hasher.emptyTreeHash();
        }
        byte[] root = subtrees.get(subtrees.size() - 1);
        for (int i = subtrees.size() - 2; i >= 0; i--) {
            root = hasher.nodeHash(subtrees.get(i), root);
        }
        return root;
    }
}
