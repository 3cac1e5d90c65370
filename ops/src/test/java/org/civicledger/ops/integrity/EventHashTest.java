package org.civicledger.ops.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.civicledger.projections.integrity.EventHash;
import org.civicledger.projections.integrity.MerkleTree;
import org.civicledger.projections.integrity.StoredEvent;
import org.junit.jupiter.api.Test;

/** The test vector of docs/integrity.md (computed there with an independent Python script). */
class EventHashTest {

    static final HexFormat HEX = HexFormat.of();

    static final StoredEvent FIRST = new StoredEvent(1, "CaseFile", "case-0001", 0, "00000000-0000-4000-8000-000000000001",
            "2026-11-26T06:00:00.123Z", "org.example.Submitted", "1", utf8("{\"caseId\":\"case-0001\"}"),
            utf8("{\"actorRole\":\"CITIZEN\"}"));
    static final StoredEvent SECOND = new StoredEvent(2, "CaseFile", "case-0001", 1, "00000000-0000-4000-8000-000000000002",
            "2026-11-26T06:00:01Z", "org.example.Accepted", null, utf8("{}"), null);

    @Test
    void canonical_bytes_and_hashes_match_the_documented_vector() {
        assertThat(HEX.formatHex(EventHash.canonicalBytes(FIRST, EventHash.ZERO))).isEqualTo(
                "0000001563697669632d6c6564676572206576656e74207631000000084361736546696c6500000009636173652d3030303100000000"
                        + "000000000000002430303030303030302d303030302d343030302d383030302d30303030303030303030303100000018323032"
                        + "362d31312d32365430363a30303a30302e3132335a000000156f72672e6578616d706c652e5375626d69747465640000000131"
                        + "000000167b22636173654964223a22636173652d30303031227d000000177b226163746f72526f6c65223a22434954495a454e"
                        + "227d0000000000000000000000000000000000000000000000000000000000000000");
        byte[] first = EventHash.of(FIRST, EventHash.ZERO);
        assertThat(HEX.formatHex(first)).isEqualTo("ae56e46f4b3bfff1950f622236689f617c0927c21abc8ea406af1baccaea350f");
        byte[] second = EventHash.of(SECOND, first);
        assertThat(HEX.formatHex(second)).isEqualTo("3e491cbb7c1ce7a52b0e6753dd855e90c9be72dbe8fc1900ba45fd586a58915d");
        List<byte[]> leaves = List.of(MerkleTree.leafHash(first), MerkleTree.leafHash(second));
        assertThat(HEX.formatHex(leaves.get(0))).isEqualTo("dc3883739d57575d87e6379c181903106c8d8c9d30961b27d5f669f739db8095");
        assertThat(HEX.formatHex(MerkleTree.root(leaves, 2))).isEqualTo("71e575bfc0325c9d15274b6fdf71df1a1e56a2552632ad64195474a3136ea348");
    }

    @Test
    void a_changed_payload_byte_changes_the_hash_and_null_differs_from_empty() {
        byte[] payload = FIRST.payload().clone();
        payload[3] ^= 1;
        StoredEvent changed = new StoredEvent(1, FIRST.type(), FIRST.aggregateIdentifier(), 0, FIRST.eventIdentifier(),
                FIRST.timestamp(), FIRST.payloadType(), FIRST.payloadRevision(), payload, FIRST.metadata());
        assertThat(EventHash.of(changed, EventHash.ZERO)).isNotEqualTo(EventHash.of(FIRST, EventHash.ZERO));
        StoredEvent emptyRevision = new StoredEvent(2, SECOND.type(), SECOND.aggregateIdentifier(), 1, SECOND.eventIdentifier(),
                SECOND.timestamp(), SECOND.payloadType(), "", SECOND.payload(), SECOND.metadata());
        assertThat(EventHash.of(emptyRevision, EventHash.ZERO)).isNotEqualTo(EventHash.of(SECOND, EventHash.ZERO));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
