package org.civicledger.command.notices;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends SMS notices through an HTTP gateway: a POST of {@code {"to", "text", "reference"}} as JSON
 * to {@code ledger.notices.sms.url}, with an optional bearer token. Any answer but 2xx is a failure
 * (redirects are not followed). {@code reference} is the notice id, stable across retries, so the
 * gateway can drop a duplicate.
 */
public class HttpSmsGateway implements NoticeSender {

    private final HttpClient client;
    private final URI url;
    private final String bearerToken;
    private final Duration requestTimeout;
    private final ObjectMapper json = new ObjectMapper();

    public HttpSmsGateway(URI url, String bearerToken, Duration connectTimeout, Duration requestTimeout) {
        if (url == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException("ledger.notices.sms.url must be an http or https URL");
        }
        this.url = url;
        this.bearerToken = bearerToken == null || bearerToken.isBlank() ? null : bearerToken;
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public NoticeChannel channel() {
        return NoticeChannel.SMS;
    }

    @Override
    public void send(OutboxNotice notice) throws NoticeSendException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body(notice), StandardCharsets.UTF_8));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        HttpResponse<Void> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new NoticeSendException("SMS gateway unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoticeSendException("SMS send interrupted", e);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new NoticeSendException("SMS gateway answered HTTP " + status);
        }
    }

    private String body(OutboxNotice notice) throws NoticeSendException {
        Map<String, String> message = new LinkedHashMap<>();
        message.put("to", notice.recipient());
        message.put("text", notice.body());
        message.put("reference", notice.noticeId());
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new NoticeSendException("SMS body could not be written as JSON", e);
        }
    }
}
