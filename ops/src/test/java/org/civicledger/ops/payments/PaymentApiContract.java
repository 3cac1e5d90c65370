package org.civicledger.ops.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.civicledger.events.common.Actor;
import org.civicledger.events.reference.FeeKind;
import org.civicledger.events.reference.PaymentReferenceCommands.RegisterFeeClass;
import org.civicledger.events.reference.PaymentReferenceCommands.RegisterPaymentProvider;
import org.civicledger.events.reference.ProviderKind;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.civicledger.ops.support.TestTokens;
import org.civicledger.query.security.DevelopmentIssuer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.civicledger.ops.support.JsonAnswer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bills and payments through the HTTP API of the whole ledger, the provider's part played by a real HTTP
 * client that signs its callbacks with {@link Mac} as a provider would: an officer bills a citizen, the
 * citizen pays through the provider, the signed callback completes the payment, the settlement marks the
 * bill paid, an officer refunds part of it, and the payer sees it all in their history while another
 * citizen sees none of it. Forged, unsigned and stale callbacks are refused and counted; a callback about
 * a payment the ledger does not hold is kept for auditors. Run on H2 and PostgreSQL by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PaymentApiContract {

    /** The provider's secret, configured by reference in the subclasses' properties (base64 of these 32 bytes). */
    static final byte[] SECRET = "payapi-test-secret-32-bytes-long".getBytes(StandardCharsets.US_ASCII);
    static final String SECRET_BASE64 = "cGF5YXBpLXRlc3Qtc2VjcmV0LTMyLWJ5dGVzLWxvbmc=";
    static final String SECRET_REF = "provider-secret/PAYAPI-BANK/2026";
    static final String PROVIDER = "PAYAPI-BANK";
    static final String AGENCY = "PAYAPI-TAX";
    static final String OTHER_AGENCY = "PAYAPI-PARKS";
    static final String FEE_CLASS = "PAYAPI-PERMIT-FEE";
    static final String REVENUE = "revenue:" + AGENCY + ":" + FEE_CLASS;
    static final String PAYER = "citizen-payapi-a";
    static final String OTHER_CITIZEN = "citizen-payapi-b";
    static final String OFFICER = "officer-payapi";
    static final Duration SETTLED_WITHIN = Duration.ofSeconds(30);
    /** The business day of the test clock ({@link org.civicledger.ops.support.TestClockConfiguration#START}), when payments are booked. */
    static final java.time.LocalDate PAYMENT_DAY = java.time.LocalDate.parse(
            org.civicledger.ops.support.TestClockConfiguration.START.substring(0, 10));

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DevelopmentIssuer issuer;
    @Autowired
    CommandGateway commands;
    @Autowired
    MeterRegistry meters;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final ObjectMapper json = new ObjectMapper();


    @BeforeAll
    void referenceData() {
        Actor loader = Actor.system("test-loader");
        commands.sendAndWait(new RegisterAgency(AGENCY, "Tax Office", "payapi-ra-1", loader));
        commands.sendAndWait(new RegisterAgency(OTHER_AGENCY, "Parks Office", "payapi-ra-2", loader));
        commands.sendAndWait(new RegisterFeeClass(FEE_CLASS, "Permit fee", FeeKind.GOVERNMENT_FEE, AGENCY, null, REVENUE, "payapi-rf", loader));
        commands.sendAndWait(new RegisterPaymentProvider(PROVIDER, "Test Bank", ProviderKind.BANK, List.of("atm", "web"), SECRET_REF,
                "payapi-rp", loader));
    }

    // ---- the caller's side ----

    String token(String subject) {
        TestTokens tokens = TestTokens.of(issuer);
        return switch (subject) {
            case OFFICER -> tokens.officer(OFFICER, AGENCY);
            case "officer-other" -> tokens.officer("officer-other", OTHER_AGENCY);
            case "auditor" -> tokens.auditor();
            case "operator" -> tokens.operator();
            default -> tokens.citizen(subject);
        };
    }

    JsonAnswer post(String as, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", token(as)).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString()).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return send(request);
    }

    JsonAnswer get(String as, String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("Authorization", token(as)).GET().build());
    }

    JsonAnswer send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
        return new JsonAnswer(response.statusCode(), body, response);
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    // ---- the provider's side: what a provider's own code does, with the JDK only ----

    static String hmacHex(byte[] secret, String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    static String callback(String eventId, String paymentId, String status, String amount) {
        return """
                {"providerEventId": "%s", "paymentId": "%s", "status": "%s", %s"occurredAt": "%s"}"""
                .formatted(eventId, paymentId, status, amount == null ? "" : "\"amount\": \"" + amount + "\", \"currency\": \"TWD\", ",
                        Instant.now());
    }

    JsonAnswer callbackSigned(String provider, String body, byte[] secret, Instant at) throws Exception {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(at.getEpochSecond());
        return callbackWith(provider, raw, timestamp, "v1=" + hmacHex(secret, timestamp, raw));
    }

    JsonAnswer callbackWith(String provider, byte[] raw, String timestamp, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/providers/" + provider + "/callbacks"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json");
        if (timestamp != null) {
            request.header("X-Ledger-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("X-Ledger-Signature", signature);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build());
    }

    // ---- the flow ----

    String issueBill(long dollars, String reference) throws Exception {
        JsonAnswer issued = post(OFFICER, "/api/v1/bills", """
                {"feeClassCode": "%s", "payer": {"citizenSubject": "%s", "nationalId": "A123456789", "name": "Lin Mei"},
                 "amount": {"amountMinor": %d, "currency": "TWD"}, "dueOn": "2027-01-31",
                 "reference": {"kind": "FINE_TICKET", "id": "%s"}}""".formatted(FEE_CLASS, PAYER, dollars, reference));
        assertThat(issued.status()).as(issued.response().body()).isEqualTo(201);
        assertThat(issued.text("status")).isEqualTo("OPEN");
        return issued.text("billId");
    }

    String initiate(String... billIds) throws Exception {
        JsonAnswer initiated = post(PAYER, "/api/v1/payments", """
                {"billIds": %s, "providerCode": "%s", "channel": "atm"}""".formatted(json.writeValueAsString(List.of(billIds)), PROVIDER));
        assertThat(initiated.status()).as(initiated.response().body()).isEqualTo(201);
        assertThat(initiated.text("status")).isEqualTo("INITIATED");
        return initiated.text("paymentId");
    }

    /**
     * The events of one payment's stream. Not the whole store: the settlement processor appends events of its own
     * (a bill marked paid) at moments a test does not control.
     */
    int eventCount(String paymentId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier = ?", Integer.class,
                paymentId);
        return count == null ? 0 : count;
    }

    double rejected(String provider, String reason) {
        Counter counter = meters.find("ledger.payments.callbacks.rejected").tag("provider", provider).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void a_payer_pays_a_bill_through_a_provider_gets_a_refund_and_sees_it_all_in_their_history() throws Exception {
        String billId = issueBill(700, "T-FLOW-1");
        String paymentId = initiate(billId);

        JsonAnswer authorized = callbackSigned(PROVIDER, callback("evt-flow-1", paymentId, "authorized", null), SECRET, Instant.now());
        assertThat(authorized.status()).as(authorized.response().body()).isEqualTo(200);
        assertThat(authorized.text("status")).isEqualTo("AUTHORIZED");
        String success = callback("evt-flow-2", paymentId, "succeeded", "700.00");
        JsonAnswer succeeded = callbackSigned(PROVIDER, success, SECRET, Instant.now());
        assertThat(succeeded.status()).as(succeeded.response().body()).isEqualTo(200);
        assertThat(succeeded.text("status")).isEqualTo("SUCCEEDED");
        // The provider retries the same event (and a late authorization arrives): nothing changes, nothing is booked twice.
        int events = eventCount(paymentId);
        JsonAnswer retried = callbackSigned(PROVIDER, success, SECRET, Instant.now());
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().get("duplicate").asBoolean()).isTrue();
        assertThat(eventCount(paymentId)).isEqualTo(events);

        await().atMost(SETTLED_WITHIN).until(() -> "PAID".equals(billStatus(billId)));

        JsonAnswer refunded = post(OFFICER, "/api/v1/payments/" + paymentId + "/refunds", """
                {"amount": {"amountMinor": 200, "currency": "TWD"}, "reason": "fee reduced on appeal"}""");
        assertThat(refunded.status()).as(refunded.response().body()).isEqualTo(200);
        assertThat(refunded.body().get("refundable").get("amountMinor").asLong()).isEqualTo(500);
        JsonAnswer tooMuch = post(OFFICER, "/api/v1/payments/" + paymentId + "/refunds", """
                {"amount": {"amountMinor": 501, "currency": "TWD"}, "reason": "more than is left"}""");
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.text("rule")).isEqualTo("RefundWithinPaid");

        await().atMost(SETTLED_WITHIN).until(() -> get(PAYER, "/api/v1/payments/" + paymentId).body().path("refunded")
                .path("amountMinor").asLong() == 200);
        JsonAnswer shown = get(PAYER, "/api/v1/payments/" + paymentId);
        assertThat(shown.text("status")).isEqualTo("SUCCEEDED");
        assertThat(shown.body().get("received").get("amountMinor").asLong()).isEqualTo(700);
        JsonAnswer history = get(PAYER, "/api/v1/citizens/" + PAYER + "/payments");
        assertThat(history.body().path("items").findValuesAsText("paymentId")).contains(paymentId);

        // The journal read model: zero city-wide and for the agency, the refund owed by the agency, nothing before the payment day.
        String asOfPaymentDay = "/api/v1/journal/trial-balance?asOf=" + PAYMENT_DAY;
        await().atMost(SETTLED_WITHIN).until(() -> balanceOf(get("auditor", asOfPaymentDay).body(), "refunds-payable:" + AGENCY) == -200);
        JsonNode cityWide = get("auditor", asOfPaymentDay).body();
        assertThat(cityWide.get("zero").asBoolean()).isTrue();
        assertThat(cityWide.get("totals").findValuesAsText("totalMinor")).containsOnly("0");
        assertThat(balanceOf(cityWide, REVENUE)).isEqualTo(-500);
        assertThat(balanceOf(cityWide, "provider-clearing:" + PROVIDER)).isEqualTo(700);
        JsonAnswer ownAgency = get(OFFICER, asOfPaymentDay + "&agency=" + AGENCY);
        assertThat(ownAgency.status()).as(ownAgency.response().body()).isEqualTo(200);
        assertThat(ownAgency.body().get("zero").asBoolean()).isTrue();
        assertThat(ownAgency.body().get("rows").findValuesAsText("agencyCode")).isNotEmpty().containsOnly(AGENCY);
        assertThat(balanceOf(ownAgency.body(), REVENUE)).isEqualTo(-500);
        JsonAnswer dayBefore = get("operator", "/api/v1/journal/trial-balance?asOf=" + PAYMENT_DAY.minusDays(1));
        assertThat(dayBefore.status()).isEqualTo(200);
        assertThat(dayBefore.body().get("rows").size()).isZero();
        assertThat(dayBefore.body().get("zero").asBoolean()).isTrue();
        assertThat(get("officer-other", asOfPaymentDay + "&agency=" + AGENCY).status()).isEqualTo(403);
        assertThat(get(OFFICER, asOfPaymentDay).status()).as("an officer reads their own agency's balance only").isEqualTo(403);
        assertThat(get(PAYER, asOfPaymentDay).status()).isEqualTo(403);
        assertThat(get("auditor", "/api/v1/journal/trial-balance?asOf=yesterday").status()).isEqualTo(400);

        // Point in time (auditors): the payment and its bill as their events said before the success, and after the refund.
        long authorizedAt = jdbc.queryForObject("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype LIKE '%PaymentAuthorized'", Long.class, paymentId);
        JsonAnswer beforeSuccess = get("auditor", "/api/v1/audit/payments/" + paymentId + "/as-of?globalIndex=" + authorizedAt);
        assertThat(beforeSuccess.status()).as(beforeSuccess.response().body()).isEqualTo(200);
        assertThat(beforeSuccess.text("status")).isEqualTo("AUTHORIZED");
        assertThat(beforeSuccess.body().get("received").get("amountMinor").asLong()).isZero();
        assertThat(beforeSuccess.body().get("billIds").get(0).asText()).isEqualTo(billId);
        JsonAnswer now = get("auditor", "/api/v1/audit/payments/" + paymentId + "/as-of?timestamp=" + Instant.now().plusSeconds(60));
        assertThat(now.text("status")).isEqualTo("SUCCEEDED");
        assertThat(now.body().get("refunded").get("amountMinor").asLong()).isEqualTo(200);
        assertThat(now.body().get("refunds").asInt()).isEqualTo(1);
        assertThat(now.body().get("journalEntries").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(now.response().body()).doesNotContain("fee reduced on appeal");
        assertThat(get("auditor", "/api/v1/audit/bills/" + billId + "/as-of?globalIndex=" + authorizedAt).text("status")).isEqualTo("OPEN");
        JsonAnswer billNow = get("auditor", "/api/v1/audit/bills/" + billId + "/as-of?timestamp=" + Instant.now().plusSeconds(60));
        assertThat(billNow.text("status")).isEqualTo("PAID");
        assertThat(billNow.text("paidBy")).isEqualTo(paymentId);
        assertThat(billNow.response().body()).doesNotContain("A123456789");
        assertThat(get("auditor", "/api/v1/audit/bills/" + paymentId + "/as-of?globalIndex=" + authorizedAt).status())
                .as("a payment is no bill").isEqualTo(404);
        assertThat(get("auditor", "/api/v1/audit/payments/" + paymentId + "/as-of").status()).isEqualTo(400);
        assertThat(get(OFFICER, "/api/v1/audit/payments/" + paymentId + "/as-of?globalIndex=1").status()).isEqualTo(403);

        // Nobody else's business: another citizen, an officer of another agency.
        assertThat(get(OTHER_CITIZEN, "/api/v1/payments/" + paymentId).status()).isEqualTo(404);
        assertThat(get(OTHER_CITIZEN, "/api/v1/citizens/" + PAYER + "/payments").status()).isEqualTo(403);
        assertThat(get(OTHER_CITIZEN, "/api/v1/citizens/" + PAYER + "/bills").status()).isEqualTo(403);
        assertThat(get(OTHER_CITIZEN, "/api/v1/citizens/" + OTHER_CITIZEN + "/payments").body().path("items").size()).isZero();
        assertThat(get("officer-other", "/api/v1/payments/" + paymentId).status()).isEqualTo(403);
        assertThat(get(OFFICER, "/api/v1/payments/" + paymentId).status()).isEqualTo(200);
        assertThat(get("auditor", "/api/v1/payments/" + paymentId).status()).isEqualTo(200);
    }

    static long balanceOf(JsonNode trialBalance, String account) {
        long sum = 0;
        for (JsonNode row : trialBalance.path("rows")) {
            if (row.path("account").asText().equals(account)) {
                sum += row.path("balanceMinor").asLong();
            }
        }
        return sum;
    }

    String billStatus(String billId) throws Exception {
        for (JsonNode bill : get(PAYER, "/api/v1/citizens/" + PAYER + "/bills").body().path("items")) {
            if (bill.path("billId").asText().equals(billId)) {
                return bill.path("status").asText();
            }
        }
        return null;
    }

    @Test
    void forged_unsigned_and_stale_callbacks_are_refused_counted_and_change_nothing() throws Exception {
        String billId = issueBill(300, "T-FORGED-1");
        String paymentId = initiate(billId);
        String body = callback("evt-forged-1", paymentId, "succeeded", "300");
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        String now = Long.toString(Instant.now().getEpochSecond());
        byte[] wrongSecret = "not-the-providers-secret-32bytes".getBytes(StandardCharsets.US_ASCII);
        double badBefore = rejected(PROVIDER, "bad_signature");
        double missingBefore = rejected(PROVIDER, "missing_signature");
        double staleBefore = rejected(PROVIDER, "stale_timestamp");
        int events = eventCount(paymentId);

        JsonAnswer forged = callbackSigned(PROVIDER, body, wrongSecret, Instant.now());
        JsonAnswer unsigned = callbackWith(PROVIDER, raw, now, null);
        JsonAnswer stale = callbackSigned(PROVIDER, body, SECRET, Instant.now().minus(Duration.ofMinutes(10)));
        // Signed for one body, sent with another: the amount changed in transit.
        JsonAnswer tampered = callbackWith(PROVIDER, callback("evt-forged-1", paymentId, "succeeded", "3").getBytes(StandardCharsets.UTF_8),
                now, "v1=" + hmacHex(SECRET, now, raw));

        for (JsonAnswer refused : List.of(forged, unsigned, stale, tampered)) {
            assertThat(refused.status()).as(refused.response().body()).isEqualTo(401);
            assertThat(refused.response().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
        assertThat(rejected(PROVIDER, "bad_signature") - badBefore).isEqualTo(2);
        assertThat(rejected(PROVIDER, "missing_signature") - missingBefore).isEqualTo(1);
        assertThat(rejected(PROVIDER, "stale_timestamp") - staleBefore).isEqualTo(1);
        assertThat(eventCount(paymentId)).as("events after refused callbacks").isEqualTo(events);

        // A provider the ledger does not know: 404, counted under "unknown" (the path's code is the caller's choice, not a tag).
        double unknownBefore = rejected("unknown", "unknown_provider");
        assertThat(callbackSigned("NO-SUCH-BANK", body, SECRET, Instant.now()).status()).isEqualTo(404);
        assertThat(rejected("unknown", "unknown_provider") - unknownBefore).isEqualTo(1);
    }

    @Test
    void a_signed_callback_about_a_payment_the_ledger_does_not_hold_is_kept_for_auditors_and_answered_202() throws Exception {
        String unknownPayment = "no-such-payment-" + UUID.randomUUID().toString().substring(0, 8);
        String body = callback("evt-unmatched-1", unknownPayment, "succeeded", "450");

        JsonAnswer first = callbackSigned(PROVIDER, body, SECRET, Instant.now());
        JsonAnswer retried = callbackSigned(PROVIDER, body, SECRET, Instant.now());

        assertThat(first.status()).as(first.response().body()).isEqualTo(202);
        assertThat(first.body().get("duplicate").asBoolean()).isFalse();
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.body().get("duplicate").asBoolean()).isTrue();
        assertThat(eventCount(unknownPayment)).as("no payment stream is made for an unknown payment").isZero();
        JsonAnswer listed = get("auditor", "/api/v1/providers/" + PROVIDER + "/unmatched-callbacks");
        assertThat(listed.status()).isEqualTo(200);
        List<JsonNode> rows = listed.body().path("items").findParents("providerEventId").stream()
                .filter(row -> row.path("paymentId").asText().equals(unknownPayment)).toList();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("amount").path("amountMinor").asLong()).isEqualTo(450);
        assertThat(rows.get(0).path("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(get(PAYER, "/api/v1/providers/" + PROVIDER + "/unmatched-callbacks").status()).isEqualTo(403);
    }

    @Test
    void bills_are_amended_and_cancelled_by_the_owning_agency_only() throws Exception {
        String billId = issueBill(900, "T-AMEND-1");
        JsonAnswer otherAgency = post("officer-other", "/api/v1/bills/" + billId + "/cancel", "{\"reason\": \"not ours\"}");
        assertThat(otherAgency.status()).isEqualTo(403);
        JsonAnswer amended = post(OFFICER, "/api/v1/bills/" + billId + "/amendments", """
                {"amount": {"amountMinor": 800, "currency": "TWD"}, "reason": "reduced"}""");
        assertThat(amended.status()).as(amended.response().body()).isEqualTo(200);
        assertThat(amended.body().get("amount").get("amountMinor").asLong()).isEqualTo(800);
        JsonAnswer nothing = post(OFFICER, "/api/v1/bills/" + billId + "/amendments", "{\"reason\": \"no change\"}");
        assertThat(nothing.status()).isEqualTo(400);
        assertThat(nothing.response().body()).contains("amount");
        JsonAnswer cancelled = post(OFFICER, "/api/v1/bills/" + billId + "/cancel", "{\"reason\": \"issued in error\"}");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
        JsonAnswer payCancelled = post(PAYER, "/api/v1/payments", """
                {"billIds": ["%s"], "providerCode": "%s", "channel": "atm"}""".formatted(billId, PROVIDER));
        assertThat(payCancelled.status()).isEqualTo(409);
        JsonAnswer badPayer = post(OFFICER, "/api/v1/bills", """
                {"feeClassCode": "%s", "payer": {"citizenSubject": "%s", "nationalId": "A123456788", "name": "Lin Mei"},
                 "dueOn": "2027-01-31", "reference": {"kind": "FINE_TICKET", "id": "T-BAD"}}""".formatted(FEE_CLASS, PAYER));
        assertThat(badPayer.status()).isEqualTo(400);
        assertThat(badPayer.response().body()).contains("payer.nationalId").doesNotContain("A123456788");
    }

    // ---- grants, chargebacks and the payments dashboard ----

    @Test
    void an_officer_grants_a_citizen_a_balance_the_citizen_spends_it_within_the_cap_and_the_revocation_returns_the_rest()
            throws Exception {
        JsonAnswer awarded = post(OFFICER, "/api/v1/grants", """
                {"programCode": "RIDES", "beneficiary": {"citizenSubject": "%s", "nationalId": "A123456789", "name": "Lin Mei"},
                 "amount": {"amountMinor": 1000, "currency": "TWD"}, "perUseCap": {"amountMinor": 250, "currency": "TWD"},
                 "expiresAt": "2027-06-30T16:00:00Z"}""".formatted(PAYER));
        assertThat(awarded.status()).as(awarded.response().body()).isEqualTo(201);
        assertThat(awarded.text("status")).isEqualTo("ACTIVE");
        String grantId = awarded.text("grantId");
        assertThat(jdbc.queryForList("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ?", String.class, grantId))
                .as("the grant's own stream").hasSize(2);

        String ride = """
                {"amount": {"amountMinor": %d, "currency": "TWD"}, "providerCode": "%s", "channel": "atm", "purpose": "ride to the clinic"}""";
        assertThat(post(PAYER, "/api/v1/grants/" + grantId + "/uses", ride.formatted(250, PROVIDER)).body().path("balance")
                .path("amountMinor").asLong()).isEqualTo(750);
        assertThat(post(PAYER, "/api/v1/grants/" + grantId + "/uses", ride.formatted(250, PROVIDER)).body().path("balance")
                .path("amountMinor").asLong()).isEqualTo(500);
        JsonAnswer aboveCap = post(PAYER, "/api/v1/grants/" + grantId + "/uses", ride.formatted(251, PROVIDER));
        assertThat(aboveCap.status()).isEqualTo(422);
        assertThat(aboveCap.text("rule")).isEqualTo("UseWithinCap");
        assertThat(post(OTHER_CITIZEN, "/api/v1/grants/" + grantId + "/uses", ride.formatted(10, PROVIDER)).status()).isEqualTo(403);
        assertThat(post(OFFICER, "/api/v1/grants/" + grantId + "/uses", ride.formatted(10, PROVIDER)).status())
                .as("officers do not spend grants").isEqualTo(403);
        assertThat(post("officer-other", "/api/v1/grants/" + grantId + "/revoke", "{\"reason\": \"not ours\"}").status()).isEqualTo(403);

        JsonAnswer revoked = post(OFFICER, "/api/v1/grants/" + grantId + "/revoke", "{\"reason\": \"moved to another city\"}");
        assertThat(revoked.status()).as(revoked.response().body()).isEqualTo(200);
        assertThat(revoked.text("status")).isEqualTo("REVOKED");
        JsonAnswer afterEnd = post(PAYER, "/api/v1/grants/" + grantId + "/uses", ride.formatted(10, PROVIDER));
        assertThat(afterEnd.status()).isEqualTo(409);
        assertThat(afterEnd.text("rule")).isEqualTo("GrantIsActive");

        await().atMost(SETTLED_WITHIN).until(() -> "REVOKED".equals(get(PAYER, "/api/v1/grants/" + grantId).body().path("status").asText()));
        JsonNode shown = get(PAYER, "/api/v1/grants/" + grantId).body();
        assertThat(shown.path("uses").size()).isEqualTo(2);
        assertThat(shown.path("returned").path("amountMinor").asLong()).isEqualTo(500);
        assertThat(shown.toString()).doesNotContain("A123456789").doesNotContain("Lin Mei");
        assertThat(get(PAYER, "/api/v1/citizens/" + PAYER + "/grants").body().path("items").findValuesAsText("grantId")).contains(grantId);
        assertThat(get(OTHER_CITIZEN, "/api/v1/grants/" + grantId).status()).as("another citizen's grant is unknown to them").isEqualTo(404);
        assertThat(get(OTHER_CITIZEN, "/api/v1/citizens/" + PAYER + "/grants").status()).isEqualTo(403);
        assertThat(get("officer-other", "/api/v1/grants/" + grantId).status()).isEqualTo(403);
        assertThat(get(OFFICER, "/api/v1/grants/" + grantId).status()).isEqualTo(200);
        assertThat(get("auditor", "/api/v1/grants/" + grantId).status()).isEqualTo(200);

        // The grant's books: the agency's expense is what was spent, nothing is left payable, and the balance is zero.
        String agencyBalance = "/api/v1/journal/trial-balance?asOf=" + PAYMENT_DAY + "&agency=" + AGENCY;
        await().atMost(SETTLED_WITHIN).until(() -> balanceOf(get(OFFICER, agencyBalance).body(), "grant-expense:" + AGENCY + ":RIDES") == 500);
        JsonNode books = get(OFFICER, agencyBalance).body();
        assertThat(books.get("zero").asBoolean()).isTrue();
        assertThat(balanceOf(books, "grants-payable:" + AGENCY + ":RIDES")).isZero();
    }

    @Test
    void a_grant_refuses_bad_input_naming_the_field_and_records_nothing() throws Exception {
        String body = """
                {"programCode": "RIDES", "beneficiary": {"citizenSubject": "%s", "nationalId": "A123456789", "name": "Lin Mei"},
                 "amount": {"amountMinor": %s, "currency": "TWD"}, "perUseCap": {"amountMinor": %s, "currency": "TWD"},
                 "expiresAt": "%s"}""";
        JsonAnswer negative = post(OFFICER, "/api/v1/grants", body.formatted(PAYER, "-5", "1", "2027-06-30T16:00:00Z"));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.response().body()).contains("amount.amountMinor");
        JsonAnswer capAbove = post(OFFICER, "/api/v1/grants", body.formatted(PAYER, "100", "200", "2027-06-30T16:00:00Z"));
        assertThat(capAbove.status()).isEqualTo(422);
        assertThat(capAbove.text("rule")).isEqualTo("CapWithinAmount");
        JsonAnswer past = post(OFFICER, "/api/v1/grants", body.formatted(PAYER, "100", "50", "2020-01-01T00:00:00Z"));
        assertThat(past.status()).isEqualTo(422);
        assertThat(past.text("rule")).isEqualTo("ExpiryIsAhead");
        JsonAnswer badId = post(OFFICER, "/api/v1/grants", body.formatted(PAYER, "100", "50", "2027-06-30T16:00:00Z")
                .replace("A123456789", "A123456788"));
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.response().body()).contains("beneficiary.nationalId").doesNotContain("A123456788");
        assertThat(post(PAYER, "/api/v1/grants", body.formatted(PAYER, "100", "50", "2027-06-30T16:00:00Z")).status())
                .as("a citizen does not grant").isEqualTo(403);
        JsonAnswer unknown = post(PAYER, "/api/v1/grants/no-such-grant/uses", """
                {"amount": {"amountMinor": 10, "currency": "TWD"}, "providerCode": "%s", "channel": "atm", "purpose": "ride"}"""
                .formatted(PROVIDER));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(eventCount("no-such-grant")).isZero();
    }

    @Test
    void a_provider_charges_back_part_of_a_payment_through_its_signed_callback_never_more_than_is_left() throws Exception {
        String billId = issueBill(400, "T-CHARGEBACK-1");
        String paymentId = initiate(billId);
        assertThat(callbackSigned(PROVIDER, callback("evt-cb-0", paymentId, "succeeded", "400"), SECRET, Instant.now()).status())
                .isEqualTo(200);
        String chargeback = """
                {"providerEventId": "%s", "paymentId": "%s", "status": "chargeback", "amount": "%s", "currency": "TWD",
                 "occurredAt": "%s", "reason": "card holder disputes the charge"}""";

        JsonAnswer first = callbackSigned(PROVIDER, chargeback.formatted("evt-cb-1", paymentId, "150", Instant.now()), SECRET, Instant.now());
        assertThat(first.status()).as(first.response().body()).isEqualTo(200);
        assertThat(first.body().get("duplicate").asBoolean()).isFalse();
        int events = eventCount(paymentId);
        JsonAnswer repeated = callbackSigned(PROVIDER, chargeback.formatted("evt-cb-1", paymentId, "150", Instant.now()), SECRET,
                Instant.now());
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.body().get("duplicate").asBoolean()).isTrue();
        assertThat(eventCount(paymentId)).isEqualTo(events);

        // More than is left (250): not applied, kept for auditors, answered 202 so the provider stops retrying.
        JsonAnswer tooMuch = callbackSigned(PROVIDER, chargeback.formatted("evt-cb-2", paymentId, "251", Instant.now()), SECRET,
                Instant.now());
        assertThat(tooMuch.status()).as(tooMuch.response().body()).isEqualTo(202);
        assertThat(tooMuch.text("unmatched")).contains("ChargebackWithinPaid");
        assertThat(eventCount(paymentId)).isEqualTo(events);
        assertThat(get("auditor", "/api/v1/providers/" + PROVIDER + "/unmatched-callbacks").body().path("items")
                .findValuesAsText("providerEventId")).contains("evt-cb-2");
        JsonAnswer noReason = callbackSigned(PROVIDER, chargeback.formatted("evt-cb-3", paymentId, "10", Instant.now())
                .replace(", \"reason\": \"card holder disputes the charge\"", ""), SECRET, Instant.now());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.response().body()).contains("reason");

        await().atMost(SETTLED_WITHIN).until(() -> get(PAYER, "/api/v1/payments/" + paymentId).body().path("chargedBack")
                .path("amountMinor").asLong() == 150);
        String asOf = "/api/v1/journal/trial-balance?asOf=" + PAYMENT_DAY;
        await().atMost(SETTLED_WITHIN).until(() -> get("auditor", asOf).body().get("zero").asBoolean());
    }

    @Test
    void an_agency_reads_its_payments_dashboard_and_the_city_reads_everyones() throws Exception {
        String paid = issueBill(120, "T-DASH-1");
        String paymentId = initiate(paid);
        assertThat(callbackSigned(PROVIDER, callback("evt-dash-1", paymentId, "succeeded", "120"), SECRET, Instant.now()).status())
                .isEqualTo(200);
        String failedPayment = initiate(issueBill(80, "T-DASH-2"));
        assertThat(callbackSigned(PROVIDER, callback("evt-dash-2", failedPayment, "failed", null), SECRET, Instant.now()).status())
                .isEqualTo(200);
        String period = "?from=" + PAYMENT_DAY + "&to=" + PAYMENT_DAY;
        String agencyPath = "/api/v1/agencies/" + AGENCY + "/payments-dashboard" + period;

        await().atMost(SETTLED_WITHIN).until(() -> failedOf(get(OFFICER, agencyPath).body()) >= 1
                && get(OFFICER, agencyPath).body().path("revenue").findValuesAsText("feeClassCode").contains(FEE_CLASS));
        JsonAnswer own = get(OFFICER, agencyPath);
        assertThat(own.status()).as(own.response().body()).isEqualTo(200);
        JsonNode atm = own.body().path("payments").findParents("providerCode").stream()
                .filter(row -> row.path("providerCode").asText().equals(PROVIDER) && row.path("channel").asText().equals("atm"))
                .findFirst().orElseThrow();
        assertThat(atm.path("succeeded").asLong()).isPositive();
        assertThat(atm.path("failureRateBasisPoints").asInt()).isPositive();
        assertThat(own.body().path("bills").findValuesAsText("agencyCode")).containsOnly(AGENCY);
        assertThat(own.body().toString()).doesNotContain(PAYER);

        assertThat(get("auditor", "/api/v1/payments-dashboard" + period).status()).isEqualTo(200);
        assertThat(get("operator", agencyPath).status()).isEqualTo(200);
        assertThat(get("officer-other", agencyPath).status()).isEqualTo(403);
        assertThat(get(OFFICER, "/api/v1/payments-dashboard" + period).status()).as("the city-wide one is not an officer's").isEqualTo(403);
        assertThat(get(PAYER, agencyPath).status()).isEqualTo(403);
        JsonAnswer backwards = get("auditor", "/api/v1/payments-dashboard?from=" + PAYMENT_DAY + "&to=" + PAYMENT_DAY.minusDays(1));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.response().body()).contains("from");
        assertThat(get("auditor", "/api/v1/payments-dashboard?from=2020-01-01&to=2026-12-07").status()).as("longer than a year").isEqualTo(400);
    }

    static long failedOf(JsonNode dashboard) {
        long failed = 0;
        for (JsonNode row : dashboard.path("payments")) {
            failed += row.path("failed").asLong();
        }
        return failed;
    }
}
