package org.civicledger.ops.security;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.common.Role;
import org.civicledger.ops.support.TestTokens;
import org.civicledger.query.security.DevelopmentIssuer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint × every kind of caller, over real HTTP against the whole ledger, with the outcome the access
 * rules promise: anonymous, citizen A (the applicant of case A), citizen B, an officer of agency X (which owns
 * case A), an officer of agency Y, an auditor, an operator.
 *
 * <p>The endpoints are taken from Spring MVC's handler mapping: one that the table below does not name fails
 * the test, so an endpoint added later without an access rule breaks the build. Requests carry valid bodies,
 * so that a refusal is the access rule's and not a 400.
 *
 * <p>Outcomes: {@code A} allowed (any answer but 401/403; 404 for an unknown target and 409 for a state that
 * does not allow the step count as allowed: the rules let the caller in); {@code D} denied (401 anonymous,
 * 403 signed in); {@code H} hidden (404: a citizen asking for another citizen's case is told what an unknown
 * case id gets). No request may answer 5xx. Within an endpoint, denied callers go first, so that the case is
 * still in the state the allowed callers expect.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AccessMatrixContract {

    enum Caller { ANONYMOUS, CITIZEN_A, CITIZEN_B, OFFICER_X, OFFICER_Y, AUDITOR, OPERATOR }

    static final String AGENCY_X = "AM-X";
    static final String AGENCY_Y = "AM-Y";
    static final String CASE_TYPE_X = "AM-X-PERMIT";
    static final String CITIZEN_A = "citizen-am-a";
    static final String CITIZEN_B = "citizen-am-b";
    /** A real Ed25519 public key (X.509 DER, base64), made once per run. */
    static final String ED25519_KEY = ed25519Key();

    static String ed25519Key() {
        try {
            return java.util.Base64.getEncoder().encodeToString(
                    java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded());
        } catch (java.security.GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Framework routes that are in the mapping but are not called: {@code /error} answers only forwarded errors. */
    static final Set<String> NOT_CALLED = Set.of("ANY /error");

    @LocalServerPort
    int port;
    @Autowired
    DevelopmentIssuer issuer;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String caseA;

    /** One row: an endpoint as Spring maps it, the request to make, and the outcome per caller in Caller order. */
    record Row(String endpoint, String method, String path, String body, String outcomes) {
    }

    List<Row> table() {
        String nationalIdNobodyHas = NationalId.withCheckDigit("B21436587").value();
        List<Row> rows = new ArrayList<>();
        //                                                                                             anon A B X Y aud op
        rows.add(new Row("GET /v3/api-docs", "GET", "/v3/api-docs", null, "AAAAAAA"));
        rows.add(new Row("GET /v3/api-docs.yaml", "GET", "/v3/api-docs.yaml", null, "AAAAAAA"));
        rows.add(new Row("POST /api/v1/case-status/lookup", "POST", "/api/v1/case-status/lookup",
                "{\"caseNumber\":\"AM-NOPE\",\"casePassword\":\"wrong\"}", "AAAAAAA"));
        rows.add(new Row("GET /api/v1/cases/{caseId}", "GET", "/api/v1/cases/" + caseA, null, "DAHADAD"));
        rows.add(new Row("GET /api/v1/citizens/{subject}/cases", "GET", "/api/v1/citizens/" + CITIZEN_A + "/cases", null, "DADDDAD"));
        rows.add(new Row("GET /api/v1/citizens/{subject}/history", "GET", "/api/v1/citizens/" + CITIZEN_A + "/history", null, "DADDDAD"));
        rows.add(new Row("GET /api/v1/agencies/{agencyCode}/queue", "GET", "/api/v1/agencies/" + AGENCY_X + "/queue", null, "DDDADAD"));
        rows.add(new Row("GET /api/v1/agencies/{agencyCode}/dashboard", "GET", "/api/v1/agencies/" + AGENCY_X + "/dashboard", null,
                "DDDADAA"));
        rows.add(new Row("GET /api/v1/dashboard", "GET", "/api/v1/dashboard", null, "DDDDDAA"));
        rows.add(new Row("GET /api/v1/reference/agencies", "GET", "/api/v1/reference/agencies", null, "DAAAAAA"));
        rows.add(new Row("GET /api/v1/reference/case-types", "GET", "/api/v1/reference/case-types", null, "DAAAAAA"));
        rows.add(new Row("GET /api/v1/reference/case-types/{caseTypeCode}", "GET", "/api/v1/reference/case-types/" + CASE_TYPE_X, null,
                "DAAAAAA"));
        rows.add(new Row("GET /api/v1/reference/calendar/{year}", "GET", "/api/v1/reference/calendar/2031", null, "DAAAAAA"));
        // The audit trail names actors (citizens by their pseudonymous subject): auditors only.
        rows.add(new Row("GET /api/v1/audit/events", "GET", "/api/v1/audit/events?aggregate=" + caseA, null, "DDDDDAD"));
        rows.add(new Row("GET /api/v1/audit/events.csv", "GET", "/api/v1/audit/events.csv?aggregate=" + caseA, null, "DDDDDAD"));
        rows.add(new Row("GET /api/v1/audit/events.json", "GET", "/api/v1/audit/events.json?aggregate=" + caseA, null, "DDDDDAD"));
        rows.add(new Row("GET /api/v1/audit/correlations/{correlationId}", "GET", "/api/v1/audit/correlations/am-no-such-correlation",
                null, "DDDDDAD"));
        rows.add(new Row("GET /api/v1/audit/cases/{caseId}/as-of", "GET", "/api/v1/audit/cases/" + caseA + "/as-of?globalIndex=1",
                null, "DDDDDAD"));
        rows.add(new Row("GET /api/v1/audit/bills/{billId}/as-of", "GET", "/api/v1/audit/bills/am-no-bill/as-of?globalIndex=1",
                null, "DDDDDAD"));
        rows.add(new Row("GET /api/v1/audit/payments/{paymentId}/as-of", "GET", "/api/v1/audit/payments/am-no-payment/as-of?globalIndex=1",
                null, "DDDDDAD"));
        rows.add(new Row("GET /api/v1/audit/documents/{documentId}/as-of", "GET",
                "/api/v1/audit/documents/am-no-document/as-of?timestamp=2030-01-01T00:00:00Z", null, "DDDDDAD"));
        // Processor status and dead letters (no payloads): operators and auditors; retries: operators.
        rows.add(new Row("GET /api/v1/ops/processors", "GET", "/api/v1/ops/processors", null, "DDDDDAA"));
        rows.add(new Row("GET /api/v1/ops/processors/{name}/dead-letters", "GET", "/api/v1/ops/processors/case-status/dead-letters",
                null, "DDDDDAA"));
        rows.add(new Row("POST /api/v1/ops/processors/{name}/dead-letters/retry", "POST",
                "/api/v1/ops/processors/case-status/dead-letters/retry", "", "DDDDDDA"));
        // A rebuild empties a read model: operators only (asked for a name that is no processor, so nothing is reset here).
        rows.add(new Row("POST /api/v1/ops/processors/{name}/rebuild", "POST", "/api/v1/ops/processors/no-such-processor/rebuild",
                "", "DDDDDDA"));
        // Case writes, in the order of a case's life, on case A (agency X, applicant citizen A).
        rows.add(new Row("POST /api/v1/cases", "POST", "/api/v1/cases", submission(CITIZEN_A), "DADADDD"));
        rows.add(new Row("POST /api/v1/cases/{caseId}/accept", "POST", "/api/v1/cases/" + caseA + "/accept", "", "DDDADDD"));
        rows.add(new Row("POST /api/v1/cases/{caseId}/review", "POST", "/api/v1/cases/" + caseA + "/review", "", "DDDADDD"));
        rows.add(new Row("POST /api/v1/cases/{caseId}/supplement-requests", "POST", "/api/v1/cases/" + caseA + "/supplement-requests",
                "{\"reason\":\"the plan is missing\",\"requestedDocuments\":[\"ID_COPY\"]}", "DDDADDD"));
        rows.add(new Row("POST /api/v1/cases/{caseId}/supplements", "POST", "/api/v1/cases/" + caseA + "/supplements",
                "{\"documents\":[{\"kind\":\"ID_COPY\",\"uri\":\"mydoc://documents/am-2\"}]}", "DADADDD"));
        rows.add(new Row("POST /api/v1/cases/{caseId}/extension", "POST", "/api/v1/cases/" + caseA + "/extension",
                "{\"extraWorkingDays\":5,\"notice\":\"many applications this month\"}", "DDDADDD"));
        rows.add(new Row("POST /api/v1/cases/{caseId}/approve", "POST", "/api/v1/cases/" + caseA + "/approve",
                "{\"reason\":\"meets the requirements\"}", "DDDADDD"));
        rows.add(new Row("POST /api/v1/cases/{caseId}/transfer", "POST", "/api/v1/cases/" + caseA + "/transfer",
                "{\"toAgencyCode\":\"" + AGENCY_Y + "\",\"reason\":\"wrong agency\"}", "DDDADDD"));
        rows.add(new Row("POST /api/v1/cases/{caseId}/reject", "POST", "/api/v1/cases/" + caseA + "/reject",
                "{\"reason\":\"incomplete\"}", "DDDADDD"));
        // The URL rules let officers withdraw (in writing, at the counter), but the case's rule refuses them
        // when the applicant has a citizen account, as citizen A has: only citizen A withdraws case A.
        rows.add(new Row("POST /api/v1/cases/{caseId}/withdraw", "POST", "/api/v1/cases/" + caseA + "/withdraw",
                "{\"reason\":\"no longer needed\"}", "DADDDDD"));
        rows.add(new Row("POST /api/v1/cases/{caseId}/close", "POST", "/api/v1/cases/" + caseA + "/close", "{\"reason\":\"done\"}",
                "DDDADDD"));
        // Reference data and erasure: operators only (the aggregates require OPERATOR or SYSTEM as well).
        rows.add(new Row("POST /api/v1/reference/agencies", "POST", "/api/v1/reference/agencies",
                "{\"agencyCode\":\"AM-NEW\",\"name\":\"New office\"}", "DDDDDDA"));
        rows.add(new Row("POST /api/v1/reference/agencies/{agencyCode}/renames", "POST", "/api/v1/reference/agencies/" + AGENCY_Y + "/renames",
                "{\"name\":\"Office Y renamed\",\"reason\":\"reorganisation\"}", "DDDDDDA"));
        rows.add(new Row("POST /api/v1/reference/case-types", "POST", "/api/v1/reference/case-types", caseType("AM-Y-PERMIT", AGENCY_Y),
                "DDDDDDA"));
        rows.add(new Row("POST /api/v1/reference/case-types/{caseTypeCode}/revisions", "POST",
                "/api/v1/reference/case-types/AM-Y-PERMIT/revisions", "{\"name\":\"Permit Y\",\"requiredDocuments\":[\"ID_COPY\"],"
                + "\"fee\":{\"amountMinor\":300,\"currency\":\"TWD\"},\"statutoryProcessingDays\":12,\"reason\":\"new fee\"}", "DDDDDDA"));
        rows.add(new Row("POST /api/v1/reference/calendar/{year}", "POST", "/api/v1/reference/calendar/2031",
                "{\"holidays\":[{\"date\":\"2031-01-01\",\"name\":\"New Year\"}],\"makeUpWorkdays\":[],\"source\":\"test\"}", "DDDDDDA"));
        rows.add(new Row("POST /api/v1/reference/calendar/{year}/holidays", "POST", "/api/v1/reference/calendar/2031/holidays",
                "{\"date\":\"2031-05-01\",\"name\":\"Labour Day\",\"reason\":\"declared\"}", "DDDDDDA"));
        rows.add(new Row("POST /api/v1/privacy/erasures", "POST", "/api/v1/privacy/erasures",
                "{\"nationalId\":\"" + nationalIdNobodyHas + "\",\"reason\":\"request of the data subject\"}", "DDDDDDA"));
        rows.add(new Row("POST /api/v1/integrity/checkpoints", "POST", "/api/v1/integrity/checkpoints", "", "DDDDDDA"));
        // Bills and payments (no bill exists here: the rules let the allowed callers in, the ledger answers 404 or 422).
        rows.add(new Row("POST /api/v1/bills", "POST", "/api/v1/bills", "{\"feeClassCode\":\"AM-NO-FEE\",\"payer\":{\"citizenSubject\":\""
                + CITIZEN_A + "\",\"nationalId\":\"A123456789\",\"name\":\"Lin Mei\"},\"amount\":{\"amountMinor\":100,"
                + "\"currency\":\"TWD\"},\"dueOn\":\"2031-01-31\",\"reference\":{\"kind\":\"FINE_TICKET\",\"id\":\"AM-T-1\"}}", "DDDAADD"));
        rows.add(new Row("POST /api/v1/bills/{billId}/amendments", "POST", "/api/v1/bills/am-no-bill/amendments",
                "{\"amount\":{\"amountMinor\":90,\"currency\":\"TWD\"},\"reason\":\"corrected\"}", "DDDAADD"));
        rows.add(new Row("POST /api/v1/bills/{billId}/cancel", "POST", "/api/v1/bills/am-no-bill/cancel", "{\"reason\":\"in error\"}",
                "DDDAADD"));
        rows.add(new Row("POST /api/v1/payments", "POST", "/api/v1/payments",
                "{\"billIds\":[\"am-no-bill\"],\"providerCode\":\"AM-NO-BANK\",\"channel\":\"atm\"}", "DAADDDD"));
        rows.add(new Row("POST /api/v1/payments/{paymentId}/refunds", "POST", "/api/v1/payments/am-no-payment/refunds",
                "{\"amount\":{\"amountMinor\":10,\"currency\":\"TWD\"},\"reason\":\"refund\"}", "DDDAADD"));
        rows.add(new Row("GET /api/v1/payments/{paymentId}", "GET", "/api/v1/payments/am-no-payment", null, "DAAAAAD"));
        rows.add(new Row("GET /api/v1/citizens/{subject}/bills", "GET", "/api/v1/citizens/" + CITIZEN_A + "/bills", null, "DADDDAD"));
        rows.add(new Row("GET /api/v1/citizens/{subject}/payments", "GET", "/api/v1/citizens/" + CITIZEN_A + "/payments", null, "DADDDAD"));
        rows.add(new Row("GET /api/v1/journal/trial-balance", "GET", "/api/v1/journal/trial-balance?asOf=2031-01-01&agency=" + AGENCY_X, null,
                "DDDADAA"));
        // Provider callbacks carry no bearer token: anyone reaches the signature check (here an unknown provider: 404).
        rows.add(new Row("POST /api/v1/providers/{code}/callbacks", "POST", "/api/v1/providers/AM-NO-BANK/callbacks",
                "{\"providerEventId\":\"am-1\",\"paymentId\":\"am-no-payment\",\"status\":\"failed\",\"occurredAt\":\"2031-01-01T00:00:00Z\"}",
                "AAAAAAA"));
        rows.add(new Row("GET /api/v1/providers/{code}/unmatched-callbacks", "GET", "/api/v1/providers/AM-NO-BANK/unmatched-callbacks", null,
                "DDDDDAA"));
        // Grants: officers award (for their own agency) and revoke, the beneficiary spends; no grant exists under "am-no-grant".
        rows.add(new Row("POST /api/v1/grants", "POST", "/api/v1/grants", "{\"programCode\":\"AM-RIDES\",\"beneficiary\":{\"citizenSubject\":\""
                + CITIZEN_A + "\",\"nationalId\":\"A123456789\",\"name\":\"Lin Mei\"},\"amount\":{\"amountMinor\":800,\"currency\":\"TWD\"},"
                + "\"perUseCap\":{\"amountMinor\":250,\"currency\":\"TWD\"},\"expiresAt\":\"2031-01-01T00:00:00Z\"}", "DDDAADD"));
        rows.add(new Row("POST /api/v1/grants/{grantId}/uses", "POST", "/api/v1/grants/am-no-grant/uses",
                "{\"amount\":{\"amountMinor\":100,\"currency\":\"TWD\"},\"providerCode\":\"AM-NO-BANK\",\"channel\":\"atm\",\"purpose\":\"ride\"}",
                "DAADDDD"));
        rows.add(new Row("POST /api/v1/grants/{grantId}/revoke", "POST", "/api/v1/grants/am-no-grant/revoke", "{\"reason\":\"ended\"}",
                "DDDAADD"));
        rows.add(new Row("GET /api/v1/grants/{grantId}", "GET", "/api/v1/grants/am-no-grant", null, "DAAAAAD"));
        rows.add(new Row("GET /api/v1/citizens/{subject}/grants", "GET", "/api/v1/citizens/" + CITIZEN_A + "/grants", null, "DADDDAD"));
        // Payments dashboards: figures, no personal data; an agency's for its officers, auditors and operators.
        rows.add(new Row("GET /api/v1/agencies/{agencyCode}/payments-dashboard", "GET", "/api/v1/agencies/" + AGENCY_X
                + "/payments-dashboard?from=2031-01-01&to=2031-01-31", null, "DDDADAA"));
        rows.add(new Row("GET /api/v1/payments-dashboard", "GET", "/api/v1/payments-dashboard", null, "DDDDDAA"));
        // Settlement files and reconciliation (an unknown provider or settlement: 404 for the callers let in).
        rows.add(new Row("POST /api/v1/providers/{code}/settlements", "POST", "/api/v1/providers/AM-NO-BANK/settlements",
                "record_type,provider_code\n", "DDDDDDA"));
        rows.add(new Row("POST /api/v1/providers/{code}/settlements/{settlementId}/discrepancies/{discrepancyId}/resolution", "POST",
                "/api/v1/providers/AM-NO-BANK/settlements/stl-none/discrepancies/d1/resolution",
                "{\"resolution\":\"carried_forward\",\"reason\":\"settled in the next file\"}", "DDDDDDA"));
        rows.add(new Row("GET /api/v1/providers/{code}/reconciliation/{date}", "GET", "/api/v1/providers/AM-NO-BANK/reconciliation/2031-01-01",
                null, "DDDDDAA"));
        rows.add(new Row("GET /api/v1/providers/{code}/reconciliation/{date}.csv", "GET",
                "/api/v1/providers/AM-NO-BANK/reconciliation/2031-01-01.csv", null, "DDDDDAA"));
        // Documents (none exists under am-no-document: allowed callers get 404). Officer Y is let in by the URL rules and
        // refused by the document's rule (not an officer of the issuing agency).
        rows.add(new Row("POST /api/v1/documents", "POST", "/api/v1/documents", "{\"contentBase64\":\"YW0tbm90aWNl\",\"sha256\":\"467301ac0659955e115e0fb4129452bb8093ce6359d222ca81da40244f6dccf5\",\"kind\":\"NOTICE\","
                + "\"title\":\"Access matrix notice\",\"agencyCode\":\"" + AGENCY_X + "\"}", "DDDADDD"));
        rows.add(new Row("POST /api/v1/documents/{documentId}/signatures", "POST", "/api/v1/documents/am-no-document/signatures",
                "{\"keyId\":\"00000000000000000000000000000000\",\"signature\":\"AAAA\"}", "DAAAADD"));
        rows.add(new Row("POST /api/v1/documents/{documentId}/revoke", "POST", "/api/v1/documents/am-no-document/revoke",
                "{\"reason\":\"in error\"}", "DDDAADD"));
        rows.add(new Row("GET /api/v1/documents/{documentId}", "GET", "/api/v1/documents/am-no-document", null, "DAAAAAD"));
        rows.add(new Row("GET /api/v1/documents/{documentId}/content", "GET", "/api/v1/documents/am-no-document/content", null, "DAAAAAD"));
        rows.add(new Row("GET /api/v1/documents/{documentId}/bundle", "GET", "/api/v1/documents/am-no-document/bundle", null, "DAAAAAD"));
        rows.add(new Row("GET /api/v1/citizens/{subject}/documents", "GET", "/api/v1/citizens/" + CITIZEN_A + "/documents", null, "DADDDAD"));
        // Public: anyone verifies a document's bytes (these are no document's: 404, verification unknown).
        rows.add(new Row("POST /api/v1/documents/verify", "POST", "/api/v1/documents/verify", "{}", "AAAAAAA"));
        // Keys: a citizen or officer registers their own; an operator must name the signer (400 here); auditors never.
        rows.add(new Row("POST /api/v1/signing-keys", "POST", "/api/v1/signing-keys", "{\"publicKey\":\"" + ED25519_KEY + "\"}", "DAAAADA"));
        // Citizen A's keyring holds A's key now: A and operators reach the rule (unknown key, 404); others are refused by it.
        rows.add(new Row("POST /api/v1/signing-keys/{subject}/keys/{keyId}/revoke", "POST",
                "/api/v1/signing-keys/" + CITIZEN_A + "/keys/00000000000000000000000000000000/revoke", "{\"reason\":\"lost\"}", "DADDDDA"));
        // An agency's certificate key is rotated by operators only, not by the agency's own officers.
        rows.add(new Row("POST /api/v1/signing-keys/agencies/{agencyCode}/rotations", "POST",
                "/api/v1/signing-keys/agencies/" + AGENCY_X + "/rotations", "", "DDDDDDA"));
        rows.add(new Row("GET /api/v1/integrity/checkpoints/latest", "GET", "/api/v1/integrity/checkpoints/latest", null, "AAAAAAA"));
        rows.add(new Row("GET /api/v1/integrity/checkpoints/{size}", "GET", "/api/v1/integrity/checkpoints/1", null, "AAAAAAA"));
        rows.add(new Row("GET /api/v1/integrity/consistency", "GET", "/api/v1/integrity/consistency?from=1&to=1", null, "AAAAAAA"));
        rows.add(new Row("GET /api/v1/integrity/inclusion", "GET", "/api/v1/integrity/inclusion?globalIndex=1", null, "AAAAAAA"));
        rows.add(new Row("GET /api/v1/integrity/public-key", "GET", "/api/v1/integrity/public-key", null, "AAAAAAA"));
        // Receipts (no receipt exists here: the rules let the allowed callers in, the ledger answers 404 or 422).
        rows.add(new Row("POST /api/v1/receipts", "POST", "/api/v1/receipts", "{\"feeClassCode\":\"AM-NO-FEE\",\"payer\":{"
                + "\"nationalId\":\"A123456789\",\"name\":\"Lin Mei\"},\"amount\":{\"amountMinor\":100,\"currency\":\"TWD\"},"
                + "\"paymentReference\":\"AM-CASH-1\"}", "DDDAADD"));
        rows.add(new Row("POST /api/v1/receipts/{receiptId}/void", "POST", "/api/v1/receipts/am-no-receipt/void", "{\"reason\":\"in error\"}",
                "DDDAADD"));
        rows.add(new Row("POST /api/v1/receipts/{receiptId}/reissue", "POST", "/api/v1/receipts/am-no-receipt/reissue",
                "{\"reason\":\"in error\"}", "DDDAADD"));
        rows.add(new Row("POST /api/v1/citizen-accounts", "POST", "/api/v1/citizen-accounts", "{\"citizenSubject\":\"citizen-am-enrolled\","
                + "\"nationalId\":\"" + NationalId.withCheckDigit("C21436587").value() + "\"}", "DDDDDDA"));
        // Public by design: number and verification code are the credential (here an unknown receipt: "unknown").
        rows.add(new Row("GET /api/v1/receipts/verify", "GET", "/api/v1/receipts/verify?number=AM-X-115-0000001&code=AAAAAAAAAAAA", null,
                "AAAAAAA"));
        rows.add(new Row("GET /api/v1/receipts/{receiptId}", "GET", "/api/v1/receipts/am-no-receipt", null, "DAAAAAD"));
        rows.add(new Row("GET /api/v1/receipts/{receiptId}/pdf", "GET", "/api/v1/receipts/am-no-receipt/pdf", null, "DAAAAAD"));
        rows.add(new Row("GET /api/v1/citizens/{subject}/receipts", "GET", "/api/v1/citizens/" + CITIZEN_A + "/receipts", null, "DADDDAD"));
        rows.add(new Row("GET /api/v1/agencies/{agencyCode}/receipt-books/{year}", "GET", "/api/v1/agencies/" + AGENCY_X + "/receipt-books/2031",
                null, "DDDADAD"));
        rows.add(new Row("GET /api/v1/agencies/{agencyCode}/receipt-books/{year}.csv", "GET",
                "/api/v1/agencies/" + AGENCY_X + "/receipt-books/2031.csv", null, "DDDADAD"));
        return rows;
    }

    /** Actuator endpoints: served by their own handler mapping, so listed here rather than enumerated. */
    List<Row> actuatorRows() {
        return List.of(
                new Row("actuator health", "GET", "/actuator/health", null, "AAAAAAA"),
                new Row("actuator prometheus", "GET", "/actuator/prometheus", null, "DDDDDDA"),
                new Row("actuator metrics", "GET", "/actuator/metrics", null, "DDDDDDA"));
    }

    static String submission(String citizen) {
        return """
                {"caseTypeCode": "%s",
                 "applicant": {"citizenSubject": "%s", "nationalId": "A123456789", "name": "Lin Mei", "email": "lin@example.org"},
                 "documents": [{"kind": "ID_COPY", "uri": "mydoc://documents/am-1"}]}""".formatted(CASE_TYPE_X, citizen);
    }

    static String caseType(String code, String agency) {
        return """
                {"caseTypeCode": "%s", "agencyCode": "%s", "name": "Permit", "requiredDocuments": ["ID_COPY"],
                 "fee": {"amountMinor": 0, "currency": "TWD"}, "statutoryProcessingDays": 10}""".formatted(code, agency);
    }

    String authorization(Caller caller) {
        TestTokens tokens = TestTokens.of(issuer);
        return switch (caller) {
            case ANONYMOUS -> null;
            case CITIZEN_A -> tokens.citizen(CITIZEN_A);
            case CITIZEN_B -> tokens.citizen(CITIZEN_B);
            case OFFICER_X -> tokens.officer("officer-am-x", AGENCY_X);
            case OFFICER_Y -> tokens.officer("officer-am-y", AGENCY_Y);
            case AUDITOR -> tokens.bearer("auditor-am", Role.AUDITOR, null);
            case OPERATOR -> tokens.bearer("operator-am", Role.OPERATOR, null);
        };
    }

    HttpResponse<String> send(Caller caller, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30));
        String authorization = authorization(caller);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if ("POST".equals(method)) {
            request.header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        } else {
            request.GET();
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @BeforeAll
    void twoAgenciesAndCaseAOfCitizenA() throws Exception {
        for (String agency : List.of(AGENCY_X, AGENCY_Y)) {
            expect(send(Caller.OPERATOR, "POST", "/api/v1/reference/agencies", "{\"agencyCode\":\"" + agency + "\",\"name\":\"Office\"}"), 201);
        }
        expect(send(Caller.OPERATOR, "POST", "/api/v1/reference/case-types", caseType(CASE_TYPE_X, AGENCY_X)), 201);
        HttpResponse<String> submitted = expect(send(Caller.CITIZEN_A, "POST", "/api/v1/cases", submission(CITIZEN_A)), 201);
        caseA = submitted.body().replaceAll(".*\"caseId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        await("case A reaches the case-status read model").atMost(Duration.ofSeconds(20))
                .until(() -> send(Caller.AUDITOR, "GET", "/api/v1/cases/" + caseA, null).statusCode() == 200);
    }

    static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response;
    }

    static String key(RequestMappingInfo info) {
        Set<String> methods = new TreeSet<>();
        info.getMethodsCondition().getMethods().forEach(method -> methods.add(method.name()));
        String method = methods.isEmpty() ? "ANY" : String.join(",", methods);
        return method + " " + String.join(",", info.getPatternValues());
    }

    @Test
    void every_endpoint_spring_maps_has_a_row_in_the_access_table() {
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> mapped.add(key(info)));
        Set<String> tabled = new TreeSet<>(NOT_CALLED);
        table().forEach(row -> tabled.add(row.endpoint()));
        assertThat(mapped).as("endpoints without a row in AccessMatrixContract's table: add one with its access rule")
                .isSubsetOf(tabled);
        assertThat(tabled).as("rows of endpoints that no longer exist").isSubsetOf(mapped);
    }

    @Test
    void every_endpoint_answers_every_caller_as_the_table_says() throws Exception {
        List<String> wrong = new ArrayList<>();
        List<Row> rows = new ArrayList<>(table());
        rows.addAll(actuatorRows());
        for (Row row : rows) {
            Map<Caller, Character> expected = new LinkedHashMap<>();
            for (Caller caller : Caller.values()) {
                expected.put(caller, row.outcomes().charAt(caller.ordinal()));
            }
            List<Caller> order = new ArrayList<>();
            expected.forEach((caller, outcome) -> { if (outcome != 'A') order.add(caller); });
            expected.forEach((caller, outcome) -> { if (outcome == 'A') order.add(caller); });
            for (Caller caller : order) {
                int status = send(caller, row.method(), row.path(), row.body()).statusCode();
                char outcome = expected.get(caller);
                boolean ok = status < 500 && switch (outcome) {
                    case 'A' -> status != 401 && status != 403;
                    case 'H' -> status == 404;
                    default -> status == (caller == Caller.ANONYMOUS ? 401 : 403);
                };
                if (!ok) {
                    wrong.add(row.endpoint() + " as " + caller + ": expected " + outcome + ", got " + status);
                }
            }
        }
        assertThat(wrong).as("answers that break the access table").isEmpty();
    }
}
