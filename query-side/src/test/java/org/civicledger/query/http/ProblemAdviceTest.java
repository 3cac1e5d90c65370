package org.civicledger.query.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.civicledger.events.common.RuleViolation;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/** How each failure maps onto a problem: status, type, rule and field. */
class ProblemAdviceTest {

    final ProblemAdvice advice = new ProblemAdvice();
    final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/cases");

    @Test
    void each_kind_of_rule_violation_has_its_status_and_carries_rule_and_field() {
        assertThat(advice.ruleViolation(RuleViolation.invalid("CaseTypeIsKnown", "caseTypeCode", "not offered")))
                .satisfies(answer -> expect(answer, HttpStatus.UNPROCESSABLE_ENTITY, "caseTypeCode", "CaseTypeIsKnown"));
        assertThat(advice.ruleViolation(RuleViolation.forbidden("OwningAgencyDecides", "no")))
                .satisfies(answer -> expect(answer, HttpStatus.FORBIDDEN, null, "OwningAgencyDecides"));
        assertThat(advice.ruleViolation(RuleViolation.conflict("LifecycleOrder", "no")))
                .satisfies(answer -> expect(answer, HttpStatus.CONFLICT, null, "LifecycleOrder"));
        assertThat(advice.ruleViolation(RuleViolation.notFound("CaseIsKnown", "caseId", "no")))
                .satisfies(answer -> expect(answer, HttpStatus.NOT_FOUND, "caseId", "CaseIsKnown"));
    }

    @Test
    void a_rule_violation_wrapped_by_axon_is_unwrapped() {
        CommandExecutionException wrapped = new CommandExecutionException("failed", RuleViolation.conflict("LifecycleOrder", "no"));
        expect(advice.commandExecution(wrapped, request), HttpStatus.CONFLICT, null, "LifecycleOrder");
    }

    @Test
    void a_concurrent_writer_is_a_409_marked_retryable() {
        ResponseEntity<ProblemDetail> answer = advice.concurrency(new ConcurrencyException("raced"), request);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(answer.getBody().getType()).isEqualTo(ProblemTypes.CONCURRENT_MODIFICATION);
        assertThat(request.getAttribute(ApiRequests.RETRYABLE_FAILURE_ATTRIBUTE)).isEqualTo(Boolean.TRUE);
    }

    @Test
    void an_unreachable_database_is_a_503_to_retry_later() {
        ResponseEntity<ProblemDetail> answer = advice.unavailable(
                new org.springframework.jdbc.CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"), request);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getBody().getType()).isEqualTo(ProblemTypes.UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("2");
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody().getDetail()).doesNotContain("JDBC");
        assertThat(request.getAttribute(ApiRequests.RETRYABLE_FAILURE_ATTRIBUTE)).isEqualTo(Boolean.TRUE);
    }

    @Test
    void a_duplicate_creation_is_a_409_not_retryable() {
        ResponseEntity<ProblemDetail> answer = advice.alreadyExists(new AggregateStreamCreationException("exists"));
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(answer.getBody().getType()).isEqualTo(ProblemTypes.ALREADY_EXISTS);
    }

    @Test
    void an_unknown_aggregate_is_a_404() {
        assertThat(advice.aggregateNotFound(new AggregateNotFoundException("c-1", "none")).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void a_timeout_is_a_503_marked_retryable() {
        ResponseEntity<ProblemDetail> answer = advice.commandExecution(
                new CommandExecutionException("timed out", new TimeoutException()), request);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(request.getAttribute(ApiRequests.RETRYABLE_FAILURE_ATTRIBUTE)).isEqualTo(Boolean.TRUE);
    }

    @Test
    void an_unexpected_failure_is_a_500_that_says_nothing_of_its_cause() {
        ResponseEntity<ProblemDetail> answer = advice.unexpected(new IllegalStateException("password=hunter2"));
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(answer.getBody().getDetail()).doesNotContain("hunter2");
        assertThat(answer.getBody().getProperties()).isNull();
    }

    @Test
    void an_invalid_request_names_its_field() {
        ResponseEntity<ProblemDetail> answer = advice.invalidRequest(new InvalidRequestException("X-Actor-Role", "bad role"), request);
        expect(answer, HttpStatus.BAD_REQUEST, "X-Actor-Role", null);
        assertThat(request.getAttribute(ApiRequests.REFUSED_BEFORE_LEDGER_ATTRIBUTE)).isEqualTo(Boolean.TRUE);
        assertThat((List<?>) answer.getBody().getProperties().get("errors")).hasSize(1);
    }

    @Test
    void jackson_paths_become_json_paths() {
        record Document(String kind) {
        }
        record Body(List<Document> documents) {
        }
        JsonMappingException failure = null;
        try {
            new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue("{\"documents\": [{\"kind\": \"a\"}, {\"kind\": \"b\", \"size\": 1}]}", Body.class);
        } catch (JsonMappingException expected) {
            failure = expected;
        } catch (Exception other) {
            throw new AssertionError(other);
        }
        assertThat(ProblemAdvice.jsonPath(failure)).isEqualTo("documents[1].size");
    }

    private static void expect(ResponseEntity<ProblemDetail> answer, HttpStatus status, String field, String rule) {
        assertThat(answer.getStatusCode()).isEqualTo(status);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        Map<String, Object> properties = answer.getBody().getProperties() == null ? Map.of() : answer.getBody().getProperties();
        assertThat(properties.get("field")).isEqualTo(field);
        assertThat(properties.get("rule")).isEqualTo(rule);
    }
}
