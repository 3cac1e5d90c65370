package org.civicledger.ops.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import java.util.List;
import org.civicledger.events.cases.Applicant;
import org.civicledger.events.cases.CaseCommands.AcceptCase;
import org.civicledger.events.cases.CaseCommands.ApproveCase;
import org.civicledger.events.cases.CaseCommands.StartReview;
import org.civicledger.events.cases.CaseCommands.SubmitApplication;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.reference.ReferenceCommands.PublishCalendarYear;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.civicledger.ops.support.JsonAnswer;
import org.civicledger.ops.support.MutableClock;
import org.civicledger.ops.support.TestTokens;
import org.civicledger.query.security.DevelopmentIssuer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Documents and signatures through the HTTP API of the whole ledger, with real keys made by the JDK in the test:
 * an officer and a vendor register their keys, the officer registers a contract and asks for the officer's then
 * the vendor's signature; signatures out of order, over other bytes or by a revoked key are refused; the executed
 * contract is delivered, verified by anyone by its bytes (a tampered copy is unknown), its bundle verifies
 * offline, recipients see it and every download is an event. Run on H2 and PostgreSQL by the subclasses, with a
 * content limit of {@value #CONTENT_LIMIT} bytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DocumentApiContract {

    static final int CONTENT_LIMIT = 4096;
    static final String AGENCY = "DOCAPI-WORKS";
    static final String OFFICER = "officer-docapi";
    static final String VENDOR = "vendor-docapi";
    static final String CITIZEN = "citizen-docapi-a";
    static final String OTHER_CITIZEN = "citizen-docapi-b";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DevelopmentIssuer issuer;
    @Autowired
    CommandGateway commands;
    @Autowired
    MutableClock clock;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final ObjectMapper json = new ObjectMapper();
    KeyPair officerKey;
    KeyPair vendorKey;

    @BeforeAll
    void agencyAndKeys() throws Exception {
        commands.sendAndWait(new RegisterAgency(AGENCY, "Public Works", "docapi-ra-1", Actor.system("test-loader")));
        officerKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        vendorKey = ec.generateKeyPair();
        JsonAnswer officer = post(OFFICER, "/api/v1/signing-keys", "{\"publicKey\": \"" + base64(officerKey.getPublic().getEncoded()) + "\"}");
        assertThat(officer.status()).as(officer.body().toString()).isEqualTo(201);
        assertThat(officer.text("algorithm")).isEqualTo("ED25519");
        // Vendors have no role of their own: an operator registers the representative's key, given as PEM.
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(vendorKey.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        JsonAnswer vendor = post("operator", "/api/v1/signing-keys", json.writeValueAsString(json.createObjectNode().put("publicKey", pem)
                .set("signer", json.createObjectNode().put("subject", VENDOR).put("role", "VENDOR"))));
        assertThat(vendor.status()).as(vendor.body().toString()).isEqualTo(201);
        assertThat(vendor.text("algorithm")).isEqualTo("ECDSA_P256");
    }

    // ---- the caller's side ----

    String token(String subject) {
        TestTokens tokens = TestTokens.of(issuer);
        return switch (subject) {
            case OFFICER -> tokens.officer(OFFICER, AGENCY);
            case "officer-elsewhere" -> tokens.officer("officer-elsewhere", "DOCAPI-OTHER");
            case "auditor" -> tokens.auditor();
            case "operator" -> tokens.operator();
            default -> tokens.citizen(subject);
        };
    }

    JsonAnswer post(String as, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString()).POST(HttpRequest.BodyPublishers.ofString(body));
        if (as != null) {
            request.header("Authorization", token(as));
        }
        return send(request.build());
    }

    JsonAnswer get(String as, String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("Authorization", token(as)).GET().build());
    }

    /** Public verification by the bytes: no token, no Idempotency-Key, the bytes as they are. */
    JsonAnswer verify(byte[] content) throws Exception {
        return send(HttpRequest.newBuilder(uri("/api/v1/documents/verify")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(content)).build());
    }

    JsonAnswer send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
        return new JsonAnswer(response.statusCode(), body, response);
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    static String hex(byte[] content) throws Exception {
        return HexFormat.of().formatHex(sha256(content));
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static byte[] sha256(byte[] content) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(content);
    }

    /** What a signer's own software does: sign the 32 bytes of the document's SHA-256 (docs/documents.md). */
    static String sign(KeyPair key, byte[] content) throws Exception {
        Signature signer = Signature.getInstance(key.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "Ed25519");
        signer.initSign(key.getPrivate());
        signer.update(sha256(content));
        return base64(signer.sign());
    }

    static String keyId(KeyPair key) throws Exception {
        return HexFormat.of().formatHex(sha256(key.getPublic().getEncoded())).substring(0, 32);
    }

    String registerContract(byte[] content, String expiresOn) throws Exception {
        return registerContract(content, expiresOn, null);
    }

    String registerContract(byte[] content, String expiresOn, String signOff) throws Exception {
        JsonAnswer registered = post(OFFICER, "/api/v1/documents", """
                {"contentBase64": "%s", "sha256": "%s", "kind": "CONTRACT", "title": "Bridge repair 2027", "agencyCode": "%s",
                 "recipients": [{"subject": "%s", "role": "VENDOR"}, {"subject": "%s", "role": "CITIZEN"}], "expiresOn": %s, "signOff": %s}"""
                .formatted(base64(content), hex(content), AGENCY, VENDOR, CITIZEN, expiresOn == null ? "null" : "\"" + expiresOn + "\"",
                        signOff == null ? "null" : signOff));
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        assertThat(registered.text("sha256")).isEqualTo(HexFormat.of().formatHex(sha256(content)));
        return registered.text("documentId");
    }

    static final String OFFICER_THEN_VENDOR = """
            [[{"subject": "%s", "role": "OFFICER", "agencyCode": "%s"}], [{"subject": "%s", "role": "VENDOR"}]]""".formatted(OFFICER, AGENCY, VENDOR);
    static final String OFFICER_ALONE = """
            [[{"subject": "%s", "role": "OFFICER", "agencyCode": "%s"}]]""".formatted(OFFICER, AGENCY);

    JsonAnswer signs(String as, String documentId, KeyPair key, byte[] signedContent) throws Exception {
        return post(as, "/api/v1/documents/" + documentId + "/signatures",
                "{\"keyId\": \"" + keyId(key) + "\", \"signature\": \"" + sign(key, signedContent) + "\"}");
    }

    long contentRows() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM document_content", Long.class);
    }

    // ---- the tests ----

    @Test
    void a_contract_signed_in_order_is_executed_delivered_and_verified_by_anyone_and_a_tampered_copy_is_unknown() throws Exception {
        byte[] content = ("Bridge repair contract 2027, run " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String documentId = registerContract(content, "2030-12-31", OFFICER_THEN_VENDOR);

        JsonAnswer vendorFirst = signs(VENDOR, documentId, vendorKey, content);
        assertThat(vendorFirst.status()).isEqualTo(409);
        assertThat(vendorFirst.text("rule")).isEqualTo("StepsAreSignedInOrder");
        JsonAnswer otherBytes = signs(OFFICER, documentId, officerKey, "Bridge repair contract 2027 (draft)".getBytes(StandardCharsets.UTF_8));
        assertThat(otherBytes.status()).isEqualTo(422);
        assertThat(otherBytes.text("field")).isEqualTo("signature");
        assertThat(otherBytes.text("rule")).isEqualTo("SignatureMatchesTheDocument");

        assertThat(signs(OFFICER, documentId, officerKey, content).text("status")).isEqualTo("AWAITING_SIGNATURES");
        JsonAnswer executed = signs(VENDOR, documentId, vendorKey, content);
        assertThat(executed.status()).as(executed.body().toString()).isEqualTo(200);
        assertThat(executed.text("status")).isEqualTo("EXECUTED");
        // Delivered to both recipients in the append that executed it.
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE ?",
                Long.class, documentId, "%DocumentDelivered")).isEqualTo(2);

        // Point in time (auditors): after the officer's signature only, then now.
        long officerSigned = jdbc.queryForObject("SELECT MIN(globalindex) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype LIKE ?", Long.class, documentId, "%DocumentSigned");
        JsonAnswer halfway = get("auditor", "/api/v1/audit/documents/" + documentId + "/as-of?globalIndex=" + officerSigned);
        assertThat(halfway.status()).as(halfway.body().toString()).isEqualTo(200);
        assertThat(halfway.text("status")).isEqualTo("AWAITING_SIGNATURES");
        assertThat(halfway.body().get("steps").asInt()).isEqualTo(2);
        assertThat(halfway.body().get("signatures").findValuesAsText("signerRole")).containsExactly("OFFICER");
        assertThat(halfway.body().get("deliveries").asInt()).isZero();
        JsonAnswer done = get("auditor", "/api/v1/audit/documents/" + documentId + "/as-of?timestamp=" + java.time.Instant.now().plusSeconds(60));
        assertThat(done.text("status")).isEqualTo("EXECUTED");
        assertThat(done.body().get("signatures").findValuesAsText("signerRole")).containsExactly("OFFICER", "VENDOR");
        assertThat(done.body().get("deliveries").asInt()).isEqualTo(2);
        assertThat(done.text("sha256")).isEqualTo(HexFormat.of().formatHex(sha256(content)));
        assertThat(get(CITIZEN, "/api/v1/audit/documents/" + documentId + "/as-of?globalIndex=" + officerSigned).status()).isEqualTo(403);

        await("the executed contract in the read model").atMost(Duration.ofSeconds(30))
                .until(() -> "EXECUTED".equals(verify(content).text("signOff")));
        JsonAnswer verified = verify(content);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.text("verification")).isEqualTo("valid");
        assertThat(verified.body().get("signatures")).hasSize(2);
        assertThat(verified.body().get("signatures").get(0).get("role").asText()).isEqualTo("OFFICER");
        assertThat(verified.body().get("signatures").get(0).get("agencyCode").asText()).isEqualTo(AGENCY);
        assertThat(verified.body().get("signatures").get(1).get("role").asText()).isEqualTo("VENDOR");
        // Roles and agencies only: no signer's or recipient's account, no title.
        assertThat(verified.response().body()).doesNotContain(VENDOR, OFFICER, CITIZEN, "Bridge repair");

        byte[] tampered = content.clone();
        tampered[3] ^= 0x01;
        JsonAnswer unknown = verify(tampered);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("verification")).isEqualTo("unknown");
        JsonAnswer byHash = send(HttpRequest.newBuilder(uri("/api/v1/documents/verify?sha256=" + HexFormat.of().formatHex(sha256(content))))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(byHash.text("verification")).isEqualTo("valid");

        // The bundle verifies with the JDK alone, as the offline command does.
        JsonAnswer bundle = get(CITIZEN, "/api/v1/documents/" + documentId + "/bundle");
        assertThat(bundle.status()).as(bundle.body().toString()).isEqualTo(200);
        assertThat(bundle.body().get("keys")).hasSize(2);
        for (JsonNode signature : bundle.body().get("signatures")) {
            JsonNode key = null;
            for (JsonNode candidate : bundle.body().get("keys")) {
                if (candidate.get("keyId").asText().equals(signature.get("keyId").asText())) {
                    key = candidate;
                }
            }
            assertThat(key).isNotNull();
            boolean ed25519 = "ED25519".equals(key.get("algorithm").asText());
            java.security.PublicKey publicKey = java.security.KeyFactory.getInstance(ed25519 ? "Ed25519" : "EC")
                    .generatePublic(new java.security.spec.X509EncodedKeySpec(Base64.getDecoder().decode(key.get("publicKey").asText())));
            Signature verifier = Signature.getInstance(ed25519 ? "Ed25519" : "SHA256withECDSA");
            verifier.initVerify(publicKey);
            verifier.update(sha256(content));
            assertThat(verifier.verify(Base64.getDecoder().decode(signature.get("signature").asText()))).isTrue();
        }
    }

    @Test
    void recipients_see_their_documents_others_do_not_and_every_download_is_an_event() throws Exception {
        byte[] content = ("Notice of road works, run " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String documentId = registerContract(content, null);
        await("the document in the read model").atMost(Duration.ofSeconds(30))
                .until(() -> get(CITIZEN, "/api/v1/citizens/" + CITIZEN + "/documents").response().body().contains(documentId));

        HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(uri("/api/v1/documents/" + documentId + "/content"))
                .header("Authorization", token(CITIZEN)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(content);
        assertThat(get(CITIZEN, "/api/v1/documents/" + documentId).text("documentId")).isEqualTo(documentId);

        assertThat(get(OTHER_CITIZEN, "/api/v1/documents/" + documentId).status()).isEqualTo(404);
        assertThat(get("officer-elsewhere", "/api/v1/documents/" + documentId).status()).isEqualTo(403);
        assertThat(get(OTHER_CITIZEN, "/api/v1/citizens/" + CITIZEN + "/documents").status()).isEqualTo(403);
        assertThat(get(OTHER_CITIZEN, "/api/v1/citizens/" + OTHER_CITIZEN + "/documents").response().body()).doesNotContain(documentId);

        // Count only this document's own events: other processors append to the store at times the test does not control.
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE ?",
                Long.class, documentId, "%DocumentAccessed")).isEqualTo(2);

        // The recipient's timeline shows the document and both of their accesses; the other citizen's shows none of it.
        await("the accesses in the timeline").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> summaries = new java.util.ArrayList<>();
            get(CITIZEN, "/api/v1/citizens/" + CITIZEN + "/history?category=document&size=200").body().path("items").forEach(entry -> {
                if (documentId.equals(entry.path("itemId").asText()) && "DocumentAccessed".equals(entry.path("kind").asText())) {
                    summaries.add(entry.path("summary").asText());
                }
            });
            assertThat(summaries).containsExactlyInAnyOrder("Document downloaded by you", "Document viewed by you");
        });
        assertThat(get(OTHER_CITIZEN, "/api/v1/citizens/" + OTHER_CITIZEN + "/history?size=200").response().body()).doesNotContain(documentId);
    }

    @Test
    void a_revoked_key_signs_no_more_while_what_it_signed_before_stays_valid() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String officer = OFFICER;
        JsonAnswer registered = post(officer, "/api/v1/signing-keys", "{\"publicKey\": \"" + base64(key.getPublic().getEncoded()) + "\"}");
        assertThat(registered.status()).isEqualTo(201);
        byte[] first = ("Lease of depot A, run " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String firstId = registerContract(first, null, OFFICER_ALONE);
        assertThat(signs(OFFICER, firstId, key, first).text("status")).isEqualTo("EXECUTED");

        JsonAnswer revoked = post(OFFICER, "/api/v1/signing-keys/" + OFFICER + "/keys/" + keyId(key) + "/revoke", "{\"reason\": \"token lost\"}");
        assertThat(revoked.status()).as(revoked.body().toString()).isEqualTo(200);

        byte[] second = ("Lease of depot B, run " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String secondId = registerContract(second, null, OFFICER_ALONE);
        JsonAnswer refused = signs(OFFICER, secondId, key, second);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("rule")).isEqualTo("RevokedKeysDoNotSign");
        assertThat(refused.text("field")).isEqualTo("keyId");

        // Rotation: a new key takes over and the old one signs no more; the first lease stays valid.
        KeyPair spare = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertThat(post(OFFICER, "/api/v1/signing-keys", "{\"publicKey\": \"" + base64(spare.getPublic().getEncoded()) + "\"}").status())
                .isEqualTo(201);
        KeyPair next = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        JsonAnswer rotated = post(OFFICER, "/api/v1/signing-keys", "{\"publicKey\": \"" + base64(next.getPublic().getEncoded())
                + "\", \"replacesKeyId\": \"" + keyId(spare) + "\"}");
        assertThat(rotated.status()).as(rotated.body().toString()).isEqualTo(201);
        assertThat(signs(OFFICER, secondId, spare, second).text("rule")).isEqualTo("RotatedKeysDoNotSign");
        JsonAnswer declined = post(OFFICER, "/api/v1/documents/" + secondId + "/signatures", "{\"decline\": \"the lease is not ours\"}");
        assertThat(declined.text("status")).isEqualTo("DECLINED");
        assertThat(signs(OFFICER, secondId, next, second).text("rule")).isEqualTo("DeclineEndsTheChain");

        await("the first lease in the read model").atMost(Duration.ofSeconds(30)).until(() -> "EXECUTED".equals(verify(first).text("signOff")));
        assertThat(verify(first).text("verification")).isEqualTo("valid");
    }

    @Test
    void a_revoked_document_verifies_as_revoked_and_an_expired_one_as_expired() throws Exception {
        byte[] revokedContent = ("Permit 17, run " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String revokedId = registerContract(revokedContent, null);
        assertThat(post(OFFICER, "/api/v1/documents/" + revokedId + "/revoke", "{\"reason\": \"issued for the wrong bridge\"}").text("status"))
                .isEqualTo("REVOKED");
        await().atMost(Duration.ofSeconds(30)).until(() -> "revoked".equals(verify(revokedContent).text("verification")));

        byte[] expiring = ("Certificate 18, run " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        registerContract(expiring, "2026-12-08");
        await().atMost(Duration.ofSeconds(30)).until(() -> "valid".equals(verify(expiring).text("verification")));
        try {
            clock.set("2026-12-09T10:00:00");
            assertThat(verify(expiring).text("verification")).isEqualTo("expired");
        } finally {
            clock.set(org.civicledger.ops.support.TestClockConfiguration.START);
        }
    }

    @Test
    void an_approved_case_of_a_type_that_issues_certificates_yields_a_certificate_signed_by_the_agency_and_delivered_to_the_applicant()
            throws Exception {
        // The type says it issues certificates; its code has no -CERTIFICATE suffix, so the flag alone decides.
        String caseType = "DOCAPI-RESIDENCE";
        JsonAnswer registered = registerCaseType(caseType, true);
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        await("the case type in the reference data").atMost(Duration.ofSeconds(30))
                .until(() -> get("operator", "/api/v1/reference/case-types/" + caseType).status() == 200);
        assertThat(get("operator", "/api/v1/reference/case-types/" + caseType).body().get("issuesCertificate").asBoolean()).isTrue();
        String caseId = approveACaseOf(caseType);

        String certificateId = "certificate-" + caseId;
        await("the certificate in the citizen's documents").atMost(Duration.ofSeconds(30))
                .until(() -> get(CITIZEN, "/api/v1/citizens/" + CITIZEN + "/documents").response().body().contains(certificateId));
        HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(uri("/api/v1/documents/" + certificateId + "/content"))
                .header("Authorization", token(CITIZEN)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        String text = new String(download.body(), StandardCharsets.UTF_8);
        assertThat(text).contains(caseId, caseType).doesNotContain("Lin Mei-hua", "A123456789");

        await("the signed certificate in the read model").atMost(Duration.ofSeconds(30))
                .until(() -> "EXECUTED".equals(verify(download.body()).text("signOff")));
        JsonAnswer verified = verify(download.body());
        assertThat(verified.text("verification")).isEqualTo("valid");
        assertThat(verified.text("kind")).isEqualTo("CERTIFICATE");
        assertThat(verified.body().get("signatures")).hasSize(1);
        assertThat(verified.body().get("signatures").get(0).get("role").asText()).isEqualTo("AGENCY");
        assertThat(verified.body().get("signatures").get(0).get("agencyCode").asText()).isEqualTo(AGENCY);
        // Delivered to the applicant, by the ledger, in the approving transaction.
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE ?",
                Long.class, certificateId, "%DocumentDelivered")).isEqualTo(1);
        JsonAnswer bundle = get(CITIZEN, "/api/v1/documents/" + certificateId + "/bundle");
        assertThat(bundle.body().get("keys").get(0).get("role").asText()).isEqualTo("AGENCY");
        assertThat(org.civicledger.ops.documents.OfflineDocumentCheck.check(download.body(), bundle.body(), bundle.body()).valid()).isTrue();
    }

    @Test
    void after_an_operator_rotates_the_agency_key_new_certificates_are_signed_with_the_new_key_and_old_ones_still_verify()
            throws Exception {
        String agency = "DOCAPI-ROTA";
        Actor officer = Actor.officer("officer-docapi-rota", agency);
        commands.sendAndWait(new RegisterAgency(agency, "Licensing", "docapi-ra-rota", Actor.system("test-loader")));
        String caseType = "DOCAPI-ROTA-LICENCE";
        assertThat(registerCaseType(caseType, agency, true).status()).isEqualTo(201);
        byte[] before = certificateOf(approveACaseOf(caseType, officer));
        String keyBefore = verifiedSigned(before).body().get("signatures").get(0).get("keyId").asText();

        JsonAnswer refused = post("officer-elsewhere", "/api/v1/signing-keys/agencies/" + agency + "/rotations", "");
        assertThat(refused.status()).as("an officer does not rotate an agency's key").isEqualTo(403);
        // The test clock stands still: the rotation and what follows come an hour after the first certificate, as they would.
        clock.set("2026-12-07T11:00:00");
        try {
            rotateThenCertifyAgain(agency, caseType, officer, before, keyBefore);
        } finally {
            clock.set(org.civicledger.ops.support.TestClockConfiguration.START);
        }
    }

    private void rotateThenCertifyAgain(String agency, String caseType, Actor officer, byte[] before, String keyBefore) throws Exception {
        JsonAnswer rotated = post("operator", "/api/v1/signing-keys/agencies/" + agency + "/rotations", "");
        assertThat(rotated.status()).as(rotated.body().toString()).isEqualTo(201);
        assertThat(rotated.text("subject")).isEqualTo("agency-" + agency);
        assertThat(rotated.text("algorithm")).isEqualTo("ED25519");
        String keyAfter = rotated.text("keyId");
        assertThat(keyAfter).matches("[0-9a-f]{32}").isNotEqualTo(keyBefore);

        byte[] after = certificateOf(approveACaseOf(caseType, officer));
        JsonAnswer verifiedAfter = verifiedSigned(after);
        assertThat(verifiedAfter.text("verification")).isEqualTo("valid");
        assertThat(verifiedAfter.body().get("signatures").get(0).get("keyId").asText()).isEqualTo(keyAfter);
        // Signed before the rotation, the first certificate still verifies, naming the key that signed it.
        JsonAnswer verifiedBefore = verify(before);
        assertThat(verifiedBefore.text("verification")).isEqualTo("valid");
        assertThat(verifiedBefore.body().get("signatures").get(0).get("keyId").asText()).isEqualTo(keyBefore);
        // Offline too: its bundle shows the old key retired after the signature, which the check accepts.
        String firstId = verifiedBefore.text("documentId");
        await("the old key retired in the read model").atMost(Duration.ofSeconds(30))
                .until(() -> !get(CITIZEN, "/api/v1/documents/" + firstId + "/bundle").body().get("keys").get(0).get("retiredAt").isNull());
        JsonAnswer bundle = get(CITIZEN, "/api/v1/documents/" + firstId + "/bundle");
        assertThat(bundle.body().get("keys").get(0).get("keyId").asText()).isEqualTo(keyBefore);
        assertThat(org.civicledger.ops.documents.OfflineDocumentCheck.check(before, bundle.body(), bundle.body()).valid()).isTrue();
    }

    @Test
    void a_type_registered_without_the_certificate_flag_yields_none_even_when_its_code_ends_in_certificate() throws Exception {
        String caseType = "DOCAPI-PARKING-CERTIFICATE";
        JsonAnswer registered = registerCaseType(caseType, null);
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);

        String caseId = approveACaseOf(caseType);

        // A certificate is issued in the approving transaction (CaseCertificates subscribes): none now means none ever.
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class,
                "certificate-" + caseId)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cmd_case_certificate WHERE case_id = ?", Long.class, caseId)).isZero();
        assertThat(jdbc.queryForObject("SELECT issues_certificate FROM cmd_case_type WHERE case_type_code = ?", Boolean.class, caseType))
                .isFalse();
    }

    @Test
    void a_case_type_stored_before_the_flag_existed_issues_certificates_as_its_code_said_when_its_events_are_read_again()
            throws Exception {
        String caseType = "DOCAPI-FORMER-CERTIFICATE";
        // As a ledger from before revision 2 stored it: revision-1 JSON, no certificate flag.
        String former = """
                {"caseTypeCode":"%s","agencyCode":"%s","name":"Former certificate","requiredDocuments":[],
                 "fee":{"amountMinor":0,"currency":"TWD"},"statutoryProcessingDays":5}""".formatted(caseType, AGENCY);
        jdbc.update("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata, payload, "
                        + "payloadrevision, payloadtype, timestamp) VALUES (?, 0, 'CaseType', ?, ?, ?, '1', ?, ?)",
                caseType, UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8), former.getBytes(StandardCharsets.UTF_8),
                "org.civicledger.events.reference.CaseTypeEvent$CaseTypeRegistered", java.time.Instant.now().toString());

        // The reference-data read model reads it from the store, as a replay would: through the upcaster.
        await("the former case type in the reference data").atMost(Duration.ofSeconds(30))
                .until(() -> get("operator", "/api/v1/reference/case-types/" + caseType).status() == 200);
        assertThat(get("operator", "/api/v1/reference/case-types/" + caseType).body().get("issuesCertificate").asBoolean()).isTrue();
        // So is the aggregate: a revision that does not mention the certificate keeps the one the naming rule gave.
        JsonAnswer revised = post("operator", "/api/v1/reference/case-types/" + caseType + "/revisions", """
                {"name": "Former certificate", "requiredDocuments": [], "fee": {"amountMinor": 0, "currency": "TWD"},
                 "statutoryProcessingDays": 7, "reason": "longer review"}""");
        assertThat(revised.status()).as(revised.body().toString()).isEqualTo(200);
        byte[] stored = jdbc.queryForObject("SELECT payload FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 1",
                byte[].class, caseType);
        JsonNode revision = json.readTree(stored);
        assertThat(revision.get("previousIssuesCertificate").asBoolean()).isTrue();
        assertThat(revision.get("issuesCertificate").asBoolean()).isTrue();
    }

    /** Registers a case type of the agency over HTTP, as an operator; no fee, else approval would wait for its payment. */
    JsonAnswer registerCaseType(String caseType, Boolean issuesCertificate) throws Exception {
        return registerCaseType(caseType, AGENCY, issuesCertificate);
    }

    JsonAnswer registerCaseType(String caseType, String agency, Boolean issuesCertificate) throws Exception {
        var body = json.createObjectNode().put("caseTypeCode", caseType).put("agencyCode", agency).put("name", "Certificate test")
                .put("statutoryProcessingDays", 5);
        body.putArray("requiredDocuments");
        body.set("fee", json.createObjectNode().put("amountMinor", 0).put("currency", "TWD"));
        if (issuesCertificate != null) {
            body.put("issuesCertificate", issuesCertificate);
        }
        return post("operator", "/api/v1/reference/case-types", json.writeValueAsString(body));
    }

    /** Submits a case of the type for {@link #CITIZEN} and has an officer of {@link #AGENCY} approve it; answers its id. */
    String approveACaseOf(String caseType) {
        return approveACaseOf(caseType, Actor.officer(OFFICER, AGENCY));
    }

    String approveACaseOf(String caseType, Actor officer) {
        Actor loader = Actor.system("test-loader");
        Integer published = jdbc.queryForObject("SELECT COUNT(*) FROM cmd_calendar_year WHERE calendar_year = 2026", Integer.class);
        if (published == 0) {
            commands.sendAndWait(new PublishCalendarYear(2026, List.of(), List.of(), "test", "docapi-cal-2026", loader));
        }
        String caseId = UUID.randomUUID().toString();
        Actor citizen = Actor.citizen(CITIZEN);
        commands.sendAndWait(new SubmitApplication(caseId, caseType, new Applicant(CITIZEN, new NationalId("A123456789"), "Lin Mei-hua",
                "mei@example.org", null), List.of(), "submit-" + caseId, citizen));
        commands.sendAndWait(new AcceptCase(caseId, "accept-" + caseId, officer));
        commands.sendAndWait(new StartReview(caseId, "review-" + caseId, officer));
        commands.sendAndWait(new ApproveCase(caseId, "meets the requirements", "approve-" + caseId, officer));
        return caseId;
    }

    /** The bytes of a case's certificate, downloaded by the applicant (the document exists once the approval returned). */
    byte[] certificateOf(String caseId) throws Exception {
        HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(uri("/api/v1/documents/certificate-" + caseId + "/content"))
                .header("Authorization", token(CITIZEN)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).as("download of the certificate of " + caseId).isEqualTo(200);
        return download.body();
    }

    /** The public verification of certificate bytes once the read model has its signature. */
    JsonAnswer verifiedSigned(byte[] certificate) throws Exception {
        await("the signed certificate in the read model").atMost(Duration.ofSeconds(30))
                .until(() -> "EXECUTED".equals(verify(certificate).text("signOff")));
        return verify(certificate);
    }

    @Test
    void bad_uploads_are_refused_naming_the_field_and_leave_no_content_behind() throws Exception {
        long before = contentRows();
        JsonAnswer tooLarge = post(OFFICER, "/api/v1/documents", """
                {"contentBase64": "%s", "sha256": "%s", "kind": "NOTICE", "title": "Big", "agencyCode": "%s"}"""
                .formatted(base64(new byte[CONTENT_LIMIT + 1]), hex(new byte[CONTENT_LIMIT + 1]), AGENCY));
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.response().body()).contains("contentBase64");
        byte[] notice = ("unique " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        JsonAnswer noticeWithExpiry = post(OFFICER, "/api/v1/documents", """
                {"contentBase64": "%s", "sha256": "%s", "kind": "NOTICE", "title": "Notice", "agencyCode": "%s", "expiresOn": "2030-01-01"}"""
                .formatted(base64(notice), hex(notice), AGENCY));
        assertThat(noticeWithExpiry.status()).isEqualTo(422);
        assertThat(noticeWithExpiry.text("field")).isEqualTo("expiresOn");
        JsonAnswer otherAgency = post("officer-elsewhere", "/api/v1/documents", """
                {"contentBase64": "%s", "sha256": "%s", "kind": "NOTICE", "title": "Notice", "agencyCode": "%s"}"""
                .formatted(base64(notice), hex(notice), AGENCY));
        assertThat(otherAgency.status()).isEqualTo(403);
        byte[] changed = notice.clone();
        changed[0] ^= 0x01;
        JsonAnswer changedOnTheWay = post(OFFICER, "/api/v1/documents", """
                {"contentBase64": "%s", "sha256": "%s", "kind": "NOTICE", "title": "Notice", "agencyCode": "%s"}"""
                .formatted(base64(changed), hex(notice), AGENCY));
        assertThat(changedOnTheWay.status()).isEqualTo(400);
        assertThat(changedOnTheWay.response().body()).contains("contentBase64");
        assertThat(contentRows()).isEqualTo(before);
        // Far above the limit: refused by the body limit before anything is read.
        JsonAnswer huge = post(OFFICER, "/api/v1/documents", """
                {"contentBase64": "%s", "sha256": "%s", "kind": "NOTICE", "title": "Huge", "agencyCode": "%s"}"""
                .formatted(base64(new byte[200_000]), hex(new byte[200_000]), AGENCY));
        assertThat(huge.status()).isEqualTo(413);
        JsonAnswer badKey = post(CITIZEN, "/api/v1/signing-keys", "{\"publicKey\": \"" + base64(new byte[40]) + "\"}");
        assertThat(badKey.status()).isEqualTo(422);
        assertThat(badKey.text("field")).isEqualTo("publicKey");
    }
}
