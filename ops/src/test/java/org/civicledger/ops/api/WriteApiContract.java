package org.civicledger.ops.api;

import org.civicledger.events.common.Role;
import org.civicledger.query.security.DevelopmentIssuer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.civicledger.ops.support.JsonAnswer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The write API over real HTTP against the whole ledger: Axon on a JDBC event store, the case
 * aggregate and its rules, Flyway's schema. Every refusal is checked to leave no event behind.
 * Run on the embedded H2 store ({@link WriteApiOnH2Test}) and on PostgreSQL ({@link WriteApiOnPostgresTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WriteApiContract {

    static final String AGENCY = "DBU";
    static final String CASE_TYPE = "BUILDING-PERMIT";
    static final String VALID_NATIONAL_ID = "A123456789";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    /** The development issuer the test configuration switches on, on H2 and on PostgreSQL alike. */
    @Autowired
    DevelopmentIssuer issuer;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final ObjectMapper json = new ObjectMapper();


    enum As {
        CITIZEN("citizen-1", "citizen", null),
        OFFICER("officer-1", "officer", AGENCY),
        OPERATOR("operator-1", "operator", null);

        final String subject;
        final String role;
        final String agency;

        As(String subject, String role, String agency) {
            this.subject = subject;
            this.role = role;
            this.agency = agency;
        }
    }

    @BeforeAll
    void referenceData() throws Exception {
        JsonAnswer agency = post(As.OPERATOR, "/api/v1/reference/agencies", key(), """
                {"agencyCode": "DBU", "name": "Department of Building Use"}""");
        assertThat(agency.status()).as(agency.response().body()).isEqualTo(201);
        JsonAnswer caseType = post(As.OPERATOR, "/api/v1/reference/case-types", key(), """
                {"caseTypeCode": "BUILDING-PERMIT", "agencyCode": "DBU", "name": "Building permit",
                 "requiredDocuments": ["ID_COPY"], "fee": {"amountMinor": 0, "currency": "TWD"}, "statutoryProcessingDays": 10}""");
        assertThat(caseType.status()).as(caseType.response().body()).isEqualTo(201);
        assertThat(caseType.body().get("position").asLong()).isGreaterThan(agency.body().get("position").asLong());
    }

    static String submission(String caseTypeCode, String nationalId, String documentKind) {
        return """
                {"caseTypeCode": "%s",
                 "applicant": {"citizenSubject": "citizen-1", "nationalId": "%s", "name": "Lin Mei", "email": "lin@example.org"},
                 "documents": [{"kind": "%s", "uri": "mydoc://documents/1"}]}
                """.formatted(caseTypeCode, nationalId, documentKind);
    }

    static String key() {
        return UUID.randomUUID().toString();
    }

    HttpRequest.Builder request(As actor, String path, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + issuer.mint(actor.subject, Role.valueOf(actor.role.toUpperCase()), actor.agency))
                .header("X-Channel", "web");
        if (key != null) {
            builder.header("Idempotency-Key", key);
        }
        return builder;
    }

    JsonAnswer post(As actor, String path, String key, String body) throws IOException, InterruptedException {
        return send(request(actor, path, key).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    JsonAnswer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
        return new JsonAnswer(response.statusCode(), body, response);
    }

    int eventCount() {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry", Integer.class);
        return count == null ? 0 : count;
    }

    List<String> eventTypesOf(String aggregateId) {
        return jdbc.queryForList("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                String.class, aggregateId).stream().map(type -> type.substring(type.lastIndexOf('$') + 1)).toList();
    }

    String submitCase() throws Exception {
        JsonAnswer submitted = post(As.CITIZEN, "/api/v1/cases", key(), submission(CASE_TYPE, VALID_NATIONAL_ID, "ID_COPY"));
        assertThat(submitted.status()).as(submitted.response().body()).isEqualTo(201);
        return submitted.text("caseId");
    }

    void assertProblem(JsonAnswer answer, int status, String field) {
        assertThat(answer.status()).as(answer.response().body()).isEqualTo(status);
        assertThat(answer.response().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(answer.text("field")).isEqualTo(field);
        assertThat(answer.response().body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void a_case_goes_from_submission_through_acceptance_review_and_approval_to_closing() throws Exception {
        JsonAnswer submitted = post(As.CITIZEN, "/api/v1/cases", key(), submission(CASE_TYPE, VALID_NATIONAL_ID, "ID_COPY"));
        assertThat(submitted.status()).as(submitted.response().body()).isEqualTo(201);
        String caseId = submitted.text("caseId");
        assertThat(submitted.text("status")).isEqualTo("SUBMITTED");
        assertThat(submitted.response().headers().firstValue("Location")).hasValue("/api/v1/cases/" + caseId);
        long submittedAt = submitted.body().get("position").asLong();
        assertThat(submittedAt).isEqualTo(jdbc.queryForObject(
                "SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 0", Long.class, caseId));

        JsonAnswer accepted = post(As.OFFICER, "/api/v1/cases/" + caseId + "/accept", key(), "");
        assertThat(accepted.status()).as(accepted.response().body()).isEqualTo(200);
        assertThat(accepted.text("status")).isEqualTo("ACCEPTED");
        assertThat(accepted.text("caseNumber")).isNotBlank();
        assertThat(accepted.text("casePassword")).isNotBlank();
        assertThat(accepted.text("deadline")).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(accepted.body().get("position").asLong()).isGreaterThan(submittedAt);

        JsonAnswer review = post(As.OFFICER, "/api/v1/cases/" + caseId + "/review", key(), "");
        assertThat(review.text("status")).as(review.response().body()).isEqualTo("IN_REVIEW");
        JsonAnswer approved = post(As.OFFICER, "/api/v1/cases/" + caseId + "/approve", key(), "{\"reason\": \"all documents in order\"}");
        assertThat(approved.text("status")).as(approved.response().body()).isEqualTo("APPROVED");
        JsonAnswer closed = post(As.OFFICER, "/api/v1/cases/" + caseId + "/close", key(), "{\"reason\": \"permit issued\"}");
        assertThat(closed.status()).as(closed.response().body()).isEqualTo(200);
        assertThat(closed.text("status")).isEqualTo("CLOSED");
        assertThat(closed.text("casePassword")).isNull();

        assertThat(eventTypesOf(caseId)).containsExactly("ApplicationSubmitted", "CaseAccepted", "CaseReviewStarted",
                "CaseApproved", "CaseClosed");
        assertThat(closed.body().get("position").asLong()).isEqualTo(
                jdbc.queryForObject("SELECT MAX(globalindex) FROM domainevententry WHERE aggregateidentifier = ?", Long.class, caseId));
    }

    @Test
    void a_client_reads_its_own_write_by_waiting_for_the_answered_position() throws Exception {
        JsonAnswer submitted = post(As.CITIZEN, "/api/v1/cases", key(), submission(CASE_TYPE, VALID_NATIONAL_ID, "ID_COPY"));
        String caseId = submitted.text("caseId");
        JsonAnswer accepted = post(As.OFFICER, "/api/v1/cases/" + caseId + "/accept", key(), "");
        long position = accepted.body().get("position").asLong();
        JsonAnswer read = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/cases/" + caseId
                + "?minPosition=" + position + "&waitMs=5000"))
                .header("Authorization", "Bearer " + issuer.mint("officer-1", Role.OFFICER, AGENCY)).GET().build());
        assertThat(read.status()).as(read.response().body()).isEqualTo(200);
        assertThat(read.response().headers().firstValue("Read-Model-Caught-Up")).hasValue("true");
        assertThat(read.text("status")).isEqualTo("ACCEPTED");
    }

    @Test
    void events_carry_the_actor_channel_and_command_id_of_the_request() throws Exception {
        String key = key();
        JsonAnswer submitted = post(As.CITIZEN, "/api/v1/cases", key, submission(CASE_TYPE, VALID_NATIONAL_ID, "ID_COPY"));
        byte[] metaData = jdbc.queryForObject("SELECT metadata FROM domainevententry WHERE aggregateidentifier = ?", byte[].class,
                submitted.text("caseId"));
        JsonNode envelope = json.readTree(new String(metaData, StandardCharsets.UTF_8));
        assertThat(envelope.get("actorSubject").asText()).isEqualTo("citizen-1");
        assertThat(envelope.get("actorRole").asText()).isEqualTo("CITIZEN");
        assertThat(envelope.get("channel").asText()).isEqualTo("web");
        assertThat(envelope.get("commandId").asText()).isEqualTo(key);
    }

    @Test
    void a_bad_national_id_is_refused_naming_applicant_national_id_and_leaves_no_event() throws Exception {
        int before = eventCount();
        JsonAnswer refused = post(As.CITIZEN, "/api/v1/cases", key(), submission(CASE_TYPE, "A123456788", "ID_COPY"));
        assertProblem(refused, 400, "applicant.nationalId");
        assertThat(refused.response().body()).doesNotContain("A123456788");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void an_unknown_case_type_is_refused_naming_case_type_code_and_leaves_no_event() throws Exception {
        int before = eventCount();
        JsonAnswer refused = post(As.CITIZEN, "/api/v1/cases", key(), submission("NO-SUCH-TYPE", VALID_NATIONAL_ID, "ID_COPY"));
        assertProblem(refused, 422, "caseTypeCode");
        assertThat(refused.text("rule")).isEqualTo("CaseTypeIsKnown");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void missing_documents_are_refused_naming_documents_and_leave_no_event() throws Exception {
        int before = eventCount();
        JsonAnswer refused = post(As.CITIZEN, "/api/v1/cases", key(), submission(CASE_TYPE, VALID_NATIONAL_ID, "PHOTO"));
        assertProblem(refused, 422, "documents");
        assertThat(refused.text("rule")).isEqualTo("RequiredDocumentsArePresent");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void an_oversized_body_is_a_413_and_leaves_no_event() throws Exception {
        int before = eventCount();
        String body = submission(CASE_TYPE, VALID_NATIONAL_ID, "ID_COPY").replace("Lin Mei", "x".repeat(70_000));
        assertProblem(post(As.CITIZEN, "/api/v1/cases", key(), body), 413, null);
        // Without a Content-Length (chunked) the body is counted as it arrives.
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        JsonAnswer chunked = send(request(As.CITIZEN, "/api/v1/cases", key())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build());
        assertProblem(chunked, 413, null);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void malformed_json_and_unknown_fields_are_400s_and_leave_no_event() throws Exception {
        int before = eventCount();
        assertProblem(post(As.CITIZEN, "/api/v1/cases", key(), "{\"caseTypeCode\": \"BUILDING-PERMIT\", "), 400, null);
        String unknownField = submission(CASE_TYPE, VALID_NATIONAL_ID, "ID_COPY").replace("\"caseTypeCode\"", "\"priority\": 1, \"caseTypeCode\"");
        assertProblem(post(As.CITIZEN, "/api/v1/cases", key(), unknownField), 400, "priority");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void an_unknown_case_is_a_404_naming_case_id() throws Exception {
        JsonAnswer refused = post(As.OFFICER, "/api/v1/cases/" + UUID.randomUUID() + "/accept", key(), "");
        assertProblem(refused, 404, "caseId");
    }

    @Test
    void a_write_without_idempotency_key_is_a_400() throws Exception {
        assertProblem(post(As.CITIZEN, "/api/v1/cases", null, submission(CASE_TYPE, VALID_NATIONAL_ID, "ID_COPY")), 400,
                "Idempotency-Key");
    }

    @Test
    void the_same_key_and_body_returns_the_first_answer_and_records_one_event() throws Exception {
        String key = key();
        String body = submission(CASE_TYPE, VALID_NATIONAL_ID, "ID_COPY");
        int before = eventCount();
        JsonAnswer first = post(As.CITIZEN, "/api/v1/cases", key, body);
        JsonAnswer again = post(As.CITIZEN, "/api/v1/cases", key, body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.replayed()).isFalse();
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.replayed()).isTrue();
        assertThat(again.response().body()).isEqualTo(first.response().body());
        assertThat(eventCount()).isEqualTo(before + 1);
    }

    @Test
    void the_same_key_with_another_body_is_a_422() throws Exception {
        String key = key();
        assertThat(post(As.CITIZEN, "/api/v1/cases", key, submission(CASE_TYPE, VALID_NATIONAL_ID, "ID_COPY")).status()).isEqualTo(201);
        int before = eventCount();
        JsonAnswer reused = post(As.CITIZEN, "/api/v1/cases", key, submission(CASE_TYPE, "B123456780", "ID_COPY"));
        assertProblem(reused, 422, "Idempotency-Key");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_refusal_is_replayed_for_its_key() throws Exception {
        String key = key();
        String body = submission("NO-SUCH-TYPE", VALID_NATIONAL_ID, "ID_COPY");
        JsonAnswer first = post(As.CITIZEN, "/api/v1/cases", key, body);
        JsonAnswer again = post(As.CITIZEN, "/api/v1/cases", key, body);
        assertProblem(again, 422, "caseTypeCode");
        assertThat(again.replayed()).isTrue();
        assertThat(again.response().body()).isEqualTo(first.response().body());
    }

    @Test
    void concurrent_duplicates_make_one_case_and_the_others_get_409_or_the_replay() throws Exception {
        String key = key();
        String body = submission(CASE_TYPE, VALID_NATIONAL_ID, "ID_COPY");
        int before = eventCount();
        int clients = 8;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<JsonAnswer>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                Callable<JsonAnswer> call = () -> post(As.CITIZEN, "/api/v1/cases", key, body);
                futures.add(pool.submit(call));
            }
            List<JsonAnswer> answers = new ArrayList<>();
            for (Future<JsonAnswer> future : futures) {
                answers.add(future.get());
            }
            List<JsonAnswer> firsts = answers.stream().filter(a -> a.status() == 201 && !a.replayed()).toList();
            assertThat(firsts).hasSize(1);
            for (JsonAnswer answer : answers) {
                if (answer.status() == 201) {
                    assertThat(answer.response().body()).isEqualTo(firsts.get(0).response().body());
                } else {
                    assertProblem(answer, 409, "Idempotency-Key");
                }
            }
            assertThat(eventTypesOf(firsts.get(0).text("caseId"))).containsExactly("ApplicationSubmitted");
            assertThat(eventCount()).isEqualTo(before + 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknown_routes_wrong_methods_and_wrong_media_types_are_problems() throws Exception {
        JsonAnswer unknown = post(As.CITIZEN, "/api/v1/no-such-thing", key(), "{}");
        assertProblem(unknown, 404, null);
        JsonAnswer wrongMethod = send(request(As.CITIZEN, "/api/v1/cases", key()).PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertProblem(wrongMethod, 405, null);
        JsonAnswer wrongType = send(request(As.CITIZEN, "/api/v1/cases", key()).setHeader("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build());
        assertProblem(wrongType, 415, null);
    }

    @Test
    void the_openapi_document_is_served_with_the_write_headers() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = json.readTree(response.body());
        assertThat(document.get("openapi").asText()).startsWith("3.");
        JsonNode submit = document.at("/paths/~1api~1v1~1cases/post");
        assertThat(submit.isMissingNode()).isFalse();
        List<String> headers = new ArrayList<>();
        submit.get("parameters").forEach(parameter -> headers.add(parameter.get("name").asText()));
        assertThat(headers).contains("Idempotency-Key", "X-Channel").doesNotContain("X-Actor-Subject", "X-Actor-Role", "X-Actor-Agency");
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
    }
}
