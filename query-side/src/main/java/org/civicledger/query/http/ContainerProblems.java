package org.civicledger.query.http;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The problem details for an error status that the container or the security filters decided, with no more to
 * say than the status itself: the error page and Tomcat's error report use these, so a client sees one shape
 * of error whatever layer refused its request. {@link ProblemAdvice} also takes the type and title from here for
 * a {@code ResponseStatusException} that named only a status (and keeps its detail).
 */
final class ContainerProblems {

    private ContainerProblems() {
    }

    static ProblemDetail of(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> ProblemWriter.problem(status, ProblemTypes.INVALID_REQUEST, "Invalid request",
                    "the request line, a header or the path is not acceptable (for example an encoded slash, a NUL or a ';' "
                            + "path parameter)", null);
            case NOT_FOUND -> ProblemWriter.problem(status, ProblemTypes.NOT_FOUND, "Not found", "no such resource", null);
            case FORBIDDEN -> ProblemWriter.problem(status, org.civicledger.query.security.SecurityProblems.FORBIDDEN, "Forbidden",
                    "this role may not do this", null);
            case CONFLICT -> ProblemWriter.problem(status, ProblemTypes.CONCURRENT_MODIFICATION, "Conflict",
                    "the target changed or is busy; retrying is safe", null);
            case PAYLOAD_TOO_LARGE -> ProblemWriter.problem(status, ProblemTypes.PAYLOAD_TOO_LARGE, "Payload too large",
                    "the request body is larger than this endpoint takes", null);
            case REQUEST_HEADER_FIELDS_TOO_LARGE, URI_TOO_LONG -> ProblemWriter.problem(status, ProblemTypes.INVALID_REQUEST,
                    "Invalid request", "the request line or headers are larger than the server takes", null);
            default -> status.is5xxServerError()
                    ? ProblemWriter.problem(status, ProblemTypes.INTERNAL_ERROR, "Internal error",
                            "the ledger could not answer this request; nothing was acknowledged", null)
                    : ProblemWriter.problem(status, ProblemTypes.INVALID_REQUEST, status.getReasonPhrase(),
                            "the request was refused: " + status.getReasonPhrase(), null);
        };
    }
}
