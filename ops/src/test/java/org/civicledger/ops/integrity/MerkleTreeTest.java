package org.civicledger.ops.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.civicledger.projections.integrity.MerkleTree;
import org.junit.jupiter.api.Test;

/** RFC 6962 hashing against the certificate-transparency test vectors, and every proof against the independent verifier. */
class MerkleTreeTest {

    static final HexFormat HEX = HexFormat.of();
    /** The leaf inputs of the certificate-transparency Go implementation's merkle tests. */
    static final String[] INPUTS = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f"};
    /** Their roots for sizes 1..8. */
    static final String[] ROOTS = {
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

    static List<byte[]> leaves(int count) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leaves.add(MerkleTree.leafHash(HEX.parseHex(INPUTS[i % INPUTS.length] + (i >= INPUTS.length ? String.format("%08x", i) : ""))));
        }
        return leaves;
    }

    @Test
    void roots_match_the_rfc_6962_vectors() {
        List<byte[]> leaves = leaves(8);
        assertThat(HEX.formatHex(MerkleTree.root(leaves, 0)))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        for (int size = 1; size <= 8; size++) {
            assertThat(HEX.formatHex(MerkleTree.root(leaves, size))).as("root of size %d", size).isEqualTo(ROOTS[size - 1]);
        }
    }

    @Test
    void audit_path_of_leaf_0_in_8_matches_the_vector() {
        assertThat(MerkleTree.inclusionProof(leaves(8), 0, 8)).extracting(HEX::formatHex).containsExactly(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
    }

    @Test
    void consistency_proofs_match_the_vectors() {
        assertThat(MerkleTree.consistencyProof(leaves(8), 1, 8)).extracting(HEX::formatHex).containsExactly(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(MerkleTree.consistencyProof(leaves(8), 6, 8)).extracting(HEX::formatHex).containsExactly(
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    }

    @Test
    void every_proof_up_to_40_leaves_verifies_with_the_independent_verifier_and_a_changed_leaf_fails() {
        List<byte[]> leaves = leaves(40);
        for (int n = 1; n <= 40; n++) {
            byte[] root = MerkleTree.root(leaves, n);
            for (int m = 0; m < n; m++) {
                List<byte[]> path = MerkleTree.inclusionProof(leaves, m, n);
                assertThat(ProofVerifier.verifyInclusion(m, n, leaves.get(m), path, root)).as("inclusion %d in %d", m, n).isTrue();
                assertThat(ProofVerifier.verifyInclusion(m, n, MerkleTree.leafHash(new byte[] {9}), path, root)).isFalse();
            }
            for (int m = 0; m <= n; m++) {
                byte[] older = MerkleTree.root(leaves, m);
                List<byte[]> proof = MerkleTree.consistencyProof(leaves, m, n);
                assertThat(ProofVerifier.verifyConsistency(m, n, older, root, proof)).as("consistency %d to %d", m, n).isTrue();
                if (m > 0 && m < n) {
                    byte[] forged = older.clone();
                    forged[0] ^= 1;
                    assertThat(ProofVerifier.verifyConsistency(m, n, forged, root, proof)).isFalse();
                }
            }
        }
    }
}
