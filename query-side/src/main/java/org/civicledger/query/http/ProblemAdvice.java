package org.civicledger.query.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.civicledger.events.common.RuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure of an HTTP API request into an RFC 9457 problem ({@code application/problem+json}).
 *
 * <p>Status codes say who has to act:
 * <ul>
 *   <li>400: the request is syntactically wrong and never reached the ledger: malformed or oversized
 *       JSON, an unknown field, a wrong type, a field that fails validation (a national ID whose check
 *       digit does not match), a missing or bad header;</li>
 *   <li>422: the request was well-formed but the ledger refused it under a named rule with kind
 *       {@link RuleViolation.Kind#INVALID} (a case type that is not offered, required documents missing);</li>
 *   <li>403, 409, 404: the ledger refused it as forbidden, as conflicting with the target's state, or
 *       because the target is unknown; 409 also for a concurrent writer (retry) or a duplicate creation;</li>
 *   <li>500 and 503: the ledger failed; the cause is logged, never sent.</li>
 * </ul>
 * Problems name the offending field as a JSON path in {@code field} (and in {@code errors} when there
 * are several), the broken rule in {@code rule}. They never carry stack traces or submitted values:
 * values may be personal data.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemAdvice.class);
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    @ExceptionHandler(RuleViolation.class)
    public ResponseEntity<ProblemDetail> ruleViolation(RuleViolation violation) {
        HttpStatus status;
        URI type = ProblemTypes.RULE_VIOLATION;
        String title;
        switch (violation.kind()) {
            case FORBIDDEN -> {
                status = HttpStatus.FORBIDDEN;
                title = "Not allowed";
            }
            case CONFLICT -> {
                status = HttpStatus.CONFLICT;
                title = "Conflicts with the current state";
            }
            case NOT_FOUND -> {
                status = HttpStatus.NOT_FOUND;
                title = "Not found";
            }
            default -> {
                status = HttpStatus.UNPROCESSABLE_ENTITY;
                title = "Refused by a rule";
            }
        }
        ProblemDetail problem = ProblemWriter.problem(status, type, title, violation.getMessage(), violation.field());
        problem.setProperty("rule", violation.rule());
        return answer(problem);
    }

    @ExceptionHandler(InvalidRequestException.class)
    public ResponseEntity<ProblemDetail> invalidRequest(InvalidRequestException invalid, HttpServletRequest request) {
        request.setAttribute(ApiRequests.REFUSED_BEFORE_LEDGER_ATTRIBUTE, Boolean.TRUE);
        ProblemDetail problem = invalidProblem(invalid.getMessage(), List.of(new FieldProblem(invalid.field(), invalid.getMessage())));
        return answer(problem);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    public ResponseEntity<ProblemDetail> aggregateNotFound(AggregateNotFoundException notFound) {
        return answer(ProblemWriter.problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found",
                "no such target: " + notFound.getAggregateIdentifier(), null));
    }

    @ExceptionHandler(ConcurrencyException.class)
    public ResponseEntity<ProblemDetail> concurrency(ConcurrencyException conflict, HttpServletRequest request) {
        request.setAttribute(ApiRequests.RETRYABLE_FAILURE_ATTRIBUTE, Boolean.TRUE);
        return answer(ProblemWriter.problem(HttpStatus.CONFLICT, ProblemTypes.CONCURRENT_MODIFICATION, "Changed concurrently",
                "another request changed the same target at the same moment; retry with the same Idempotency-Key", null));
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    public ResponseEntity<ProblemDetail> alreadyExists(AggregateStreamCreationException duplicate) {
        return answer(ProblemWriter.problem(HttpStatus.CONFLICT, ProblemTypes.ALREADY_EXISTS, "Already exists",
                "the target of this command exists already", null));
    }

    /** Axon wraps what it cannot pass on as is (a checked exception, a timeout, a remote failure). */
    @ExceptionHandler(CommandExecutionException.class)
    public ResponseEntity<ProblemDetail> commandExecution(CommandExecutionException failure, HttpServletRequest request) {
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof RuleViolation violation) {
                return ruleViolation(violation);
            }
            if (cause instanceof AggregateNotFoundException notFound) {
                return aggregateNotFound(notFound);
            }
            if (cause instanceof ConcurrencyException conflict) {
                return concurrency(conflict, request);
            }
            if (cause instanceof AggregateStreamCreationException duplicate) {
                return alreadyExists(duplicate);
            }
            if (cause instanceof TimeoutException) {
                request.setAttribute(ApiRequests.RETRYABLE_FAILURE_ATTRIBUTE, Boolean.TRUE);
                return answer(ProblemWriter.problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.COMMAND_TIMEOUT,
                        "Command did not complete in time",
                        "the ledger did not answer in time; the command may still complete. Retry with the same Idempotency-Key",
                        null));
            }
        }
        return unexpected(failure, request);
    }

    /**
     * The database could not be reached, or a node could not confirm which read-model slot to read (it refuses rather
     * than read one a rebuild may have retired): a 503 the client may retry, with the cause logged.
     */
    @ExceptionHandler(DataAccessResourceFailureException.class)
    public ResponseEntity<ProblemDetail> unavailable(DataAccessResourceFailureException failure, HttpServletRequest request) {
        LOG.warn("Database unavailable, answered 503: {}", failure.toString());
        request.setAttribute(ApiRequests.RETRYABLE_FAILURE_ATTRIBUTE, Boolean.TRUE);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, "2").body(ProblemWriter.problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UNAVAILABLE,
                        "Temporarily unavailable", "the ledger could not reach its database just now; nothing was done. Retry shortly", null));
    }

    /** Thrown by value objects' constructors; controllers name the field themselves, this is the fallback. */
    @ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<ProblemDetail> illegalArgument(IllegalArgumentException invalid, HttpServletRequest request) {
        request.setAttribute(ApiRequests.REFUSED_BEFORE_LEDGER_ATTRIBUTE, Boolean.TRUE);
        LOG.debug("Request refused with an unnamed invalid value", invalid);
        return answer(invalidProblem("a value in the request is not valid", List.of()));
    }

    /**
     * A unique-key violation (SQLSTATE 23505) from the event store that Axon did not translate, as it
     * does not when its persistence exception resolver does not recognise the database's error code:
     * the command tried to create an aggregate that exists, or to append where a concurrent writer did.
     * Either way the ledger is fine and nothing was stored; the client is told 409, not that we failed.
     */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception failure, HttpServletRequest request) {
        if (isUniqueViolation(failure)) {
            LOG.warn("Unique key violation from the store, answered as a conflict: {}", failure.toString());
            if (String.valueOf(failure.getMessage()).contains("to create aggregate")) {
                return alreadyExists(null);
            }
            request.setAttribute(ApiRequests.RETRYABLE_FAILURE_ATTRIBUTE, Boolean.TRUE);
            return answer(ProblemWriter.problem(HttpStatus.CONFLICT, ProblemTypes.CONCURRENT_MODIFICATION, "Changed concurrently",
                    "another request changed the same target at the same moment; retry with the same Idempotency-Key", null));
        }
        return unexpected(failure);
    }

    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    public ResponseEntity<ProblemDetail> unexpected(Exception failure) {
        LOG.error("Request failed", failure);
        return answer(ProblemWriter.problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL_ERROR, "Internal error",
                "the ledger failed to handle the request; it has been logged", null));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException invalid, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        refusedBeforeLedger(request);
        List<FieldProblem> errors = new ArrayList<>();
        for (FieldError error : invalid.getBindingResult().getFieldErrors()) {
            errors.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
        }
        for (ObjectError error : invalid.getBindingResult().getGlobalErrors()) {
            errors.add(new FieldProblem(null, error.getDefaultMessage()));
        }
        return untyped(invalidProblem("the request has invalid fields", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException invalid,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        refusedBeforeLedger(request);
        List<FieldProblem> errors = new ArrayList<>();
        invalid.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(error -> errors.add(new FieldProblem(name, error.getDefaultMessage())));
        });
        return untyped(invalidProblem("the request has invalid parameters", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException unreadable, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        refusedBeforeLedger(request);
        Throwable cause = unreadable.getCause();
        String detail;
        String field = null;
        if (cause instanceof UnrecognizedPropertyException unknown) {
            field = jsonPath(unknown);
            detail = (field == null ? "a field" : field) + " is not a field of this request";
        } else if (cause instanceof InvalidTextException invalid) {
            field = jsonPath(invalid);
            detail = (field == null ? "a value" : field) + " " + invalid.getOriginalMessage();
        } else if (cause instanceof JsonMappingException mapping && mapping.getCause() instanceof StreamConstraintsException limit) {
            field = jsonPath(mapping);
            detail = limitDetail(limit);
        } else if (cause instanceof JsonMappingException mapping && mapping.getCause() instanceof JsonParseException) {
            field = jsonPath(mapping);
            detail = "the body is not well-formed JSON" + (field == null ? "" : " (at " + field + ")");
        } else if (cause instanceof JsonMappingException mapping) {
            field = jsonPath(mapping);
            detail = field == null ? "the body does not have the expected structure"
                    : "the value of " + field + " has the wrong type or format";
        } else if (cause instanceof StreamConstraintsException limit) {
            detail = limitDetail(limit);
        } else if (cause instanceof JsonParseException parse) {
            detail = "the body is not well-formed JSON" + (parse.getLocation() == null ? ""
                    : " (line " + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr() + ")");
        } else if (cause instanceof JsonProcessingException) {
            detail = "the body is not well-formed JSON";
        } else if (cause instanceof IOException) {
            detail = "the body is not readable JSON text (UTF-8 expected)";
        } else {
            detail = "a JSON body is required";
        }
        ProblemDetail problem = ProblemWriter.problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, "Malformed request",
                detail, field);
        if (field != null) {
            problem.setProperty("errors", List.of(errorEntry(field, detail)));
        }
        return untyped(problem);
    }

    /** Jackson's limit messages hold lengths and limits, never values; the name of Jackson's getter is left out. */
    private static String limitDetail(StreamConstraintsException limit) {
        String message = limit.getOriginalMessage() == null ? "" : limit.getOriginalMessage();
        return "the body exceeds a limit: " + message.replaceAll(", from `[^`]*`", "").replaceAll("\\s+", " ");
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException mismatch, HttpHeaders headers, HttpStatusCode status,
                                                        WebRequest request) {
        refusedBeforeLedger(request);
        String name = mismatch instanceof MethodArgumentTypeMismatchException argument ? argument.getName() : mismatch.getPropertyName();
        // Spring's own detail repeats the rejected value; it may be personal data, so it is left out.
        return untyped(invalidProblem(name + " has the wrong type or format", List.of(new FieldProblem(name, "wrong type or format"))));
    }

    /** Method validation of {@code @Validated} controllers in the older (AOP) style. */
    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException invalid, HttpServletRequest request) {
        request.setAttribute(ApiRequests.REFUSED_BEFORE_LEDGER_ATTRIBUTE, Boolean.TRUE);
        List<FieldProblem> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : invalid.getConstraintViolations()) {
            String name = null;
            for (Path.Node node : violation.getPropertyPath()) {
                name = node.getName();
            }
            errors.add(new FieldProblem(name, violation.getMessage()));
        }
        return answer(invalidProblem("the request has invalid parameters", errors));
    }

    /**
     * Every other refusal Spring MVC makes itself (405, 415, a missing parameter or header) and every
     * {@code ResponseStatusException}: the same problem shape — a problem Spring typed {@code about:blank} gets the
     * API's type and title for its status ({@link ContainerProblems}), keeping its detail — and the idempotency
     * key is not held for a request that never reached the ledger.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception failure, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (statusCode.is4xxClientError()) {
            refusedBeforeLedger(request);
        }
        ResponseEntity<Object> answer = super.handleExceptionInternal(failure, body, headers, statusCode, request);
        if (answer != null && answer.getBody() instanceof ProblemDetail problem) {
            HttpStatus status = HttpStatus.resolve(answer.getStatusCode().value());
            if ((problem.getType() == null || "about:blank".equals(problem.getType().toString())) && status != null && status.isError()) {
                ProblemDetail standard = ContainerProblems.of(status);
                problem.setType(standard.getType());
                problem.setTitle(standard.getTitle());
                if (problem.getDetail() == null) {
                    problem.setDetail(standard.getDetail());
                }
            }
            if (failure instanceof MissingServletRequestParameterException missing) {
                problem.setProperty("field", missing.getParameterName());
            } else if (failure instanceof MissingRequestHeaderException missing) {
                problem.setProperty("field", missing.getHeaderName());
            }
            HttpHeaders problemHeaders = new HttpHeaders();
            problemHeaders.addAll(answer.getHeaders());
            problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            return new ResponseEntity<>(problem, problemHeaders, answer.getStatusCode());
        }
        return answer;
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException notFound, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        refusedBeforeLedger(request);
        return untyped(ProblemWriter.problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", "no such resource", null));
    }

    private static ProblemDetail invalidProblem(String detail, List<FieldProblem> errors) {
        List<FieldProblem> sorted = errors.stream()
                .sorted(Comparator.comparing(FieldProblem::field, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        String field = sorted.isEmpty() ? null : sorted.get(0).field();
        String shown = sorted.size() == 1 && sorted.get(0).message() != null
                ? (field == null ? "" : field + ": ") + sorted.get(0).message() : detail;
        ProblemDetail problem = ProblemWriter.problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request", shown,
                field);
        if (!sorted.isEmpty()) {
            List<Map<String, String>> list = new ArrayList<>();
            for (FieldProblem error : sorted) {
                list.add(errorEntry(error.field(), error.message()));
            }
            problem.setProperty("errors", list);
        }
        return problem;
    }

    private static Map<String, String> errorEntry(String field, String message) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("field", field);
        entry.put("message", message);
        return entry;
    }

    private static void refusedBeforeLedger(WebRequest request) {
        request.setAttribute(ApiRequests.REFUSED_BEFORE_LEDGER_ATTRIBUTE, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
    }

    /**
     * The JSON path Jackson was at when it failed, such as {@code applicant.nationalId} or {@code documents[0].kind}.
     * A name that is not an identifier (an unknown field named by a hostile client) is shown as {@code ?}:
     * problems repeat nothing a client made up.
     */
    static String jsonPath(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(FIELD_NAME.matcher(reference.getFieldName()).matches() ? reference.getFieldName() : "?");
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<Object> untyped(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private record FieldProblem(String field, String message) {
    }
}
