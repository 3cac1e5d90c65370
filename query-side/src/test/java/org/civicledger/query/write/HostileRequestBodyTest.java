package org.civicledger.query.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.civicledger.events.cases.CaseCommands.ApproveCase;
import org.civicledger.events.cases.CaseCommands.SubmitApplication;
import org.civicledger.events.common.Role;
import org.civicledger.query.security.DevelopmentIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Hostile and sloppy request bodies are refused by the HTTP layer with a 400 problem naming the field,
 * before any command is sent, and keep no idempotency record; accepted text reaches the command in NFC.
 */
@SpringBootTest(classes = WriteApiTestApplication.class, properties = {
        "spring.datasource.url=jdbc:h2:mem:hostile-body;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
        "spring.flyway.locations=classpath:db/migration,classpath:db/test-migration",
        "ledger.security.dev-issuer.enabled=true",
        "ledger.security.dev-issuer.key-file=target/hostile-body-test/dev-issuer.jwk"
})
@AutoConfigureMockMvc
class HostileRequestBodyTest {

    static final String VALID_NATIONAL_ID = "A123456789";

    @Autowired
    MockMvc mvc;
    @Autowired
    TestCaseLedger ledger;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DevelopmentIssuer issuer;

    MockHttpServletRequestBuilder as(String subject, Role role, String agency, MockHttpServletRequestBuilder request, String key) {
        return request.header("Idempotency-Key", key).header("Authorization", "Bearer " + issuer.mint(subject, role, agency))
                .header("X-Channel", "web").contentType(MediaType.APPLICATION_JSON);
    }

    MockHttpServletRequestBuilder asCitizen(MockHttpServletRequestBuilder request, String key) {
        return as("citizen-1", Role.CITIZEN, null, request, key);
    }

    MockHttpServletRequestBuilder asOperator(MockHttpServletRequestBuilder request) {
        return as("operator-1", Role.OPERATOR, null, request, UUID.randomUUID().toString());
    }

    static String submission(String name) {
        return """
                {"caseTypeCode": "BUILDING-PERMIT",
                 "applicant": {"citizenSubject": "citizen-1", "nationalId": "A123456789", "name": "%s", "email": "lin@example.org"},
                 "documents": [{"kind": "ID_COPY", "uri": "mydoc://documents/1"}]}
                """.formatted(name);
    }

    ResultActions submit(String body, String key) throws Exception {
        return mvc.perform(asCitizen(post("/api/v1/cases"), key).content(body));
    }

    ResultActions submit(String body) throws Exception {
        return submit(body, UUID.randomUUID().toString());
    }

    ResultActions asOfficer(String path, String body) throws Exception {
        return mvc.perform(as("officer-1", Role.OFFICER, "DBU", post(path), UUID.randomUUID().toString()).content(body));
    }

    void refused(ResultActions answer, String field) throws Exception {
        answer.andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value(field))
                .andExpect(jsonPath("$.errors[0].field").value(field));
        assertThat(answer.andReturn().getResponse().getContentAsString()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void deep_nesting_is_refused_where_the_type_does_not_fit_or_at_the_depth_limit() throws Exception {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        int before = ledger.eventCount();
        // Typed records stop at the first level that does not fit; StrictJsonConfigurationTest shows the depth limit itself.
        refused(submit("{\"caseTypeCode\": \"BUILDING-PERMIT\", \"documents\": " + deep + "}"), "documents[0]");
        submit("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        submit(deep).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(ledger.eventCount()).isEqualTo(before);
    }

    @Test
    void a_number_longer_than_32_digits_is_refused() throws Exception {
        asOfficer("/api/v1/cases/some-case/extension", "{\"extraWorkingDays\": 1" + "0".repeat(1_000) + ", \"notice\": \"n\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Number value length")));
    }

    @Test
    void scalars_are_never_coerced() throws Exception {
        refused(asOfficer("/api/v1/cases/some-case/extension", "{\"extraWorkingDays\": \"12\", \"notice\": \"n\"}"), "extraWorkingDays");
        refused(asOfficer("/api/v1/cases/some-case/extension", "{\"extraWorkingDays\": 1.0, \"notice\": \"n\"}"), "extraWorkingDays");
        refused(asOfficer("/api/v1/cases/some-case/extension", "{\"extraWorkingDays\": 1.5, \"notice\": \"n\"}"), "extraWorkingDays");
        refused(asOfficer("/api/v1/cases/some-case/extension", "{\"extraWorkingDays\": true, \"notice\": \"n\"}"), "extraWorkingDays");
        refused(asOfficer("/api/v1/cases/some-case/extension", "{\"extraWorkingDays\": 3, \"notice\": 7}"), "notice");
        refused(asOfficer("/api/v1/cases/some-case/extension", "{\"extraWorkingDays\": 3, \"notice\": false}"), "notice");
        refused(asOfficer("/api/v1/cases/some-case/extension", "{\"extraWorkingDays\": 3, \"notice\": [\"n\"]}"), "notice");
        refused(asOfficer("/api/v1/cases/some-case/extension", "{\"extraWorkingDays\": 3, \"notice\": {}}"), "notice");
        refused(submit(submission("Lin Mei").replace("\"documents\": [", "\"documents\": \"x\", \"d\": [")), "documents");
        refused(mvc.perform(asOperator(post("/api/v1/reference/calendar/2030/holidays")).content("{\"date\": 20000, \"name\": \"Typhoon day\", \"reason\": \"r\"}")), "date");
        refused(mvc.perform(asOperator(post("/api/v1/reference/calendar/2030/holidays")).content("{\"date\": [2030, 1, 1], \"name\": \"Typhoon day\", \"reason\": \"r\"}")), "date");
    }

    @Test
    void duplicate_keys_and_trailing_tokens_are_refused() throws Exception {
        submit(submission("Lin Mei").replace("\"caseTypeCode\": \"BUILDING-PERMIT\",",
                "\"caseTypeCode\": \"BUILDING-PERMIT\", \"caseTypeCode\": \"OTHER\",")).andExpect(status().isBadRequest());
        submit(submission("Lin Mei") + " {}").andExpect(status().isBadRequest());
        submit(submission("Lin Mei") + " garbage").andExpect(status().isBadRequest());
    }

    @Test
    void text_with_unpaired_surrogates_noncharacters_controls_or_bidi_overrides_is_refused_naming_the_field() throws Exception {
        int before = ledger.eventCount();
        for (String bad : new String[] {"Lin \\ud800 Mei", "Lin \\udc00", "Lin \\uffff", "Lin \\ufdd0", "Lin \\u0000 Mei",
                "Lin \\u001b[31m", "Lin \\u0085", "Lin \\u202e ieM", "Lin \\u2066 Mei", "Lin\\nMei", "Lin\\tMei"}) {
            refused(submit(submission(bad)), "applicant.name");
        }
        assertThat(ledger.eventCount()).isEqualTo(before);
    }

    @Test
    void a_reason_may_hold_lines_and_tabs_and_crlf_becomes_lf() throws Exception {
        String caseId = UUID.randomUUID().toString();
        asOfficer("/api/v1/cases/" + caseId + "/approve", "{\"reason\": \"line one\\r\\nline two\\tend\"}")
                .andExpect(status().isNotFound());
        assertThat(((ApproveCase) ledger.lastCommand()).reason()).isEqualTo("line one\nline two\tend");
    }

    @Test
    void text_reaches_the_command_in_normalisation_form_c() throws Exception {
        // "e" + COMBINING ACUTE ACCENT is stored as the precomposed "é".
        submit(submission("Ren\\u0065\\u0301e Lin")).andExpect(status().isCreated());
        assertThat(((SubmitApplication) ledger.lastCommand()).applicant().name()).isEqualTo("Ren\u00e9e Lin");
    }

    @Test
    void invalid_utf8_is_refused() throws Exception {
        byte[] body = submission("Lin Mei").getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[body.length + 2];
        System.arraycopy(body, 0, broken, 0, 40);
        broken[40] = (byte) 0xC3;
        broken[41] = (byte) 0x28;
        System.arraycopy(body, 40, broken, 42, body.length - 40);
        mvc.perform(asCitizen(post("/api/v1/cases"), UUID.randomUUID().toString()).content(broken))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void codes_are_checked_by_pattern_and_every_string_is_capped() throws Exception {
        refused(submit(submission("Lin Mei").replace("BUILDING-PERMIT", "BUILDING PERMIT")), "caseTypeCode");
        refused(submit(submission("Lin Mei").replace("ID_COPY", "../../etc/passwd")), "documents[0].kind");
        refused(submit(submission("Lin Mei").replace("mydoc://documents/1", "mydoc://a b")), "documents[0].uri");
        refused(submit(submission("Lin Mei").replace("citizen-1", "c".repeat(129))), "applicant.citizenSubject");
        refused(submit(submission("x".repeat(101))), "applicant.name");
        refused(asOfficer("/api/v1/cases/some-case/transfer", "{\"toAgencyCode\": \"DBU'; DROP TABLE x;--\", \"reason\": \"r\"}"),
                "toAgencyCode");
    }

    @Test
    void personal_data_is_not_repeated_in_problems() throws Exception {
        String answer = submit(submission("Lin Mei").replace("lin@example.org", "lin@example.org\\u0000"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(answer).doesNotContain("lin@example.org").contains("applicant.email");
        answer = submit(submission("Lin Mei").replace("A123456789", "A12345678\\u0301"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(answer).doesNotContain("A12345678").contains("applicant.nationalId");
    }

    @Test
    void a_hostile_unknown_field_name_is_not_repeated() throws Exception {
        String answer = submit(submission("Lin Mei").replace("\"caseTypeCode\"", "\"<script>alert(1)</script>\": 1, \"caseTypeCode\""))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(answer).doesNotContain("<script>").contains("\"field\":\"?\"");
    }

    @Test
    void a_refusal_before_the_ledger_keeps_no_idempotency_record_so_the_key_can_carry_the_corrected_request() throws Exception {
        String key = UUID.randomUUID().toString();
        refused(submit(submission("Lin\\u0000Mei"), key), "applicant.name");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM idempotency_key WHERE idempotency_key = ?", Integer.class, key)).isZero();
        submit(submission("Lin Mei"), key).andExpect(status().isCreated());
    }

    @Test
    void path_variables_out_of_range_or_of_the_wrong_type_are_400s_naming_them() throws Exception {
        for (String year : new String[] {"1989", "2201", "99999999999", "abc", "20.5"}) {
            refused(mvc.perform(asOperator(post("/api/v1/reference/calendar/" + year + "/holidays")).content("{\"date\": \"2030-01-01\", \"name\": \"n\", \"reason\": \"r\"}")), "year");
        }
        refused(asOfficer("/api/v1/cases/" + "a".repeat(65) + "/review", ""), "caseId");
        refused(asOfficer("/api/v1/cases/-leading-dash/review", ""), "caseId");
    }
}
