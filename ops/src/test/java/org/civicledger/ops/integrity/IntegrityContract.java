package org.civicledger.ops.integrity;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import javax.sql.DataSource;
import java.net.http.HttpClient;
import org.civicledger.ops.verify.InclusionCheck;
import org.civicledger.ops.verify.PinnedKey;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.civicledger.events.common.NationalId;
import org.civicledger.ops.support.TestTokens;
import org.civicledger.projections.integrity.EventHash;
import org.civicledger.projections.integrity.StoredEvent;
import org.civicledger.query.security.DevelopmentIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tamper evidence through the real assembly: events appended over HTTP get chain rows in their transaction,
 * checkpoints are signed notes that verify with the public key alone, inclusion and consistency proofs verify
 * with the independent {@link ProofVerifier}, and an erasure changes no hash and no checkpoint.
 */
abstract class IntegrityContract {

    static final String AGENCY = "IN-A";
    static final String CASE_TYPE = "IN-A-PERMIT";

    @LocalServerPort
    int port;
    @Autowired
    DevelopmentIssuer issuer;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    DataSource dataSource;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void chains_checkpoints_proofs_and_erasure() throws Exception {
        String nationalId = NationalId.withCheckDigit("F21436587").value();
        String operator = TestTokens.of(issuer).operator();
        String citizen = TestTokens.of(issuer).citizen("citizen-in-1");
        post(operator, "/api/v1/reference/agencies", "{\"agencyCode\":\"" + AGENCY + "\",\"name\":\"Office\"}", 201);
        post(operator, "/api/v1/reference/case-types", """
                {"caseTypeCode": "%s", "agencyCode": "%s", "name": "Permit", "requiredDocuments": ["ID_COPY"],
                 "fee": {"amountMinor": 250, "currency": "TWD"}, "statutoryProcessingDays": 10}""".formatted(CASE_TYPE, AGENCY), 201);
        post(citizen, "/api/v1/cases", submission(nationalId, "in-1"), 201);

        // Every stored event has its chain row, and the chain recomputes from the stored bytes.
        Map<Long, byte[]> hashes = recomputeAndCheckChains();
        assertThat(hashes).isNotEmpty();

        // A checkpoint over the whole (gap-free) log, verifiable with the public key alone.
        ProofVerifier verifier = new ProofVerifier(get(null, "/api/v1/integrity/public-key", "application/json").get("verifierKey").asText());
        JsonNode first = post(operator, "/api/v1/integrity/checkpoints", "", 200);
        long firstSize = first.get("treeSize").asLong();
        assertThat(firstSize).isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry", Long.class));
        String firstNote = text("/api/v1/integrity/checkpoints/latest");
        assertThat(firstNote).isEqualTo(first.get("note").asText());
        ProofVerifier.Note opened = verifier.open(firstNote);
        assertThat(opened.treeSize()).isEqualTo(firstSize);
        assertThat(opened.origin()).isEqualTo("civic-ledger.example/ledger");

        // Every event's inclusion proof verifies against the signed root.
        for (Map.Entry<Long, byte[]> event : hashes.entrySet()) {
            JsonNode proof = get(null, "/api/v1/integrity/inclusion?globalIndex=" + event.getKey() + "&treeSize=" + firstSize, "application/json");
            assertThat(b64(proof.get("eventHash").asText())).isEqualTo(event.getValue());
            assertThat(ProofVerifier.verifyInclusion(proof.get("leafIndex").asLong(), firstSize,
                    ProofVerifier.leafHash(event.getValue()), list(proof.get("auditPath")), opened.rootHash()))
                    .as("inclusion of %d", event.getKey()).isTrue();
        }

        // The auditor's own check, offline with the pinned key alone (ledger verify --inclusion): one proof verifies; a
        // changed audit path, a note of another size or a note signed by another key do not.
        String verifierKey = get(null, "/api/v1/integrity/public-key", "application/json").get("verifierKey").asText();
        long someIndex = hashes.keySet().stream().skip(hashes.size() / 2).findFirst().orElseThrow();
        JsonNode someProof = get(null, "/api/v1/integrity/inclusion?globalIndex=" + someIndex + "&treeSize=" + firstSize, "application/json");
        PinnedKey pinned = PinnedKey.parse(verifierKey);
        assertThat(InclusionCheck.check(someProof.toString(), pinned, null).verified()).isTrue();
        assertThat(InclusionCheck.check(someProof.toString(), pinned, firstNote).describe()).startsWith("OK: the event at global index " + someIndex);
        if (someProof.get("auditPath").size() > 0) {
            com.fasterxml.jackson.databind.node.ObjectNode forgedPath = someProof.deepCopy();
            byte[] sibling = b64(forgedPath.get("auditPath").get(0).asText());
            sibling[0] ^= 1;
            ((com.fasterxml.jackson.databind.node.ArrayNode) forgedPath.get("auditPath")).set(0,
                    json.getNodeFactory().textNode(java.util.Base64.getEncoder().encodeToString(sibling)));
            assertThat(InclusionCheck.check(forgedPath.toString(), pinned, null).reason()).isEqualTo("the audit path does not lead to the signed root");
        }
        com.fasterxml.jackson.databind.node.ObjectNode otherEvent = someProof.deepCopy();
        otherEvent.put("eventHash", java.util.Base64.getEncoder().encodeToString(new byte[32]));
        otherEvent.remove("leafHash");
        assertThat(InclusionCheck.check(otherEvent.toString(), pinned, null).verified()).as("another event's hash").isFalse();
        // A note whose signed body was changed (here its root) is refused, whatever the path.
        String[] noteLines = firstNote.split("\n", -1);
        byte[] otherRoot = b64(noteLines[2]);
        otherRoot[0] ^= 1;
        noteLines[2] = java.util.Base64.getEncoder().encodeToString(otherRoot);
        assertThat(InclusionCheck.check(someProof.toString(), pinned, String.join("\n", noteLines)).reason())
                .startsWith("the checkpoint note is refused");
        java.nio.file.Path proofFile = java.nio.file.Files.createTempFile("inclusion", ".json");
        java.nio.file.Files.writeString(proofFile, someProof.toString());
        assertThat(new picocli.CommandLine(new org.civicledger.ops.verify.VerifyCommand())
                .execute("--inclusion", proofFile.toString(), "--key", verifierKey)).isZero();
        java.nio.file.Files.writeString(proofFile, otherEvent.toString());
        assertThat(new picocli.CommandLine(new org.civicledger.ops.verify.VerifyCommand())
                .execute("--inclusion", proofFile.toString(), "--key", verifierKey)).isEqualTo(1);

        // More events, then an erasure of the citizen: no stored hash or checkpoint changes; the new tree extends the old one.
        post(citizen, "/api/v1/cases", submission(nationalId, "in-2"), 201);
        Map<String, byte[]> payloadsBefore = payloads();
        post(operator, "/api/v1/privacy/erasures", "{\"nationalId\":\"" + nationalId + "\",\"reason\":\"request of the data subject\"}", 200, 201);
        Map<Long, byte[]> afterErasure = recomputeAndCheckChains();
        hashes.forEach((index, hash) -> assertThat(afterErasure.get(index)).as("hash of %d after erasure", index).isEqualTo(hash));
        payloadsBefore.forEach((id, payload) -> assertThat(payloads().get(id)).isEqualTo(payload));
        assertThat(text("/api/v1/integrity/checkpoints/" + firstSize)).isEqualTo(firstNote);

        JsonNode second = post(operator, "/api/v1/integrity/checkpoints", "", 200);
        long secondSize = second.get("treeSize").asLong();
        assertThat(secondSize).isGreaterThan(firstSize);
        ProofVerifier.Note later = verifier.open(text("/api/v1/integrity/checkpoints/latest"));
        JsonNode consistency = get(null, "/api/v1/integrity/consistency?from=" + firstSize + "&to=" + secondSize, "application/json");
        assertThat(ProofVerifier.verifyConsistency(firstSize, secondSize, opened.rootHash(), later.rootHash(),
                list(consistency.get("proof")))).isTrue();
        byte[] forged = opened.rootHash().clone();
        forged[5] ^= 1;
        assertThat(ProofVerifier.verifyConsistency(firstSize, secondSize, forged, later.rootHash(), list(consistency.get("proof")))).isFalse();

        // Nothing new: publishing again answers the same checkpoint.
        assertThat(post(operator, "/api/v1/integrity/checkpoints", "", 200).get("treeSize").asLong()).isEqualTo(secondSize);
        assertThat(http(null, "GET", "/api/v1/integrity/checkpoints/" + (secondSize + 1000), null, "application/json").statusCode()).isEqualTo(404);
    }

    @Test
    void a_changed_payload_byte_breaks_the_recomputed_chain() throws Exception {
        String operator = TestTokens.of(issuer).operator();
        post(operator, "/api/v1/reference/agencies", "{\"agencyCode\":\"IN-T\",\"name\":\"Office\"}", 201);
        post(operator, "/api/v1/reference/agencies/IN-T/renames", "{\"name\":\"Office renamed\",\"reason\":\"reorganisation\"}", 200, 201);
        List<StoredEvent> events = storedEvents("WHERE aggregateidentifier = 'IN-T'");
        assertThat(events).hasSize(2);
        byte[] payload = events.get(0).payload().clone();
        payload[payload.length / 2] ^= 1;
        StoredEvent changed = new StoredEvent(events.get(0).globalIndex(), events.get(0).type(), events.get(0).aggregateIdentifier(),
                0, events.get(0).eventIdentifier(), events.get(0).timestamp(), events.get(0).payloadType(),
                events.get(0).payloadRevision(), payload, events.get(0).metadata());
        byte[] stored = jdbc.queryForObject("SELECT event_hash FROM event_chain WHERE global_index = ?", byte[].class,
                events.get(0).globalIndex());
        assertThat(EventHash.of(events.get(0), EventHash.ZERO)).isEqualTo(stored);
        assertThat(EventHash.of(changed, EventHash.ZERO)).isNotEqualTo(stored);
        // ...and so does every later link: the second event's stored previous hash no longer matches.
        assertThat(jdbc.queryForObject("SELECT previous_hash FROM event_chain WHERE global_index = ?", byte[].class,
                events.get(1).globalIndex())).isEqualTo(stored).isNotEqualTo(EventHash.of(changed, EventHash.ZERO));
    }

    /**
     * A global index held by an open transaction stops the tree before it; once the transaction rolled back and a later
     * event is older than the gap timeout (5 s in these tests), the tree skips the index and goes on.
     */
    @Test
    void the_tree_stops_at_an_open_gap_and_skips_it_once_older_than_the_gap_timeout() throws Exception {
        String operator = TestTokens.of(issuer).operator();
        long heldIndex;
        try (Connection held = dataSource.getConnection()) {
            held.setAutoCommit(false);
            try (PreparedStatement insert = held.prepareStatement("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, "
                    + "type, eventidentifier, payload, payloadtype, timestamp) VALUES ('gap-holder', 0, 'Gap', ?, ?, 'Gap', ?)",
                    new String[] {"globalindex"})) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setBytes(2, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                insert.setString(3, Instant.now().toString());
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    assertThat(keys.next()).isTrue();
                    heldIndex = keys.getLong(1);
                }
            }
            post(operator, "/api/v1/reference/agencies", "{\"agencyCode\":\"IN-G\",\"name\":\"Office\"}", 201);
            long after = jdbc.queryForObject("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = 'IN-G'", Long.class);
            assertThat(after).isGreaterThan(heldIndex);
            post(operator, "/api/v1/integrity/checkpoints", "", 200, 404);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM merkle_leaf WHERE global_index >= ?", Long.class, heldIndex))
                    .as("no leaf at or after the open gap").isZero();
            held.rollback();
        }
        long after = jdbc.queryForObject("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = 'IN-G'", Long.class);
        // Once the gap is older than the gap timeout (5 s here), a checkpoint passes over it.
        JsonNode checkpoint = await("the rolled-back index is given up").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> post(operator, "/api/v1/integrity/checkpoints", "", 200, 404),
                        answer -> jdbc.queryForObject("SELECT COUNT(*) FROM merkle_leaf WHERE global_index = ?", Long.class, after) == 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM merkle_leaf WHERE global_index = ?", Long.class, heldIndex)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM merkle_leaf WHERE global_index = ?", Long.class, after)).isOne();
        assertThat(checkpoint.get("treeSize").asLong()).isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry", Long.class));
    }

    /** Recomputes every aggregate's chain from the stored rows; checks the stored chain rows; the hashes by global index. */
    Map<Long, byte[]> recomputeAndCheckChains() {
        Map<Long, byte[]> hashes = new HashMap<>();
        Map<String, byte[]> last = new HashMap<>();
        Map<String, Long> lastSequence = new HashMap<>();
        List<StoredEvent> events = storedEvents("ORDER BY aggregateidentifier, sequencenumber");
        for (StoredEvent event : events) {
            byte[] previous = last.getOrDefault(event.aggregateIdentifier(), EventHash.ZERO);
            assertThat(event.sequenceNumber()).isEqualTo(lastSequence.getOrDefault(event.aggregateIdentifier(), -1L) + 1);
            byte[] hash = EventHash.of(event, previous);
            Map<String, Object> row = jdbc.queryForMap("SELECT aggregate_identifier, sequence_number, event_hash, previous_hash "
                    + "FROM event_chain WHERE global_index = ?", event.globalIndex());
            assertThat(row.get("aggregate_identifier")).isEqualTo(event.aggregateIdentifier());
            assertThat(((Number) row.get("sequence_number")).longValue()).isEqualTo(event.sequenceNumber());
            assertThat((byte[]) row.get("previous_hash")).as("previous hash of %d", event.globalIndex()).isEqualTo(previous);
            assertThat((byte[]) row.get("event_hash")).as("hash of %d", event.globalIndex()).isEqualTo(hash);
            hashes.put(event.globalIndex(), hash);
            last.put(event.aggregateIdentifier(), hash);
            lastSequence.put(event.aggregateIdentifier(), event.sequenceNumber());
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM event_chain", Long.class)).isEqualTo(events.size());
        return hashes;
    }

    List<StoredEvent> storedEvents(String tail) {
        return jdbc.query("SELECT globalindex, type, aggregateidentifier, sequencenumber, eventidentifier, timestamp, payloadtype, "
                + "payloadrevision, payload, metadata FROM domainevententry " + tail, (rows, n) -> new StoredEvent(
                rows.getLong(1), rows.getString(2), rows.getString(3), rows.getLong(4), rows.getString(5), rows.getString(6),
                rows.getString(7), rows.getString(8), rows.getBytes(9), rows.getBytes(10)));
    }

    Map<String, byte[]> payloads() {
        Map<String, byte[]> payloads = new HashMap<>();
        jdbc.query("SELECT eventidentifier, payload FROM domainevententry", rows -> {
            payloads.put(rows.getString(1), rows.getBytes(2));
        });
        return payloads;
    }

    static String submission(String nationalId, String document) {
        return """
                {"caseTypeCode": "%s",
                 "applicant": {"citizenSubject": "citizen-in-1", "nationalId": "%s", "name": "Chen Yu", "email": "chen@example.org"},
                 "documents": [{"kind": "ID_COPY", "uri": "mydoc://documents/%s"}]}""".formatted(CASE_TYPE, nationalId, document);
    }

    static byte[] b64(String text) {
        return Base64.getDecoder().decode(text);
    }

    static List<byte[]> list(JsonNode array) {
        List<byte[]> hashes = new ArrayList<>();
        array.forEach(node -> hashes.add(b64(node.asText())));
        return hashes;
    }

    JsonNode post(String authorization, String path, String body, int... statuses) throws Exception {
        HttpResponse<String> response = http(authorization, "POST", path, body, "application/json");
        assertThat(Arrays.stream(statuses).boxed().toList()).as("POST %s answered %s", path, response.body())
                .contains(response.statusCode());
        return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
    }

    JsonNode get(String authorization, String path, String accept) throws Exception {
        HttpResponse<String> response = http(authorization, "GET", path, null, accept);
        assertThat(response.statusCode()).as("GET %s answered %s", path, response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** A checkpoint note, fetched anonymously as text/plain. */
    String text(String path) throws Exception {
        HttpResponse<String> response = http(null, "GET", path, null, "text/plain");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        return response.body();
    }

    HttpResponse<String> http(String authorization, String method, String path, String body, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", accept);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if ("POST".equals(method)) {
            request.header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.GET();
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
