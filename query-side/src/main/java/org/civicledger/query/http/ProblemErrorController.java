package org.civicledger.query.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's error dispatch ({@code /error}) with RFC 9457 problem details, in place of
 * Spring Boot's own JSON ({@code timestamp}, {@code error}, {@code path}).
 *
 * <p>Errors reach this page only when they happen outside Spring MVC, where {@link ProblemAdvice} cannot see
 * them: a request refused by Spring Security's firewall (a {@code ;} path parameter, an encoded slash), an
 * exception thrown by a filter, a {@code sendError} from the container. Nothing of the failed request is echoed
 * back but its path, and only when that path is a well-formed URI.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    private final ProblemWriter problems;

    public ProblemErrorController(ObjectMapper objectMapper) {
        this.problems = new ProblemWriter(objectMapper);
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        if (status == null || !status.isError()) {
            // Someone asked for /error directly: there is no error to describe.
            status = HttpStatus.NOT_FOUND;
        }
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        problems.write(request, response, ContainerProblems.of(status), Map.of(),
                path instanceof String original ? original : request.getRequestURI());
    }
}
