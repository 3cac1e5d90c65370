package org.civicledger.ops.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.civicledger.ops.LedgerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests refused below Spring MVC — by Tomcat itself or by Spring Security's firewall — are answered with
 * RFC 9457 problem details like every other error, never with Tomcat's HTML page or Spring Boot's own JSON.
 * Sent over a raw socket, because HTTP clients refuse to send most of these requests.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:container-errors;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "ledger.notices.dispatch.enabled=false"
})
class ContainerErrorsOnH2Test {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // Tomcat refuses these while parsing, before any filter runs.
            "NUL in the path             | GET /api/v1/integrity/checkpoints/%00 HTTP/1.1       | 400 | urn:civic-ledger:problem:invalid-request",
            "encoded slash in the path   | GET /api/v1/integrity/checkpoints/a%2Fb HTTP/1.1     | 400 | urn:civic-ledger:problem:invalid-request",
            // Spring Security's firewall refuses these and forwards to the error page.
            "path parameter              | GET /api/v1/integrity/public-key;jsessionid=1 HTTP/1.1 | 400 | urn:civic-ledger:problem:invalid-request",
            "double slash                | GET /api/v1//integrity/public-key HTTP/1.1           | 400 | urn:civic-ledger:problem:invalid-request",
    })
    void refusedRequestsAnswerProblemDetails(String what, String requestLine, int status, String type) throws IOException {
        Answer answer = send(requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).as(what).isEqualTo(status);
        assertThat(answer.header("content-type")).as(what).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("type").asText()).isEqualTo(type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(answer.body()).doesNotContain("<html", "Tomcat", "timestamp", "jsessionid");
    }

    static Stream<Arguments> malformedRequests() {
        String end = "\r\nConnection: close\r\n\r\n";
        return Stream.of(
                Arguments.of("headers over the 16 KiB limit",
                        "GET /api/v1/integrity/public-key HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000) + end),
                Arguments.of("a request line with a fourth part", "GET /api/v1/integrity/public-key HTTP/1.1 extra\r\nHost: localhost" + end),
                Arguments.of("a header name with a space", "GET /api/v1/integrity/public-key HTTP/1.1\r\nHost: localhost\r\nBad Header: x" + end));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void malformedRequestsAnswerProblemDetails(String what, String request) throws IOException {
        Answer answer = send(request);

        assertThat(answer.status()).as(what).isEqualTo(400);
        assertThat(answer.header("content-type")).as(what).startsWith("application/problem+json");
        assertThat(JSON.readTree(answer.body()).path("type").asText()).isEqualTo("urn:civic-ledger:problem:invalid-request");
        assertThat(answer.body()).doesNotContain("<html", "Tomcat", "aaaa");
    }

    @Test
    void aStatusRaisedByAControllerHasTheApisTypeAndKeepsItsDetail() throws IOException {
        Answer answer = send("GET /api/v1/integrity/checkpoints/987654321 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.header("content-type")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:civic-ledger:problem:not-found");
        assertThat(problem.path("title").asText()).isEqualTo("Not found");
        assertThat(problem.path("detail").asText()).contains("987654321");
    }

    @Test
    void theErrorPageAskedForDirectlyIsNotFound() throws IOException {
        Answer answer = send("GET /error HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.header("content-type")).startsWith("application/problem+json");
        assertThat(JSON.readTree(answer.body()).path("type").asText()).isEqualTo("urn:civic-ledger:problem:not-found");
    }

    private Answer send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return new Answer(all.toString(StandardCharsets.UTF_8));
        }
    }

    private record Answer(String raw) {

        int status() {
            return Integer.parseInt(raw.substring(9, 12));
        }

        String header(String name) {
            for (String line : head().split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return "";
        }

        String head() {
            int end = raw.indexOf("\r\n\r\n");
            return end < 0 ? raw : raw.substring(0, end);
        }

        String body() {
            int end = raw.indexOf("\r\n\r\n");
            String body = end < 0 ? "" : raw.substring(end + 4);
            // Chunked answers: keep the JSON between the first '{' and the last '}'.
            int open = body.indexOf('{');
            int close = body.lastIndexOf('}');
            return open >= 0 && close > open ? body.substring(open, close + 1) : body;
        }
    }
}
