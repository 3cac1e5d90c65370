package org.civicledger.query.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.civicledger.events.common.Role;
import org.civicledger.query.security.DevelopmentIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@SpringBootTest(classes = WriteApiTestApplication.class, properties = {
        "spring.datasource.url=jdbc:h2:mem:write-api;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
        "spring.flyway.locations=classpath:db/migration,classpath:db/test-migration",
        "ledger.security.dev-issuer.enabled=true",
        "ledger.security.dev-issuer.key-file=target/write-api-test/dev-issuer.jwk"
})
@AutoConfigureMockMvc
class WriteApiTest {

    static final String VALID_NATIONAL_ID = "A123456789";

    @Autowired
    MockMvc mvc;
    @Autowired
    TestCaseLedger ledger;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper objectMapper;

    static String submission(String caseTypeCode, String nationalId, String documentKind) {
        return """
                {"caseTypeCode": "%s",
                 "applicant": {"citizenSubject": "citizen-1", "nationalId": "%s", "name": "Lin Mei", "email": "lin@example.org"},
                 "documents": [{"kind": "%s", "uri": "mydoc://documents/1"}]}
                """.formatted(caseTypeCode, nationalId, documentKind);
    }

    @Autowired
    DevelopmentIssuer issuer;

    String bearer(String subject, Role role, String agency) {
        return "Bearer " + issuer.mint(subject, role, agency);
    }

    MockHttpServletRequestBuilder asCitizen(MockHttpServletRequestBuilder request, String key) {
        return request.header("Idempotency-Key", key).header("Authorization", bearer("citizen-1", Role.CITIZEN, null))
                .header("X-Channel", "web").contentType(MediaType.APPLICATION_JSON);
    }

    MockHttpServletRequestBuilder asOfficer(MockHttpServletRequestBuilder request, String key) {
        return request.header("Idempotency-Key", key).header("Authorization", bearer("officer-1", Role.OFFICER, "DBU"))
                .contentType(MediaType.APPLICATION_JSON);
    }

    static String key() {
        return UUID.randomUUID().toString();
    }

    String submitCase() throws Exception {
        MvcResult result = mvc.perform(asCitizen(post("/api/v1/cases"), key()).content(submission("BUILDING-PERMIT", VALID_NATIONAL_ID, "ID_COPY")))
                .andExpect(status().isCreated()).andReturn();
        return objectMapper.readTree(result.getResponse().getContentAsString()).get("caseId").asText();
    }

    @Test
    void submitting_opens_a_case_and_answers_the_position_of_its_event() throws Exception {
        MvcResult result = mvc.perform(asCitizen(post("/api/v1/cases"), key()).content(submission("BUILDING-PERMIT", VALID_NATIONAL_ID, "ID_COPY")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("SUBMITTED"))
                .andExpect(jsonPath("$.casePassword").doesNotExist())
                .andReturn();
        JsonNode answer = objectMapper.readTree(result.getResponse().getContentAsString());
        String caseId = answer.get("caseId").asText();
        assertThat(UUID.fromString(caseId)).isNotNull();
        assertThat(result.getResponse().getHeader("Location")).isEqualTo("/api/v1/cases/" + caseId);
        Long position = jdbc.queryForObject("SELECT MAX(globalindex) FROM domainevententry WHERE aggregateidentifier = ?", Long.class, caseId);
        assertThat(answer.get("position").asLong()).isEqualTo(position);
    }

    @Test
    void the_command_carries_actor_channel_and_command_id_as_metadata() throws Exception {
        String key = key();
        mvc.perform(asCitizen(post("/api/v1/cases"), key).content(submission("BUILDING-PERMIT", VALID_NATIONAL_ID, "ID_COPY")))
                .andExpect(status().isCreated());
        assertThat(ledger.lastMetaData()).containsEntry("actorSubject", "citizen-1").containsEntry("actorRole", "CITIZEN")
                .containsEntry("channel", "web").containsEntry("commandId", key).doesNotContainKey("actorAgency");
    }

    @Test
    void a_case_goes_from_submission_to_closing() throws Exception {
        String caseId = submitCase();
        mvc.perform(asOfficer(post("/api/v1/cases/{id}/accept", caseId), key()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACCEPTED"))
                .andExpect(jsonPath("$.caseNumber").value("A-2026-000001"))
                .andExpect(jsonPath("$.casePassword").value("pw-123456"))
                .andExpect(jsonPath("$.deadline").value("2026-12-31"))
                .andExpect(jsonPath("$.position").isNumber());
        assertThat(ledger.lastMetaData()).containsEntry("actorAgency", "DBU").containsEntry("channel", "api");
        mvc.perform(asOfficer(post("/api/v1/cases/{id}/review", caseId), key())).andExpect(jsonPath("$.status").value("IN_REVIEW"));
        mvc.perform(asOfficer(post("/api/v1/cases/{id}/approve", caseId), key()).content("{\"reason\": \"complete\"}"))
                .andExpect(jsonPath("$.status").value("APPROVED"));
        mvc.perform(asOfficer(post("/api/v1/cases/{id}/close", caseId), key()).content("{\"reason\": \"done\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CLOSED"))
                .andExpect(jsonPath("$.caseNumber").doesNotExist());
    }

    @Test
    void a_bad_national_id_is_refused_naming_applicant_national_id_and_records_nothing() throws Exception {
        int before = ledger.eventCount();
        mvc.perform(asCitizen(post("/api/v1/cases"), key()).content(submission("BUILDING-PERMIT", "A123456788", "ID_COPY")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("applicant.nationalId"))
                .andExpect(jsonPath("$.errors[0].field").value("applicant.nationalId"))
                .andExpect(jsonPath("$.detail", containsString("check digit")))
                .andExpect(content().string(not(containsString("A123456788"))));
        assertThat(ledger.eventCount()).isEqualTo(before);
    }

    @Test
    void an_unknown_case_type_is_refused_by_its_rule_naming_case_type_code() throws Exception {
        int before = ledger.eventCount();
        mvc.perform(asCitizen(post("/api/v1/cases"), key()).content(submission("NO-SUCH-TYPE", VALID_NATIONAL_ID, "ID_COPY")))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.type").value("urn:civic-ledger:problem:rule-violation"))
                .andExpect(jsonPath("$.rule").value("CaseTypeIsKnown"))
                .andExpect(jsonPath("$.field").value("caseTypeCode"));
        assertThat(ledger.eventCount()).isEqualTo(before);
    }

    @Test
    void missing_documents_are_refused_naming_documents() throws Exception {
        int before = ledger.eventCount();
        mvc.perform(asCitizen(post("/api/v1/cases"), key()).content(submission("BUILDING-PERMIT", VALID_NATIONAL_ID, "PHOTO")))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.rule").value("RequiredDocumentsArePresent"))
                .andExpect(jsonPath("$.field").value("documents"));
        assertThat(ledger.eventCount()).isEqualTo(before);
    }

    @Test
    void malformed_json_is_a_400() throws Exception {
        mvc.perform(asCitizen(post("/api/v1/cases"), key()).content("{\"caseTypeCode\": "))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:civic-ledger:problem:malformed-request"))
                .andExpect(jsonPath("$.field").doesNotExist());
    }

    @Test
    void an_unknown_field_is_a_400_naming_its_path() throws Exception {
        String body = submission("BUILDING-PERMIT", VALID_NATIONAL_ID, "ID_COPY").replace("\"name\": \"Lin Mei\"",
                "\"name\": \"Lin Mei\", \"nickname\": \"Mei\"");
        mvc.perform(asCitizen(post("/api/v1/cases"), key()).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("applicant.nickname"));
    }

    @Test
    void a_wrong_type_is_a_400_naming_its_path() throws Exception {
        mvc.perform(asOfficer(post("/api/v1/cases/{id}/extension", "some-case"), key())
                        .content("{\"extraWorkingDays\": \"many\", \"notice\": \"n\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("extraWorkingDays"));
    }

    @Test
    void a_field_over_its_cap_is_a_400_naming_its_path() throws Exception {
        String body = submission("BUILDING-PERMIT", VALID_NATIONAL_ID, "ID_COPY").replace("mydoc://documents/1", "x".repeat(600));
        mvc.perform(asCitizen(post("/api/v1/cases"), key()).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("documents[0].uri"));
    }

    @Test
    void an_oversized_body_is_a_413() throws Exception {
        String body = submission("BUILDING-PERMIT", VALID_NATIONAL_ID, "ID_COPY").replace("Lin Mei", "x".repeat(70_000));
        int before = ledger.eventCount();
        mvc.perform(asCitizen(post("/api/v1/cases"), key()).content(body))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.type").value("urn:civic-ledger:problem:payload-too-large"));
        assertThat(ledger.eventCount()).isEqualTo(before);
    }

    @Test
    void a_write_without_idempotency_key_is_a_400_naming_the_header() throws Exception {
        mvc.perform(post("/api/v1/cases").header("Authorization", bearer("citizen-1", Role.CITIZEN, null))
                        .contentType(MediaType.APPLICATION_JSON).content(submission("BUILDING-PERMIT", VALID_NATIONAL_ID, "ID_COPY")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("Idempotency-Key"));
    }

    @Test
    void a_write_without_a_valid_token_is_a_401_problem_and_records_nothing() throws Exception {
        int before = ledger.eventCount();
        mvc.perform(post("/api/v1/cases").header("Idempotency-Key", key()).contentType(MediaType.APPLICATION_JSON)
                        .content(submission("BUILDING-PERMIT", VALID_NATIONAL_ID, "ID_COPY")))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", containsString("Bearer")))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:civic-ledger:problem:unauthorized"));
        String forged = issuer.mint("citizen-1", Role.CITIZEN, null);
        forged = forged.substring(0, forged.lastIndexOf('.') + 1) + "AAAA" + forged.substring(forged.lastIndexOf('.') + 5);
        mvc.perform(post("/api/v1/cases").header("Idempotency-Key", key()).header("Authorization", "Bearer " + forged)
                        .contentType(MediaType.APPLICATION_JSON).content(submission("BUILDING-PERMIT", VALID_NATIONAL_ID, "ID_COPY")))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", containsString("invalid_token")));
        String expired = issuer.mint("citizen-1", Role.CITIZEN, null, java.time.Duration.ofMinutes(-5));
        mvc.perform(post("/api/v1/cases").header("Idempotency-Key", key()).header("Authorization", "Bearer " + expired)
                        .contentType(MediaType.APPLICATION_JSON).content(submission("BUILDING-PERMIT", VALID_NATIONAL_ID, "ID_COPY")))
                .andExpect(status().isUnauthorized());
        assertThat(ledger.eventCount()).isEqualTo(before);
    }

    @Test
    void a_role_that_may_not_write_there_is_a_403_problem() throws Exception {
        mvc.perform(post("/api/v1/cases").header("Idempotency-Key", key()).header("Authorization", bearer("auditor-1", Role.AUDITOR, null))
                        .contentType(MediaType.APPLICATION_JSON).content(submission("BUILDING-PERMIT", VALID_NATIONAL_ID, "ID_COPY")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:civic-ledger:problem:forbidden"));
        mvc.perform(post("/api/v1/cases/{id}/accept", "c").header("Idempotency-Key", key())
                        .header("Authorization", bearer("citizen-1", Role.CITIZEN, null)))
                .andExpect(status().isForbidden());
    }

    @Test
    void a_bad_channel_header_is_a_400_naming_it() throws Exception {
        mvc.perform(post("/api/v1/cases").header("Idempotency-Key", key()).header("Authorization", bearer("citizen-1", Role.CITIZEN, null))
                        .header("X-Channel", "fax").contentType(MediaType.APPLICATION_JSON)
                        .content(submission("BUILDING-PERMIT", VALID_NATIONAL_ID, "ID_COPY")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("X-Channel"));
    }

    @Test
    void the_same_key_and_body_returns_the_first_answer_and_records_one_event() throws Exception {
        String key = key();
        String body = submission("BUILDING-PERMIT", VALID_NATIONAL_ID, "ID_COPY");
        int before = ledger.eventCount();
        String first = mvc.perform(asCitizen(post("/api/v1/cases"), key).content(body))
                .andExpect(status().isCreated()).andExpect(header().doesNotExist("Idempotent-Replayed"))
                .andReturn().getResponse().getContentAsString();
        String second = mvc.perform(asCitizen(post("/api/v1/cases"), key).content(body))
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(header().string("Location", containsString("/api/v1/cases/")))
                .andReturn().getResponse().getContentAsString();
        assertThat(second).isEqualTo(first);
        assertThat(ledger.eventCount()).isEqualTo(before + 1);
    }

    @Test
    void the_same_key_with_another_body_is_a_422() throws Exception {
        String key = key();
        mvc.perform(asCitizen(post("/api/v1/cases"), key).content(submission("BUILDING-PERMIT", VALID_NATIONAL_ID, "ID_COPY")))
                .andExpect(status().isCreated());
        int before = ledger.eventCount();
        mvc.perform(asCitizen(post("/api/v1/cases"), key).content(submission("BUILDING-PERMIT", "B123456780", "ID_COPY")))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.type").value("urn:civic-ledger:problem:idempotency-key-reused"))
                .andExpect(jsonPath("$.field").value("Idempotency-Key"));
        assertThat(ledger.eventCount()).isEqualTo(before);
    }

    @Test
    void the_same_key_from_another_actor_is_another_request() throws Exception {
        String key = key();
        String body = submission("BUILDING-PERMIT", VALID_NATIONAL_ID, "ID_COPY");
        mvc.perform(asCitizen(post("/api/v1/cases"), key).content(body)).andExpect(status().isCreated());
        mvc.perform(post("/api/v1/cases").header("Idempotency-Key", key).header("Authorization", bearer("citizen-2", Role.CITIZEN, null))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(header().doesNotExist("Idempotent-Replayed"));
    }

    @Test
    void a_duplicate_sent_while_the_first_runs_is_a_409() throws Exception {
        String caseId = submitCase();
        mvc.perform(asOfficer(post("/api/v1/cases/{id}/accept", caseId), key())).andExpect(status().isOk());
        mvc.perform(asOfficer(post("/api/v1/cases/{id}/review", caseId), key())).andExpect(status().isOk());
        String key = key();
        ledger.hold();
        CompletableFuture<MvcResult> first = CompletableFuture.supplyAsync(() -> {
            try {
                return mvc.perform(asOfficer(post("/api/v1/cases/{id}/approve", caseId), key).content("{\"reason\": \"wait\"}")).andReturn();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            assertThat(ledger.awaitHeld()).isTrue();
            mvc.perform(asOfficer(post("/api/v1/cases/{id}/approve", caseId), key).content("{\"reason\": \"wait\"}"))
                    .andExpect(status().isConflict())
                    .andExpect(jsonPath("$.type").value("urn:civic-ledger:problem:idempotency-request-in-progress"));
        } finally {
            ledger.release();
        }
        assertThat(first.get(10, TimeUnit.SECONDS).getResponse().getStatus()).isEqualTo(200);
        mvc.perform(asOfficer(post("/api/v1/cases/{id}/approve", caseId), key).content("{\"reason\": \"wait\"}"))
                .andExpect(status().isOk())
                .andExpect(header().string("Idempotent-Replayed", "true"));
    }

    @Test
    void an_unknown_case_is_a_404_naming_case_id() throws Exception {
        mvc.perform(asOfficer(post("/api/v1/cases/{id}/accept", "no-such-case"), key()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.field").value("caseId"))
                .andExpect(jsonPath("$.rule").value("CaseIsKnown"));
    }

    @Test
    void a_replayed_acceptance_does_not_show_the_case_password_again() throws Exception {
        String caseId = submitCase();
        String key = key();
        mvc.perform(asOfficer(post("/api/v1/cases/{id}/accept", caseId), key))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.casePassword").value("pw-123456"));
        mvc.perform(asOfficer(post("/api/v1/cases/{id}/accept", caseId), key))
                .andExpect(status().isOk())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(jsonPath("$.caseNumber").value("A-2026-000001"))
                .andExpect(jsonPath("$.casePassword").doesNotExist());
        assertThat(jdbc.queryForList("SELECT response_body FROM idempotency_key", byte[].class).stream()
                .map(String::new)).noneMatch(body -> body.contains("pw-123456"));
    }

    @Test
    void a_refusal_is_kept_and_replayed_for_its_key() throws Exception {
        String caseId = submitCase();
        String key = key();
        mvc.perform(asOfficer(post("/api/v1/cases/{id}/review", caseId), key))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.rule").value("LifecycleOrder"));
        mvc.perform(asOfficer(post("/api/v1/cases/{id}/review", caseId), key))
                .andExpect(status().isConflict())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.rule").value("LifecycleOrder"));
    }

    @Test
    void a_forbidden_command_is_a_403() throws Exception {
        String caseId = submitCase();
        // The URL rules let an officer accept; the ledger's rule refuses an officer of another agency.
        mvc.perform(post("/api/v1/cases/{id}/accept", caseId).header("Idempotency-Key", key())
                        .header("Authorization", bearer("officer-2", Role.OFFICER, "ELSEWHERE")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.rule").value("OwningAgencyDecides"));
    }

    @Test
    void a_concurrent_writer_is_a_409_that_may_be_retried_with_the_same_key() throws Exception {
        String caseId = submitCase();
        String key = key();
        for (int attempt = 0; attempt < 2; attempt++) {
            mvc.perform(asOfficer(post("/api/v1/cases/{id}/reject", caseId), key).content("{\"reason\": \"race\"}"))
                    .andExpect(status().isConflict())
                    .andExpect(header().doesNotExist("Idempotent-Replayed"))
                    .andExpect(jsonPath("$.type").value("urn:civic-ledger:problem:concurrent-modification"));
        }
    }

    @Test
    void a_failure_is_a_500_without_details_and_frees_the_key() throws Exception {
        String caseId = submitCase();
        String key = key();
        for (int attempt = 0; attempt < 2; attempt++) {
            mvc.perform(asCitizen(post("/api/v1/cases/{id}/withdraw", caseId), key).content("{\"reason\": \"boom\"}"))
                    .andExpect(status().isInternalServerError())
                    .andExpect(header().doesNotExist("Idempotent-Replayed"))
                    .andExpect(jsonPath("$.type").value("urn:civic-ledger:problem:internal-error"))
                    .andExpect(content().string(not(containsString("disk"))))
                    .andExpect(content().string(not(containsString("Exception"))));
        }
    }

    @Test
    void reference_data_writes_answer_the_position() throws Exception {
        mvc.perform(post("/api/v1/reference/agencies").header("Idempotency-Key", key()).header("Authorization", bearer("op", Role.OPERATOR, null))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"agencyCode\": \"DBU\", \"name\": \"Department of Building Use\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value("DBU"))
                .andExpect(jsonPath("$.position").isNumber());
    }

    @Test
    void a_query_by_post_needs_no_idempotency_key() throws Exception {
        // No lookup handler in this context: reaching the dispatcher (404) shows the filter let it through.
        mvc.perform(post("/api/v1/case-status/lookup").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isNotFound());
    }

    @Test
    void unknown_routes_methods_and_media_types_are_problems() throws Exception {
        mvc.perform(get("/api/v1/no-such-thing")).andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(put("/api/v1/cases")).andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(asCitizen(post("/api/v1/cases"), key()).contentType(MediaType.TEXT_PLAIN).content("hello"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void the_openapi_document_describes_the_writes_and_their_headers() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/cases'].post.responses['201']").exists())
                .andExpect(jsonPath("$.paths['/api/v1/cases'].post.responses['422'].content['application/problem+json']").exists())
                .andExpect(jsonPath("$.paths['/api/v1/cases/{caseId}/accept'].post.parameters[?(@.name == 'Idempotency-Key')].required")
                        .value(true))
                .andExpect(jsonPath("$.paths['/api/v1/reference/case-types'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/cases'].post.parameters[?(@.name == 'commandContext')]").isEmpty())
                .andExpect(jsonPath("$.components.schemas.ProblemDetail").value(not(nullValue())))
                .andExpect(jsonPath("$.components.securitySchemes.bearer.scheme").value("bearer"))
                .andExpect(jsonPath("$.paths['/api/v1/cases'].post.parameters[?(@.name == 'X-Actor-Subject')]").isEmpty());
    }

    @Test
    void answers_carry_security_headers_and_no_session() throws Exception {
        mvc.perform(asCitizen(post("/api/v1/cases"), key()).content(submission("BUILDING-PERMIT", VALID_NATIONAL_ID, "ID_COPY")))
                .andExpect(status().isCreated())
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("Referrer-Policy", "no-referrer"))
                .andExpect(header().string("Content-Security-Policy", containsString("default-src 'none'")))
                .andExpect(header().doesNotExist("Set-Cookie"));
        mvc.perform(get("/v3/api-docs").secure(true)).andExpect(header().string("Strict-Transport-Security", containsString("max-age=")));
    }

    @Test
    void a_cross_origin_request_is_refused_when_no_origin_is_configured() throws Exception {
        mvc.perform(asCitizen(post("/api/v1/cases"), key()).header("Origin", "https://elsewhere.example")
                        .content(submission("BUILDING-PERMIT", VALID_NATIONAL_ID, "ID_COPY")))
                .andExpect(status().isForbidden())
                .andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
    }

    @Test
    void idempotency_keys_are_scoped_by_the_verified_subject() throws Exception {
        String key = key();
        String body = submission("BUILDING-PERMIT", VALID_NATIONAL_ID, "ID_COPY");
        mvc.perform(asCitizen(post("/api/v1/cases"), key).content(body)).andExpect(status().isCreated());
        // Another signed-in subject with the same key does not get citizen-1's answer replayed.
        mvc.perform(post("/api/v1/cases").header("Idempotency-Key", key).header("Authorization", bearer("officer-1", Role.OFFICER, "DBU"))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(header().doesNotExist("Idempotent-Replayed"));
    }
}
