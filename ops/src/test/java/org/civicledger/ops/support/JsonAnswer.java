package org.civicledger.ops.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;

/** An HTTP answer of the API as the API tests read it: status, parsed JSON body, and the raw response. */
public record JsonAnswer(int status, JsonNode body, HttpResponse<String> response) {

    /** A top-level field as text; null when absent or JSON null. */
    public String text(String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    /** Whether the idempotency filter answered with the first answer to the same key. */
    public boolean replayed() {
        return "true".equals(response.headers().firstValue("Idempotent-Replayed").orElse(null));
    }
}
