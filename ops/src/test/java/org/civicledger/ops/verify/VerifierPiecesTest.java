package org.civicledger.ops.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.civicledger.projections.integrity.CheckpointSigner;
import org.civicledger.projections.integrity.EventHash;
import org.civicledger.projections.integrity.MerkleTree;
import org.civicledger.projections.integrity.StoredEvent;
import org.junit.jupiter.api.Test;

/**
 * The verifier's own hashing, tree and note code, written from docs/integrity.md, against the document's test vector,
 * the RFC 6962 reference code for every size up to 70, and the signer.
 */
class VerifierPiecesTest {

    static final HexFormat HEX = HexFormat.of();
    static final StoredEvent FIRST = new StoredEvent(1, "CaseFile", "case-0001", 0, "00000000-0000-4000-8000-000000000001",
            "2026-11-26T06:00:00.123Z", "org.example.Submitted", "1", "{\"caseId\":\"case-0001\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "{\"actorRole\":\"CITIZEN\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    static final StoredEvent SECOND = new StoredEvent(2, "CaseFile", "case-0001", 1, "00000000-0000-4000-8000-000000000002",
            "2026-11-26T06:00:01Z", "org.example.Accepted", null, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), null);

    @Test
    void the_canonical_hasher_gives_the_documents_test_vector() {
        CanonicalHasher hasher = new CanonicalHasher();
        byte[] first = hasher.eventHash(FIRST, new byte[32]);
        byte[] second = hasher.eventHash(SECOND, first);
        assertThat(HEX.formatHex(first)).isEqualTo("ae56e46f4b3bfff1950f622236689f617c0927c21abc8ea406af1baccaea350f");
        assertThat(HEX.formatHex(second)).isEqualTo("3e491cbb7c1ce7a52b0e6753dd855e90c9be72dbe8fc1900ba45fd586a58915d");
        assertThat(hasher.canonicalBytes()).isEqualTo(EventHash.canonicalBytes(FIRST, EventHash.ZERO).length
                + EventHash.canonicalBytes(SECOND, first).length).isEqualTo(241 + EventHash.canonicalBytes(SECOND, first).length);
        assertThat(HEX.formatHex(hasher.leafHash(first))).isEqualTo("dc3883739d57575d87e6379c181903106c8d8c9d30961b27d5f669f739db8095");
        CompactRange tree = new CompactRange(hasher);
        tree.append(hasher.leafHash(first));
        tree.append(hasher.leafHash(second));
        assertThat(HEX.formatHex(tree.root())).isEqualTo("71e575bfc0325c9d15274b6fdf71df1a1e56a2552632ad64195474a3136ea348");
    }

    @Test
    void events_hashed_with_their_chains_on_other_threads_come_back_in_order_and_hash_as_the_reference_does() {
        List<StoredEvent> events = sampleEvents(2_000);
        java.util.Iterator<StoredEvent> source = events.iterator();
        LogSource.Cursor<LogSource.EventRow> cursor = new LogSource.Cursor<>() {
            public boolean hasNext() {
                return source.hasNext();
            }

            public LogSource.EventRow next() {
                return new LogSource.EventRow(source.next(), null, null, null);
            }

            public void close() {
            }
        };
        java.util.Map<String, byte[]> last = new java.util.HashMap<>();
        CanonicalHasher hasher = new CanonicalHasher();
        long canonical = 0;
        long hashedBytes = 0;
        int seen = 0;
        try (ChainHashing rows = new ChainHashing(ChainHashing.of(cursor, 64), 3)) {
            while (rows.hasNext()) {
                ChainHashing.Hashed row = rows.next();
                StoredEvent event = events.get(seen++);
                assertThat(row.row().event()).isSameAs(event);
                assertThat(row.globalIndex).isEqualTo(event.globalIndex());
                byte[] previous = last.getOrDefault(event.aggregateIdentifier(), EventHash.ZERO);
                byte[] hash = EventHash.sha256(EventHash.canonicalBytes(event, previous));
                assertThat(row.eventHash).isEqualTo(hash);
                assertThat(row.leafHash).isEqualTo(hasher.leafHash(hash));
                canonical += EventHash.canonicalBytes(event, previous).length;
                hashedBytes += row.canonicalBytes;
                last.put(event.aggregateIdentifier(), hash);
            }
            assertThat(rows.chains()).isEqualTo(7);
        }
        assertThat(seen).isEqualTo(events.size());
        assertThat(hashedBytes).isEqualTo(canonical);
    }

    static List<StoredEvent> sampleEvents(int count) {
        List<StoredEvent> events = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            events.add(new StoredEvent(n + 1, "CaseFile", "case-" + (n % 7), n / 7, "id-" + n, "2026-11-26T06:00:00Z",
                    "org.example.Step", n % 3 == 0 ? null : "1", ("{\"n\":" + n + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    n % 5 == 0 ? null : new byte[n % 300]));
        }
        return events;
    }

    @Test
    void the_compact_range_gives_the_rfc_6962_root_at_every_size() {
        CanonicalHasher hasher = new CanonicalHasher();
        CompactRange tree = new CompactRange(hasher);
        List<byte[]> leaves = new ArrayList<>();
        assertThat(tree.root()).isEqualTo(MerkleTree.root(leaves, 0));
        for (int n = 1; n <= 70; n++) {
            byte[] leaf = hasher.leafHash(EventHash.sha256(new byte[] {(byte) n}));
            leaves.add(leaf);
            tree.append(leaf);
            assertThat(tree.root()).as("root of %d leaves", n).isEqualTo(MerkleTree.root(leaves, n));
        }
    }

    @Test
    void the_pinned_key_opens_the_signers_notes_and_refuses_another_keys() throws Exception {
        CheckpointSigner signer = new CheckpointSigner("city.example/ledger", KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        CheckpointSigner impostor = new CheckpointSigner("city.example/ledger", KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        PinnedKey pinned = PinnedKey.parse(signer.verifierKey());
        byte[] root = EventHash.sha256("root".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        PinnedKey.SignedCheckpoint opened = pinned.open(signer.signCheckpoint("city.example/ledger", 42, root));
        assertThat(opened.origin()).isEqualTo("city.example/ledger");
        assertThat(opened.treeSize()).isEqualTo(42);
        assertThat(opened.rootHash()).isEqualTo(root);
        assertThatThrownBy(() -> pinned.open(impostor.signCheckpoint("city.example/ledger", 42, root)))
                .hasMessageContaining("signed by another key");
        String altered = signer.signCheckpoint("city.example/ledger", 42, root).replaceFirst("\n42\n", "\n43\n");
        assertThatThrownBy(() -> pinned.open(altered)).hasMessageContaining("does not verify");
        // Go's golang.org/x/mod/sumdb/note example key parses, and a wrong key id is refused.
        assertThat(PinnedKey.parse("example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k").name()).isEqualTo("example.com/foo");
        assertThatThrownBy(() -> PinnedKey.parse("example.com/foo+530d903b+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k"))
                .hasMessageContaining("does not match");
    }
}
