package org.civicledger.ops.settlements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.journal.JournalEntry;
import org.civicledger.events.journal.TrialBalance;
import org.civicledger.events.payments.BillCommands.IssueBill;
import org.civicledger.events.payments.BillReference;
import org.civicledger.events.payments.CallbackOutcome;
import org.civicledger.events.payments.Payer;
import org.civicledger.events.payments.PaymentCommands.InitiatePayment;
import org.civicledger.events.payments.PaymentCommands.RecordProviderCallback;
import org.civicledger.events.payments.PaymentCommands.RefundPayment;
import org.civicledger.events.reference.FeeKind;
import org.civicledger.events.reference.PaymentReferenceCommands.RegisterFeeClass;
import org.civicledger.events.reference.PaymentReferenceCommands.RegisterPaymentProvider;
import org.civicledger.events.reference.ProviderKind;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.civicledger.events.settlements.ReconciliationOutcome;
import org.civicledger.ops.demo.DemoSettlementFiles;
import org.civicledger.ops.demo.DemoSettlementFiles.Planted;
import org.civicledger.ops.demo.DemoSettlementFiles.ProviderFile;
import org.civicledger.ops.support.JsonAnswer;
import org.civicledger.ops.support.TestTokens;
import org.civicledger.query.security.DevelopmentIssuer;
import org.civicledger.events.settlements.SettlementCommands;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A provider's settlement file with planted errors, as the demo writes it, imported over HTTP into the whole
 * ledger: the reconciliation reports exactly the planted errors (one payment missing, one unexpected, one
 * amount mismatched) and matches everything else; the planted chargeback is recorded on its payment; the
 * same file again changes nothing; the trial balance stays zero; resolving each discrepancy by adjusting
 * clearing leaves the provider's clearing account at zero; the CSV report defuses spreadsheet formulas.
 * Run on H2 and PostgreSQL by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SettlementContract {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final Actor LOADER = Actor.system("test-loader");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DevelopmentIssuer issuer;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    private final String agency = "STL-AG-" + suffix;
    private final String feeClass = "STL-FEE-" + suffix;
    private final String provider = "STL-PAY-" + suffix;
    private final String clearing = "provider-clearing:" + provider;
    private final Actor officer = Actor.officer("officer-stl-" + suffix, agency);
    private final Actor citizen = Actor.citizen("citizen-stl-" + suffix);

    @BeforeAll
    void referenceData() {
        commands.sendAndWait(new RegisterAgency(agency, "Settlement Test Office", "stl-ra-" + suffix, LOADER));
        commands.sendAndWait(new RegisterFeeClass(feeClass, "Permit fee", FeeKind.GOVERNMENT_FEE, agency, null,
                "revenue:" + agency + ":" + feeClass, "stl-rf-" + suffix, LOADER));
        commands.sendAndWait(new RegisterPaymentProvider(provider, "Settlement Test Pay", ProviderKind.E_PAYMENT, List.of("app"),
                "provider-secret/" + provider, "stl-rp-" + suffix, LOADER));
    }

    private List<String> paymentsOfTheDay() {
        Payer payer = new Payer(citizen.subject(), new NationalId("A123456789"), "Lin Mei");
        List<String> payments = new ArrayList<>();
        long[] amounts = {600, 1_200, 300, 800};
        for (int n = 0; n < amounts.length; n++) {
            String billId = "stl-bill-" + suffix + "-" + n;
            String paymentId = "stl-pay-" + suffix + "-" + n;
            commands.sendAndWait(new IssueBill(billId, feeClass, payer, Money.twd(amounts[n]), LocalDate.of(2026, 12, 31),
                    new BillReference(BillReference.Kind.FINE_TICKET, "T-" + suffix + "-" + n), "stl-issue-" + billId, officer));
            commands.sendAndWait(new InitiatePayment(paymentId, List.of(billId), provider, "app", "stl-init-" + paymentId, citizen));
            // As the callback endpoint records a verified callback.
            commands.sendAndWait(new RecordProviderCallback(paymentId, provider, "evt-" + paymentId, CallbackOutcome.SUCCEEDED,
                    Money.twd(amounts[n]), null, "callback:" + provider + ":evt-" + paymentId, Actor.system("provider:" + provider)));
            payments.add(paymentId);
        }
        commands.sendAndWait(new RefundPayment(payments.get(3), "stl-refund-" + suffix, Money.twd(200), "reduced on appeal",
                "stl-refund-cmd-" + suffix, officer));
        return payments;
    }

    @Test
    void a_file_with_planted_errors_reconciles_to_exactly_those_errors_and_the_books_stay_balanced() throws Exception {
        List<String> payments = paymentsOfTheDay();
        LocalDate day = jdbc.queryForObject("SELECT business_date FROM cmd_provider_transaction WHERE payment_id = ? AND kind = 'PAYMENT'",
                LocalDate.class, payments.get(0));
        ProviderFile file = new DemoSettlementFiles(jdbc).file(provider, day, true);
        assertThat(file.planted()).extracting(Planted::kind).containsExactlyInAnyOrder(ReconciliationOutcome.MISSING_IN_SETTLEMENT,
                ReconciliationOutcome.AMOUNT_MISMATCH, ReconciliationOutcome.UNEXPECTED_IN_SETTLEMENT);
        assertThat(file.chargedBack()).isEqualTo(payments.get(2));

        JsonAnswer imported = postFile(file.text());
        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(201);
        String settlementId = imported.text("settlementId");
        // 3 payments kept (one with its amount raised), the refund, the stranger, the chargeback.
        assertThat(imported.body().get("lines").asInt()).isEqualTo(6);
        assertThat(imported.body().get("matched").asInt()).isEqualTo(4);
        assertThat(imported.body().get("missingInSettlement").asInt()).isEqualTo(1);
        assertThat(imported.body().get("unexpectedInSettlement").asInt()).isEqualTo(1);
        assertThat(imported.body().get("amountMismatches").asInt()).isEqualTo(1);
        assertThat(imported.body().get("chargebacksRecorded").asInt()).isEqualTo(1);
        assertThat(events(payments.get(2), "ChargebackRecorded")).isEqualTo(1);

        // The report: exactly the planted errors are discrepancies, everything else matched.
        String reportPath = "/api/v1/providers/" + provider + "/reconciliation/" + day;
        await().atMost(WITHIN).until(() -> get("auditor", reportPath).status() == 200);
        JsonNode report = get("auditor", reportPath).body();
        Set<Planted> reported = new HashSet<>();
        int matched = 0;
        for (JsonNode item : report.get("items")) {
            if (item.get("discrepancyId").isNull()) {
                assertThat(item.get("outcome").asText()).as(item.toString()).isEqualTo("MATCHED");
                matched++;
            } else {
                reported.add(new Planted(ReconciliationOutcome.valueOf(item.get("outcome").asText()), item.get("paymentId").asText(),
                        item.get("ledgerMinor").isNull() ? null : item.get("ledgerMinor").asLong(),
                        item.get("settledMinor").isNull() ? null : item.get("settledMinor").asLong()));
            }
        }
        assertThat(reported).containsExactlyInAnyOrderElementsOf(file.planted());
        assertThat(matched).isEqualTo(4);
        assertThat(report.get("summary").get("unresolved").asInt()).isEqualTo(3);

        // The same file again, under another Idempotency-Key: the same settlement, nothing new.
        long eventsOfTheSettlement = events(settlementId, null);
        JsonAnswer again = postFile(file.text());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("duplicate").asBoolean()).isTrue();
        assertThat(again.text("settlementId")).isEqualTo(settlementId);
        assertThat(events(settlementId, null)).isEqualTo(eventsOfTheSettlement);
        assertThat(events(payments.get(2), "ChargebackRecorded")).isEqualTo(1);

        List<String> streams = new ArrayList<>(payments);
        streams.add(settlementId);
        assertThat(journalOf(streams).isZero()).isTrue();
        // The provider's clearing account now holds exactly the discrepancies: the missing NT$600, less the NT$10 and NT$500 too many.
        assertThat(journalOf(streams).balanceMinor(clearing, "TWD")).isEqualTo(600 - 10 - 500);

        // Each discrepancy resolved by a correction event and its entry: clearing is settled to zero, the books still balance.
        for (JsonNode item : report.get("items")) {
            if (!item.get("discrepancyId").isNull()) {
                JsonAnswer resolved = post("operator", "/api/v1/providers/" + provider + "/settlements/" + settlementId + "/discrepancies/"
                        + item.get("discrepancyId").asText() + "/resolution",
                        "{\"resolution\":\"adjust_clearing\",\"reason\":\"=SUM(A1:A9) checked with the provider\"}");
                assertThat(resolved.status()).as(resolved.body().toString()).isEqualTo(200);
            }
        }
        assertThat(journalOf(streams).balanceMinor(clearing, "TWD")).isZero();
        assertThat(journalOf(streams).isZero()).isTrue();
        JsonAnswer twice = post("operator", "/api/v1/providers/" + provider + "/settlements/" + settlementId + "/discrepancies/d1/resolution",
                "{\"resolution\":\"carried_forward\",\"reason\":\"changed my mind\"}");
        assertThat(twice.status()).isEqualTo(409);

        // The journal read model and its trial balance agree once they hold the settlement's entries.
        await().atMost(WITHIN).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM journal_line WHERE payment_id = ? AND cause = ?",
                Integer.class, settlementId, "settlement-correction") == 6);
        JsonAnswer balance = get("auditor", "/api/v1/journal/trial-balance?asOf=2100-01-01");
        assertThat(balance.body().get("zero").asBoolean()).as(balance.body().toString()).isTrue();

        await().atMost(WITHIN).until(() -> get("auditor", reportPath).body().get("summary").get("unresolved").asInt() == 0);
        HttpResponse<String> csv = http.send(HttpRequest.newBuilder(uri(reportPath + ".csv")).header("Authorization", token("auditor")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String[] rows = csv.body().split("\r\n");
        assertThat(rows[0]).startsWith("settlement_id,line_number,outcome,type,provider_transaction_id");
        assertThat(rows).hasSize(1 + 7);
        assertThat(csv.body()).contains(",ADJUST_CLEARING,'=SUM(A1:A9) checked with the provider,").doesNotContain(",=SUM");
    }

    @Test
    void a_malformed_file_is_refused_naming_the_line_and_nothing_is_stored() throws Exception {
        String truncated = String.join(",", org.civicledger.command.settlements.SettlementFile.COLUMNS) + "\n"
                + "D," + provider + ",2026-12-07,X-1,payment,p-1,p-1,600,TWD,9,2026-12-07T02:00:00Z\n";
        JsonAnswer refused = postFile(truncated);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().toString()).contains("file").contains("trailer");
        JsonAnswer wrongProvider = postFile(truncated.replace(provider, "OTHER") + "T,OTHER,2026-12-07,1,600,9,TWD\n");
        assertThat(wrongProvider.status()).isEqualTo(422);
        assertThat(wrongProvider.body().toString()).contains("line 2");
        // Nothing on either file's settlement stream (other streams are the asynchronous processors' business).
        for (String text : List.of(truncated, truncated.replace(provider, "OTHER") + "T,OTHER,2026-12-07,1,600,9,TWD\n")) {
            assertThat(events(SettlementCommands.settlementId(provider, text.getBytes(StandardCharsets.UTF_8)), null)).isZero();
        }
        assertThat(postFile(truncated, "citizen").status()).isEqualTo(403);
    }

    private TrialBalance journalOf(List<String> streams) {
        List<JournalEntry> entries = new ArrayList<>();
        for (String stream : streams) {
            eventStore.readEvents(stream).asStream().map(message -> message.getPayload()).filter(JournalEntry.class::isInstance)
                    .map(JournalEntry.class::cast).forEach(entries::add);
        }
        return TrialBalance.of(entries);
    }

    private long events(String aggregate, String type) {
        return type == null
                ? jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class, aggregate)
                : jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE ?", Long.class,
                        aggregate, "%" + type);
    }

    private String token(String as) {
        TestTokens tokens = TestTokens.of(issuer);
        return switch (as) {
            case "auditor" -> tokens.auditor();
            case "operator" -> tokens.operator();
            default -> tokens.citizen(citizen.subject());
        };
    }

    private JsonAnswer postFile(String text) throws Exception {
        return postFile(text, "operator");
    }

    private JsonAnswer postFile(String text, String as) throws Exception {
        return send(HttpRequest.newBuilder(uri("/api/v1/providers/" + provider + "/settlements")).timeout(Duration.ofSeconds(60))
                .header("Authorization", token(as)).header("Content-Type", "text/csv")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)).build());
    }

    private JsonAnswer post(String as, String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("Authorization", token(as))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private JsonAnswer get(String as, String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("Authorization", token(as)).GET().build());
    }

    private JsonAnswer send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
        return new JsonAnswer(response.statusCode(), body, response);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
