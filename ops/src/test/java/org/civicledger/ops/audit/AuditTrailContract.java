package org.civicledger.ops.audit;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.civicledger.events.common.Role;
import org.civicledger.ops.support.TestTokens;
import org.civicledger.query.security.DevelopmentIssuer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The audit trail over real HTTP against the whole ledger: a case submitted by a citizen on the web and accepted
 * by an officer at the counter shows in the trail with actor, role, agency, channel, command, correlation and
 * causation ids; its correlation chain is followed; the CSV export defuses a formula smuggled in through the
 * Idempotency-Key (the command id); the case is reconstructed as of a past global index and time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuditTrailContract {

    static final String AGENCY = "AT-X";
    static final String CASE_TYPE = "AT-X-PERMIT";
    static final String CITIZEN = "citizen-at-1";
    static final String FORMULA_KEY = "=HYPERLINK(\"http://evil.example/x\",\"click\")";

    @LocalServerPort
    int port;
    @Autowired
    DevelopmentIssuer issuer;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final ObjectMapper json = new ObjectMapper();
    TestTokens tokens;
    String caseId;
    long submittedAt;
    long acceptedAt;

    @BeforeAll
    void aCaseSubmittedOnTheWebAndAcceptedAtTheCounter() throws Exception {
        tokens = TestTokens.of(issuer);
        String operator = tokens.operator();
        expect(post(operator, "/api/v1/reference/agencies", UUID.randomUUID().toString(), "web",
                "{\"agencyCode\":\"" + AGENCY + "\",\"name\":\"Audit Office\"}"), 201);
        expect(post(operator, "/api/v1/reference/case-types", UUID.randomUUID().toString(), "web", """
                {"caseTypeCode": "%s", "agencyCode": "%s", "name": "Permit", "requiredDocuments": ["ID_COPY"],
                 "fee": {"amountMinor": 250, "currency": "TWD"}, "statutoryProcessingDays": 10}""".formatted(CASE_TYPE, AGENCY)), 201);
        JsonNode submitted = expect(post(tokens.citizen(CITIZEN), "/api/v1/cases", "at-submit-1", "web", """
                {"caseTypeCode": "%s",
                 "applicant": {"citizenSubject": "%s", "nationalId": "A123456789", "name": "Lin Mei", "email": "lin@example.org"},
                 "documents": [{"kind": "ID_COPY", "uri": "mydoc://documents/at-1"}]}""".formatted(CASE_TYPE, CITIZEN)), 201);
        caseId = submitted.get("caseId").asText();
        submittedAt = submitted.get("position").asLong();
        JsonNode accepted = expect(post(tokens.officer("officer-at-1", AGENCY), "/api/v1/cases/" + caseId + "/accept", FORMULA_KEY,
                "counter", ""), 200);
        acceptedAt = accepted.get("position").asLong();
        await("the case reaches the audit trail").atMost(Duration.ofSeconds(20))
                .until(() -> get("/api/v1/audit/events?aggregate=" + caseId).body().get("items").size() >= 2);
    }

    @Test
    void the_trail_shows_who_did_what_through_which_channel_in_answer_to_which_command() throws Exception {
        JsonNode items = get("/api/v1/audit/events?aggregate=" + caseId).body().get("items");
        JsonNode submitted = items.get(0);
        assertThat(submitted.get("globalIndex").asLong()).isEqualTo(submittedAt);
        assertThat(submitted.get("payloadType").asText()).isEqualTo("ApplicationSubmitted");
        assertThat(submitted.get("aggregateType").asText()).isEqualTo("CaseFile");
        assertThat(submitted.get("sequenceNumber").asLong()).isZero();
        assertThat(submitted.get("actorSubject").asText()).isEqualTo(CITIZEN);
        assertThat(submitted.get("actorRole").asText()).isEqualTo("CITIZEN");
        assertThat(submitted.get("channel").asText()).isEqualTo("web");
        assertThat(submitted.get("commandId").asText()).isEqualTo("at-submit-1");
        assertThat(submitted.get("correlationId").asText()).isNotBlank();
        assertThat(submitted.get("causationId").asText()).isNotBlank();
        // No payload content in the trail: the applicant's national ID and name are nowhere in the answer.
        assertThat(items.toString()).doesNotContain("A123456789").doesNotContain("Lin Mei");

        JsonNode accepted = items.get(1);
        assertThat(accepted.get("globalIndex").asLong()).isEqualTo(acceptedAt);
        assertThat(accepted.get("actorSubject").asText()).isEqualTo("officer-at-1");
        assertThat(accepted.get("actorRole").asText()).isEqualTo("OFFICER");
        assertThat(accepted.get("actorAgency").asText()).isEqualTo(AGENCY);
        assertThat(accepted.get("channel").asText()).isEqualTo("counter");
        assertThat(accepted.get("commandId").asText()).isEqualTo(FORMULA_KEY);
        assertThat(accepted.get("correlationId").asText()).isNotEqualTo(submitted.get("correlationId").asText());

        assertThat(get("/api/v1/audit/events?actor=officer-at-1").body().get("items").size()).isEqualTo(1);
        assertThat(get("/api/v1/audit/events?agency=" + AGENCY).body().get("items").get(0).get("globalIndex").asLong())
                .isEqualTo(acceptedAt);
        String from = URLEncoder.encode(accepted.get("recordedAt").asText(), StandardCharsets.UTF_8);
        assertThat(get("/api/v1/audit/events?aggregate=" + caseId + "&from=" + from).body().get("items").size()).isEqualTo(1);
        assertThat(get("/api/v1/audit/events?from=yesterday").status()).isEqualTo(400);
    }

    @Test
    void a_correlation_chain_is_followed_in_order() throws Exception {
        JsonNode accepted = get("/api/v1/audit/events?aggregate=" + caseId).body().get("items").get(1);
        String correlation = accepted.get("correlationId").asText();
        Answer chain = get("/api/v1/audit/correlations/" + correlation);
        assertThat(chain.status()).isEqualTo(200);
        assertThat(chain.body().get("correlationId").asText()).isEqualTo(correlation);
        JsonNode events = chain.body().get("events");
        assertThat(events.size()).isGreaterThanOrEqualTo(1);
        assertThat(events.get(0).get("event").get("globalIndex").asLong()).isEqualTo(acceptedAt);
        // The acceptance was caused by the command (the request), not by another event of the chain.
        assertThat(events.get(0).get("causedByGlobalIndex").isNull()).isTrue();
        assertThat(events.get(0).get("event").get("causationId").asText()).isEqualTo(correlation);
        assertThat(get("/api/v1/audit/correlations/no-such-correlation").status()).isEqualTo(404);
    }

    @Test
    void the_csv_export_quotes_as_rfc_4180_and_defuses_formulas() throws Exception {
        HttpResponse<String> csv = http.send(request("/api/v1/audit/events.csv?aggregate=" + caseId, tokens.auditor()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("global_index,event_identifier,");
        // The command id cell: a single quote in front of the '=', inside quotes (it holds commas and quotes), quotes doubled.
        assertThat(lines[2]).contains(",\"'=HYPERLINK(\"\"http://evil.example/x\"\",\"\"click\"\")\",");
        assertThat(lines[2]).doesNotContain(",=HYPERLINK");

        Answer exported = get("/api/v1/audit/events.json?aggregate=" + caseId);
        assertThat(exported.status()).isEqualTo(200);
        assertThat(exported.body().isArray()).isTrue();
        assertThat(exported.body().size()).isEqualTo(2);
        assertThat(exported.body().get(1).get("commandId").asText()).isEqualTo(FORMULA_KEY);
        assertThat(get("/api/v1/audit/events.csv?limit=0").status()).isEqualTo(400);
    }

    @Test
    void a_case_is_reconstructed_as_of_a_past_global_index_or_time() throws Exception {
        Answer before = get("/api/v1/audit/cases/" + caseId + "/as-of?globalIndex=" + submittedAt);
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.body().get("status").asText()).isEqualTo("SUBMITTED");
        assertThat(before.body().get("eventsApplied").asLong()).isEqualTo(1);
        assertThat(before.body().get("caseNumber").isNull()).isTrue();
        assertThat(before.body().get("agencyCode").asText()).isEqualTo(AGENCY);
        assertThat(before.body().get("applicantSubject").asText()).isEqualTo(CITIZEN);

        Answer after = get("/api/v1/audit/cases/" + caseId + "/as-of?globalIndex=" + acceptedAt);
        assertThat(after.body().get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(after.body().get("caseNumber").asText()).isNotBlank();
        assertThat(after.body().get("deadline").asText()).isNotBlank();
        assertThat(after.body().get("lastGlobalIndex").asLong()).isEqualTo(acceptedAt);

        JsonNode submittedRow = get("/api/v1/audit/events?aggregate=" + caseId).body().get("items").get(0);
        String at = URLEncoder.encode(submittedRow.get("recordedAt").asText(), StandardCharsets.UTF_8);
        assertThat(get("/api/v1/audit/cases/" + caseId + "/as-of?timestamp=" + at).body().get("status").asText())
                .isEqualTo("SUBMITTED");
        assertThat(get("/api/v1/audit/cases/" + caseId + "/as-of?globalIndex=0").body().get("status").isNull()).isTrue();
        assertThat(get("/api/v1/audit/cases/no-such-case/as-of?globalIndex=5").status()).isEqualTo(404);
        assertThat(get("/api/v1/audit/cases/" + caseId + "/as-of").status()).isEqualTo(400);
    }

    @Test
    void only_auditors_read_the_trail() throws Exception {
        for (String bearer : new String[] {tokens.operator(), tokens.officer("officer-at-1", AGENCY), tokens.citizen(CITIZEN)}) {
            HttpResponse<String> refused = http.send(request("/api/v1/audit/events", bearer).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(403);
        }
    }

    record Answer(int status, JsonNode body) {
    }

    HttpRequest.Builder request(String path, String bearer) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", bearer);
    }

    Answer get(String path) throws Exception {
        HttpResponse<String> response = http.send(request(path, tokens.bearer("auditor-at", Role.AUDITOR, null)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body()));
    }

    HttpResponse<String> post(String bearer, String path, String key, String channel, String body) throws Exception {
        return http.send(request(path, bearer).header("Content-Type", "application/json").header("Idempotency-Key", key)
                .header("X-Channel", channel).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode expect(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json.readTree(response.body());
    }
}
