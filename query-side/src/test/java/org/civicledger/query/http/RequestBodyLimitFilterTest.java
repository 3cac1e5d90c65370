package org.civicledger.query.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.ByteArrayInputStream;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The body cap: declared lengths are refused up front, undeclared (chunked) bodies while they are read. */
class RequestBodyLimitFilterTest {

    final RequestBodyLimitFilter filter = new RequestBodyLimitFilter(1024, 4096, 4096, new ObjectMapper());

    @Test
    void a_body_within_the_limit_passes_and_can_be_read_again() throws Exception {
        MockHttpServletRequest request = post(new byte[1024]);
        AtomicReference<byte[]> seen = new AtomicReference<>();
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest passed, jakarta.servlet.ServletResponse answer) {
                try {
                    seen.set(passed.getInputStream().readAllBytes());
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(seen.get()).hasSize(1024);
    }

    @Test
    void a_declared_length_over_the_limit_is_a_413_before_anything_is_read() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(post(new byte[1025]), response, chain);
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void a_chunked_body_over_the_limit_is_counted_and_refused() throws Exception {
        HttpServletRequest chunked = new HttpServletRequestWrapper(post(new byte[5000])) {
            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public int getContentLength() {
                return -1;
            }
        };
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(chunked, response, chain);
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void reading_stops_just_past_the_limit() throws Exception {
        assertThat(RequestBodyLimitFilter.readAtMost(new ByteArrayInputStream(new byte[10]), 10)).hasSize(10);
        assertThat(RequestBodyLimitFilter.readAtMost(new ByteArrayInputStream(new byte[11]), 10)).isNull();
    }

    private static MockHttpServletRequest post(byte[] body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/cases");
        request.setContentType("application/json");
        request.setContent(body);
        return request;
    }
}
