package org.civicledger.ops.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.civicledger.command.receipts.ReceiptResult;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.receipts.ReceiptCommands;
import org.civicledger.events.receipts.ReceiptCommands.IssueReceiptForBill;
import org.civicledger.events.reference.FeeKind;
import org.civicledger.events.reference.PaymentReferenceCommands.RegisterFeeClass;
import org.civicledger.events.reference.PaymentReferenceCommands.RegisterPaymentProvider;
import org.civicledger.events.reference.ProviderKind;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.civicledger.events.reference.ReferenceCommands.RenameAgency;
import org.civicledger.ops.support.JsonAnswer;
import org.civicledger.ops.support.TestTokens;
import org.civicledger.query.security.DevelopmentIssuer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Receipts through the HTTP API of the whole ledger: a citizen pays a bill through a provider (a real HTTP client
 * signing its callbacks) and the receipt is in their receipts within a second; its PDF reads back with the right text
 * and a QR code that verifies; a redelivered payment issues no second receipt; an officer voids and reissues it under
 * a new number; a counter receipt for a payer without an account is attributed when they enroll; the receipt book
 * has no hole. Run on H2 and PostgreSQL by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ReceiptApiContract {

    static final byte[] SECRET = "rcptapi-test-secret-32-bytes-lng".getBytes(StandardCharsets.US_ASCII);
    static final String SECRET_BASE64 = Base64.getEncoder().encodeToString(SECRET);
    static final String SECRET_REF = "provider-secret/RCPT-BANK/2026";
    static final String VERIFY_BASE = "https://verify.civic-ledger.test/api/v1/receipts/verify";
    static final String PROVIDER = "RCPT-BANK";
    static final String AGENCY = "RCPT-TAX";
    static final String OTHER_AGENCY = "RCPT-PARKS";
    static final String FEE_CLASS = "RCPT-PERMIT-FEE";
    /** Names as a Taipei receipt prints them: the PDF embeds a CJK font for them (docs/receipts.md). */
    static final String AGENCY_NAME = "臺北市政府財政局";
    static final String AGENCY_NEW_NAME = "臺北市稅捐稽徵處";
    static final String FEE_CLASS_NAME = "建築執照規費";
    static final String PAYER_NAME = "林美玲";
    static final String PAYER = "citizen-rcpt-a";
    static final String LATE_ENROLLER = "citizen-rcpt-late";
    static final String OTHER_CITIZEN = "citizen-rcpt-b";
    static final String OFFICER = "officer-rcpt";
    static final Duration WITHIN = Duration.ofSeconds(30);
    /** The issue's promise: a paid bill's receipt is in the citizen's receipts within a second. */
    static final Duration SHOWN_WITHIN = Duration.ofSeconds(1);
    /** The test clock's year ({@link org.civicledger.ops.support.TestClockConfiguration#START}): 2026, ROC 115. */
    static final int YEAR = 2026;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DevelopmentIssuer issuer;
    @Autowired
    CommandGateway commands;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void referenceData() {
        Actor loader = Actor.system("test-loader");
        commands.sendAndWait(new RegisterAgency(AGENCY, AGENCY_NAME, "rcpt-ra-1", loader));
        commands.sendAndWait(new RegisterAgency(OTHER_AGENCY, "Parks Office", "rcpt-ra-2", loader));
        commands.sendAndWait(new RegisterFeeClass(FEE_CLASS, FEE_CLASS_NAME, FeeKind.GOVERNMENT_FEE, AGENCY, null,
                "revenue:" + AGENCY + ":" + FEE_CLASS, "rcpt-rf", loader));
        commands.sendAndWait(new RegisterPaymentProvider(PROVIDER, "Test Bank", ProviderKind.BANK, List.of("atm"), SECRET_REF, "rcpt-rp", loader));
    }

    @Test
    void a_paid_bill_gets_one_receipt_at_once_whose_pdf_and_qr_code_verify_and_which_is_voided_and_reissued() throws Exception {
        // A first payment of another citizen wakes every processor of the freshly started ledger (segment claims take
        // seconds after a start); the promise below is about a ledger that runs, as the demo's does.
        String warmUp = issueBill(OTHER_CITIZEN, validNationalId("G22345678"), "Wang Fang", 50, "T-RCPT-0");
        assertThat(callback("evt-rcpt-0", initiate(OTHER_CITIZEN, warmUp), "succeeded", "50").status()).isEqualTo(200);
        await().atMost(WITHIN).until(() -> get(OTHER_CITIZEN, "/api/v1/citizens/" + OTHER_CITIZEN + "/receipts").body().path("items").size() == 1);

        String billId = issueBill(PAYER, "A123456789", PAYER_NAME, 700, "T-RCPT-1");
        String paymentId = initiate(PAYER, billId);
        JsonAnswer succeeded = callback("evt-rcpt-1", paymentId, "succeeded", "700");
        assertThat(succeeded.status()).as(succeeded.response().body()).isEqualTo(200);
        long paidAt = System.nanoTime();

        // Within a second of the provider's word, the receipt is in the citizen's receipts and in their history.
        await().atMost(SHOWN_WITHIN).pollInterval(Duration.ofMillis(20))
                .until(() -> get(PAYER, "/api/v1/citizens/" + PAYER + "/receipts").body().path("items").size() == 1);
        System.out.printf("receipt shown %d ms after the succeeded callback%n", (System.nanoTime() - paidAt) / 1_000_000);
        await().atMost(Duration.ofNanos(Math.max(1_000_000, SHOWN_WITHIN.toNanos() - (System.nanoTime() - paidAt)))).pollInterval(Duration.ofMillis(20))
                .until(() -> get(PAYER, "/api/v1/citizens/" + PAYER + "/history?category=receipt").body().path("items").size() == 1);
        System.out.printf("receipt in the history %d ms after the succeeded callback%n", (System.nanoTime() - paidAt) / 1_000_000);
        JsonNode receipt = get(PAYER, "/api/v1/citizens/" + PAYER + "/receipts").body().path("items").get(0);
        String receiptId = receipt.get("receiptId").asText();
        String number = receipt.get("number").asText();
        assertThat(receiptId).isEqualTo(ReceiptCommands.receiptIdForBill(billId));
        assertThat(number).matches(AGENCY + "-115-\\d{7}");
        assertThat(receipt.get("status").asText()).isEqualTo("ISSUED");
        assertThat(receipt.get("year").asInt()).isEqualTo(YEAR);
        assertThat(receipt.get("rocYear").asInt()).isEqualTo(115);
        assertThat(receipt.get("amount").get("amountMinor").asLong()).isEqualTo(700);
        assertThat(receipt.get("paymentReference").asText()).isEqualTo(paymentId);
        assertThat(receipt.get("history").findValuesAsText("kind")).containsExactly("ReceiptIssued");
        assertThat(receipt.toString()).doesNotContain("A123456789").doesNotContain(PAYER_NAME);

        // A redelivered BillPaid (the same command the issuance process sends) issues nothing twice.
        ReceiptResult again = commands.sendAndWait(new IssueReceiptForBill(receiptId, billId, paymentId, "receipt/" + billId,
                Actor.system("receipt-issuance")));
        assertThat(again.duplicate()).isTrue();
        assertThat(again.number()).isEqualTo(number);
        assertThat(receiptIssuedCount(receiptId)).isEqualTo(1);
        // The payer inside the stored ReceiptIssued is sealed, as a bill's is: neither name nor national ID in clear.
        String stored = new String(jdbc.queryForObject("SELECT payload FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 0",
                byte[].class, receiptId), StandardCharsets.UTF_8);
        assertThat(stored).contains("\"sealed\"").doesNotContain(PAYER_NAME).doesNotContain("A123456789");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM receipt_register WHERE bill_id = ?", Integer.class, billId)).isEqualTo(1);

        // The PDF: its text, the Chinese names as written (not '?'), and its QR code carrying the verification URL, which verifies.
        HttpResponse<byte[]> pdf = http.send(HttpRequest.newBuilder(uri("/api/v1/receipts/" + receiptId + "/pdf"))
                .header("Authorization", token(PAYER)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/pdf"));
        String qr;
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("RECEIPT", number, "ROC 115 (2026)", "Issuing agency: " + AGENCY_NAME + " (" + AGENCY + ")",
                            "Fee class: " + FEE_CLASS_NAME + " (" + FEE_CLASS + ")", "TWD 700", paymentId, "Payer: " + PAYER_NAME, "A12*****89")
                    .doesNotContain("A123456789");
            assertThat(text.substring(0, text.indexOf("Verify: "))).as("no character printed as '?'").doesNotContain("?");
            qr = decodeQr(new PDFRenderer(document).renderImageWithDPI(0, 200));
        }
        assertThat(qr).startsWith(VERIFY_BASE + "?number=" + number + "&code=");
        String code = qr.substring(qr.indexOf("&code=") + 6);
        assertThat(code).matches("[A-Z2-7]{12}");
        JsonAnswer verified = anonymous(qr.replace(VERIFY_BASE, "/api/v1/receipts/verify"));
        assertThat(verified.status()).as(verified.response().body()).isEqualTo(200);
        assertThat(verified.text("status")).isEqualTo("valid");
        assertThat(verified.text("agencyCode")).isEqualTo(AGENCY);
        assertThat(verified.body().get("rocYear").asInt()).isEqualTo(115);
        assertThat(verified.response().body()).doesNotContain(PAYER_NAME).doesNotContain("A123456789").doesNotContain(PAYER);
        assertThat(anonymous("/api/v1/receipts/verify?number=" + number + "&code=" + otherCode(code)).text("status")).isEqualTo("unknown");
        assertThat(anonymous("/api/v1/receipts/verify?number=" + AGENCY + "-115-9999999&code=" + code).text("status")).isEqualTo("unknown");
        assertThat(anonymous("/api/v1/receipts/verify?number=nonsense&code=" + code).status()).isEqualTo(400);

        // Once a checkpoint covers it, the verification carries the ReceiptIssued event's inclusion proof, which checks out.
        JsonAnswer checkpoint = post("operator", "/api/v1/integrity/checkpoints", "{}");
        assertThat(checkpoint.status()).as(checkpoint.response().body()).isEqualTo(200);
        JsonNode inclusion = anonymous(qr.replace(VERIFY_BASE, "/api/v1/receipts/verify")).body().get("inclusion");
        assertThat(inclusion.isObject()).as("inclusion proof present").isTrue();
        assertThat(inclusion.get("globalIndex").asLong()).isEqualTo(globalIndexOfIssued(receiptId));
        assertThat(verifiesInclusion(inclusion)).isTrue();

        // Nobody else's business.
        assertThat(get(OTHER_CITIZEN, "/api/v1/receipts/" + receiptId).status()).isEqualTo(404);
        assertThat(get(OTHER_CITIZEN, "/api/v1/citizens/" + PAYER + "/receipts").status()).isEqualTo(403);
        assertThat(get("officer-other", "/api/v1/receipts/" + receiptId).status()).isEqualTo(403);
        assertThat(get(OFFICER, "/api/v1/receipts/" + receiptId).status()).isEqualTo(200);
        assertThat(post("officer-other", "/api/v1/receipts/" + receiptId + "/void", "{\"reason\": \"not ours\"}").status()).isEqualTo(403);

        // The agency is renamed before the reissue: the replacement prints the new name, the voided one the name it was issued under.
        commands.sendAndWait(new RenameAgency(AGENCY, AGENCY_NEW_NAME, "reorganised", "rcpt-rn-1", Actor.system("test-loader")));
        // Void and reissue under a new number that names the old one; the old number stays in the book, as voided.
        JsonAnswer reissued = post(OFFICER, "/api/v1/receipts/" + receiptId + "/reissue", "{\"reason\": \"printed on the wrong form\"}");
        assertThat(reissued.status()).as(reissued.response().body()).isEqualTo(201);
        String newId = reissued.text("receiptId");
        String newNumber = reissued.text("number");
        assertThat(newNumber).isNotEqualTo(number).startsWith(AGENCY + "-115-");
        assertThat(post(OFFICER, "/api/v1/receipts/" + receiptId + "/void", "{\"reason\": \"again\"}").status()).isEqualTo(409);
        await().atMost(WITHIN).until(() -> get(PAYER, "/api/v1/citizens/" + PAYER + "/receipts").body().path("items").size() == 2);
        JsonNode mine = get(PAYER, "/api/v1/citizens/" + PAYER + "/receipts").body().path("items");
        JsonNode replacement = mine.get(0).get("receiptId").asText().equals(newId) ? mine.get(0) : mine.get(1);
        JsonNode voided = replacement == mine.get(0) ? mine.get(1) : mine.get(0);
        assertThat(replacement.get("reissueOf").asText()).isEqualTo(receiptId);
        assertThat(replacement.get("status").asText()).isEqualTo("ISSUED");
        assertThat(voided.get("status").asText()).isEqualTo("VOIDED");
        assertThat(voided.get("voidReason").asText()).isEqualTo("printed on the wrong form");
        assertThat(voided.get("history").findValuesAsText("kind")).containsExactly("ReceiptIssued", "ReceiptVoided");
        assertThat(pdfText(PAYER, newId)).contains("Issuing agency: " + AGENCY_NEW_NAME + " (" + AGENCY + ")", "Payer: " + PAYER_NAME);
        assertThat(pdfText(PAYER, receiptId)).contains("RECEIPT (VOIDED)", "Issuing agency: " + AGENCY_NAME + " (" + AGENCY + ")");
        JsonAnswer oldVerified = anonymous(qr.replace(VERIFY_BASE, "/api/v1/receipts/verify"));
        assertThat(oldVerified.text("status")).isEqualTo("voided");
        assertThat(oldVerified.text("replacedBy")).isEqualTo(newNumber);
        // Both corrections are in the audit trail.
        await().atMost(WITHIN).until(() -> get("auditor", "/api/v1/audit/events?aggregate=" + receiptId).body().toString().contains("ReceiptVoided"));
        assertThat(get("auditor", "/api/v1/audit/events?aggregate=" + newId).body().toString()).contains("ReceiptIssued");

        // The receipt book of the year: every number, none missing, the voided one included.
        JsonAnswer book = get(OFFICER, "/api/v1/agencies/" + AGENCY + "/receipt-books/" + YEAR);
        assertThat(book.status()).as(book.response().body()).isEqualTo(200);
        assertThat(book.body().get("complete").asBoolean()).isTrue();
        assertThat(book.body().get("rocYear").asInt()).isEqualTo(115);
        List<Long> sequences = new ArrayList<>();
        book.body().get("entries").forEach(entry -> sequences.add(entry.get("sequence").asLong()));
        assertThat(sequences).isNotEmpty();
        for (int i = 0; i < sequences.size(); i++) {
            assertThat(sequences.get(i)).isEqualTo(i + 1L);
        }
        assertThat(book.body().get("entries").findValuesAsText("status")).contains("VOIDED", "ISSUED");
        HttpResponse<String> csv = http.send(HttpRequest.newBuilder(uri("/api/v1/agencies/" + AGENCY + "/receipt-books/" + YEAR + ".csv"))
                .header("Authorization", token("auditor")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("sequence,number,status,").contains(number + ",VOIDED," + receiptId).contains(newNumber + ",ISSUED," + newId);
        assertThat(get("officer-other", "/api/v1/agencies/" + AGENCY + "/receipt-books/" + YEAR).status()).isEqualTo(403);
        assertThat(get(PAYER, "/api/v1/agencies/" + AGENCY + "/receipt-books/" + YEAR).status()).isEqualTo(403);
    }

    @Test
    void a_counter_receipt_for_a_payer_without_an_account_is_attributed_when_they_enroll() throws Exception {
        String nationalId = validNationalId("F12345678");
        JsonAnswer issued = post(OFFICER, "/api/v1/receipts", """
                {"feeClassCode": "%s", "payer": {"nationalId": "%s", "name": "Chen Wei"},
                 "amount": {"amountMinor": 120, "currency": "TWD"}, "paymentReference": "CASH-0001"}""".formatted(FEE_CLASS, nationalId));
        assertThat(issued.status()).as(issued.response().body()).isEqualTo(201);
        String receiptId = issued.text("receiptId");
        assertThat(issued.text("number")).startsWith(AGENCY + "-115-");
        assertThat(post("officer-other", "/api/v1/receipts", """
                {"feeClassCode": "%s", "payer": {"nationalId": "%s", "name": "Chen Wei"},
                 "amount": {"amountMinor": 120, "currency": "TWD"}, "paymentReference": "CASH-0002"}""".formatted(FEE_CLASS, nationalId))
                .status()).as("another agency's fee class").isEqualTo(403);
        JsonAnswer noPayer = post(OFFICER, "/api/v1/receipts", """
                {"feeClassCode": "%s", "amount": {"amountMinor": 120, "currency": "TWD"}, "paymentReference": "CASH-0003"}""".formatted(FEE_CLASS));
        assertThat(noPayer.status()).isEqualTo(400);
        assertThat(noPayer.response().body()).contains("payer");
        await().atMost(WITHIN).until(() -> get(OFFICER, "/api/v1/receipts/" + receiptId).status() == 200);
        assertThat(get(OFFICER, "/api/v1/receipts/" + receiptId).body().get("citizenSubject").isNull()).isTrue();
        assertThat(get(LATE_ENROLLER, "/api/v1/citizens/" + LATE_ENROLLER + "/receipts").body().path("items").size()).isZero();

        // The citizen enrolls later: the identity provider's word, through an operator; the receipt is attributed retroactively.
        assertThat(post(LATE_ENROLLER, "/api/v1/citizen-accounts", enrollment(LATE_ENROLLER, nationalId)).status()).isEqualTo(403);
        JsonAnswer enrolled = post("operator", "/api/v1/citizen-accounts", enrollment(LATE_ENROLLER, nationalId));
        assertThat(enrolled.status()).as(enrolled.response().body()).isEqualTo(200);
        assertThat(enrolled.body().get("receiptsAttributed").asInt()).isEqualTo(1);
        assertThat(post("operator", "/api/v1/citizen-accounts", enrollment(LATE_ENROLLER, nationalId)).body().get("receiptsAttributed").asInt())
                .as("enrolling again attributes nothing twice").isZero();
        assertThat(post("operator", "/api/v1/citizen-accounts", enrollment("citizen-rcpt-impostor", nationalId)).status()).isEqualTo(409);
        await().atMost(WITHIN).until(() -> get(LATE_ENROLLER, "/api/v1/citizens/" + LATE_ENROLLER + "/receipts").body().path("items").size() == 1);
        JsonNode attributed = get(LATE_ENROLLER, "/api/v1/citizens/" + LATE_ENROLLER + "/receipts").body().path("items").get(0);
        assertThat(attributed.get("receiptId").asText()).isEqualTo(receiptId);
        assertThat(attributed.get("history").findValuesAsText("kind")).containsExactly("ReceiptIssued", "ReceiptAttributed");
        // The citizen's timeline gets the receipt at the position it was issued at, before their enrolment.
        await().atMost(WITHIN).until(() -> get(LATE_ENROLLER, "/api/v1/citizens/" + LATE_ENROLLER + "/history?category=receipt").body()
                .path("items").size() == 2);
        JsonNode timeline = get(LATE_ENROLLER, "/api/v1/citizens/" + LATE_ENROLLER + "/history?category=receipt").body().path("items");
        assertThat(timeline.findValuesAsText("kind")).containsExactly("ReceiptAttributed", "ReceiptIssued");
        assertThat(timeline.findValuesAsText("itemId")).containsOnly(receiptId);
        assertThat(timeline.get(1).get("summary").asText()).contains(issued.text("number")).doesNotContain("Chen Wei");

        // After enrollment, a new counter receipt of theirs is theirs from the start.
        JsonAnswer later = post(OFFICER, "/api/v1/receipts", """
                {"feeClassCode": "%s", "payer": {"nationalId": "%s", "name": "Chen Wei"},
                 "amount": {"amountMinor": 80, "currency": "TWD"}, "paymentReference": "CASH-0004"}""".formatted(FEE_CLASS, nationalId));
        assertThat(later.status()).isEqualTo(201);
        await().atMost(WITHIN).until(() -> get(LATE_ENROLLER, "/api/v1/citizens/" + LATE_ENROLLER + "/receipts").body().path("items").size() == 2);
        assertThat(get(LATE_ENROLLER, "/api/v1/receipts/" + later.text("receiptId")).body().get("citizenSubject").asText()).isEqualTo(LATE_ENROLLER);
    }

    // ---- helpers ----

    String pdfText(String subject, String receiptId) throws Exception {
        HttpResponse<byte[]> pdf = http.send(HttpRequest.newBuilder(uri("/api/v1/receipts/" + receiptId + "/pdf"))
                .header("Authorization", token(subject)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            return new PDFTextStripper().getText(document);
        }
    }

    static String enrollment(String subject, String nationalId) {
        return "{\"citizenSubject\": \"%s\", \"nationalId\": \"%s\"}".formatted(subject, nationalId);
    }

    /** The one check digit that makes {@code prefix} (a letter and eight digits) a valid national ID. */
    static String validNationalId(String prefix) {
        for (int digit = 0; digit <= 9; digit++) {
            try {
                return new NationalId(prefix + digit).value();
            } catch (IllegalArgumentException wrongCheckDigit) {
                // Try the next one.
            }
        }
        throw new IllegalStateException("no check digit for " + prefix);
    }

    static String otherCode(String code) {
        char first = code.charAt(0) == 'A' ? 'B' : 'A';
        return first + code.substring(1);
    }

    static String decodeQr(BufferedImage image) throws Exception {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        RGBLuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
    }

    int receiptIssuedCount(String receiptId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE ?",
                Integer.class, receiptId, "%ReceiptIssued");
        return count == null ? 0 : count;
    }

    long globalIndexOfIssued(String receiptId) {
        return jdbc.queryForObject("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 0",
                Long.class, receiptId);
    }

    /** RFC 9162 inclusion check of the proof against its root, with the event hash the proof names. */
    static boolean verifiesInclusion(JsonNode proof) throws Exception {
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        byte[] leaf = Base64.getDecoder().decode(proof.get("leafHash").asText());
        byte[] eventHash = Base64.getDecoder().decode(proof.get("eventHash").asText());
        byte[] expectedLeaf = sha.digest(concat(new byte[] {0}, eventHash));
        if (!java.util.Arrays.equals(leaf, expectedLeaf)) {
            return false;
        }
        long index = proof.get("leafIndex").asLong();
        long last = proof.get("treeSize").asLong() - 1;
        byte[] hash = leaf;
        for (JsonNode sibling : proof.get("auditPath")) {
            byte[] node = Base64.getDecoder().decode(sibling.asText());
            if (last == 0) {
                return false;
            }
            if ((index & 1) == 1 || index == last) {
                hash = sha.digest(concat(new byte[] {1}, node, hash));
                if ((index & 1) == 0) {
                    while ((index & 1) == 0 && index != 0) {
                        index >>= 1;
                        last >>= 1;
                    }
                }
            } else {
                hash = sha.digest(concat(new byte[] {1}, hash, node));
            }
            index >>= 1;
            last >>= 1;
        }
        return last == 0 && java.util.Arrays.equals(hash, Base64.getDecoder().decode(proof.get("rootHash").asText()));
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    String issueBill(String citizen, String nationalId, String name, long dollars, String reference) throws Exception {
        JsonAnswer issued = post(OFFICER, "/api/v1/bills", """
                {"feeClassCode": "%s", "payer": {"citizenSubject": "%s", "nationalId": "%s", "name": "%s"},
                 "amount": {"amountMinor": %d, "currency": "TWD"}, "dueOn": "2027-01-31",
                 "reference": {"kind": "FINE_TICKET", "id": "%s"}}""".formatted(FEE_CLASS, citizen, nationalId, name, dollars, reference));
        assertThat(issued.status()).as(issued.response().body()).isEqualTo(201);
        return issued.text("billId");
    }

    String initiate(String citizen, String billId) throws Exception {
        JsonAnswer initiated = post(citizen, "/api/v1/payments", """
                {"billIds": ["%s"], "providerCode": "%s", "channel": "atm"}""".formatted(billId, PROVIDER));
        assertThat(initiated.status()).as(initiated.response().body()).isEqualTo(201);
        return initiated.text("paymentId");
    }

    JsonAnswer callback(String eventId, String paymentId, String status, String amount) throws Exception {
        byte[] raw = """
                {"providerEventId": "%s", "paymentId": "%s", "status": "%s", "amount": "%s", "currency": "TWD", "occurredAt": "%s"}"""
                .formatted(eventId, paymentId, status, amount, Instant.now()).getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        String signature = "v1=" + HexFormat.of().formatHex(mac.doFinal(raw));
        return send(HttpRequest.newBuilder(uri("/api/v1/providers/" + PROVIDER + "/callbacks")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-Ledger-Timestamp", timestamp).header("X-Ledger-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build());
    }

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
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("Authorization", token(as))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    JsonAnswer get(String as, String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("Authorization", token(as)).GET().build());
    }

    JsonAnswer anonymous(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    JsonAnswer send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
        return new JsonAnswer(response.statusCode(), body, response);
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
