package org.civicledger.query.receipts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Role;
import org.civicledger.events.receipts.ReceiptEvent.ReceiptIssued;
import org.civicledger.events.receipts.ReceiptNumber;
import org.civicledger.projections.integrity.Checkpoint;
import org.civicledger.projections.integrity.IntegrityLog;
import org.civicledger.projections.receipts.ReceiptBookPage;
import org.civicledger.projections.receipts.ReceiptView;
import org.civicledger.projections.receipts.ReceiptsProjection;
import org.civicledger.projections.receipts.ReceiptsQueries;
import org.civicledger.projections.support.Page;
import org.civicledger.query.http.InvalidRequestException;
import org.civicledger.query.read.ReadRequests;
import org.civicledger.query.integrity.IntegrityController;
import org.civicledger.query.security.LedgerAuthentication;
import org.civicledger.query.security.ReadAccess;
import org.civicledger.query.security.SecurityEvents;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Receipts over HTTP, the reading part: one receipt and its PDF (its payer, officers of the issuing agency, auditors), a
 * citizen's receipts (the citizen, auditors), an agency's receipt book per year (its officers, auditors) in JSON and
 * CSV, and the public verification by number and code, which anyone may call and which discloses no personal data.
 */
@RestController
@Tag(name = "Receipts (reads)", description = "Receipts, their PDF, the receipt book and the public verification")
public class ReceiptReadController {

    private static final String VERIFICATION_CODE = "[A-Z2-7]{12}";

    private final ReceiptsQueries receipts;
    private final ReceiptDocuments documents;
    private final IntegrityLog integrity;
    private final String verificationBase;
    private final ZoneId zone;

    public ReceiptReadController(ReceiptsQueries receipts, ReceiptDocuments documents, IntegrityLog integrity,
                                 @Value("${ledger.receipts.verification-url:http://localhost:${server.port:8080}/api/v1/receipts/verify}")
                                 String verificationBase,
                                 @Value("${ledger.zone:Asia/Taipei}") String zone) {
        this.receipts = receipts;
        this.documents = documents;
        this.integrity = integrity;
        this.verificationBase = verificationBase;
        this.zone = ZoneId.of(zone);
    }

    @GetMapping("/api/v1/receipts/{receiptId}")
    @Operation(summary = "One receipt with its history", description = "Its payer, officers of the issuing agency, auditors")
    public ReceiptView receipt(@PathVariable String receiptId, HttpServletRequest request) {
        return readable(receiptId, request);
    }

    @GetMapping(value = "/api/v1/receipts/{receiptId}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "One receipt as a PDF, with a QR code carrying its verification URL")
    public ResponseEntity<byte[]> pdf(@PathVariable String receiptId, HttpServletRequest request) {
        ReceiptView receipt = readable(receiptId, request);
        ReceiptIssued issued = documents.issued(receipt.receiptId()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "receipt " + receiptId + " is not known"));
        byte[] pdf = ReceiptPdf.render(receipt, issued, documents.printedNames(receipt.receiptId()),
                ReceiptPdf.verificationUrl(verificationBase, receipt.number(), issued.verificationCode()), zone);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"receipt-" + receipt.number() + ".pdf\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(pdf);
    }

    /**
     * Public verification: {@code valid}, {@code voided} or {@code unknown} (a wrong code answers unknown too, so
     * numbers cannot be probed), with the agency, date and amount printed on the receipt and no personal data; for a
     * known receipt also the inclusion proof of its {@code ReceiptIssued} event in the latest checkpoint, once one covers it.
     */
    @GetMapping("/api/v1/receipts/verify")
    @Operation(summary = "Verify a receipt by its number and verification code (no sign-in)")
    public Map<String, Object> verify(@RequestParam String number, @RequestParam String code) {
        ReceiptNumber parsed = ReceiptNumber.parse(number).orElseThrow(() -> new InvalidRequestException("number",
                "a receipt number reads <agency>-<ROC year>-<7 digits>, e.g. TAX-115-0000042"));
        if (!code.matches(VERIFICATION_CODE)) {
            throw new InvalidRequestException("code", "a verification code is 12 characters of A-Z and 2-7");
        }
        Optional<ReceiptView> found = receipts.byNumber(parsed).filter(receipt -> receipts.codeSha256(receipt.receiptId())
                .map(hash -> MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
                        ReceiptsProjection.sha256(code).getBytes(StandardCharsets.US_ASCII)))
                .orElse(false));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("number", parsed.text());
        if (found.isEmpty()) {
            answer.put("status", "unknown");
            return answer;
        }
        ReceiptView receipt = found.get();
        answer.put("status", receipt.voided() ? "voided" : "valid");
        answer.put("agencyCode", receipt.agencyCode());
        answer.put("year", receipt.year());
        answer.put("rocYear", receipt.rocYear());
        answer.put("issuedOn", receipt.issuedOn());
        answer.put("feeClassCode", receipt.feeClassCode());
        answer.put("amount", receipt.amount());
        if (receipt.voided()) {
            answer.put("voidedAt", receipt.voidedAt());
            receipts.receipt(receipt.reissuedAs() == null ? "" : receipt.reissuedAs())
                    .ifPresent(replacement -> answer.put("replacedBy", replacement.number()));
        }
        answer.put("eventGlobalIndex", receipt.issuedPosition());
        Optional<Checkpoint> latest = integrity.latest();
        answer.put("inclusion", latest.flatMap(checkpoint -> integrity.inclusion(receipt.issuedPosition(), checkpoint.treeSize())
                .map(proof -> IntegrityController.inclusionAnswer(proof, checkpoint.treeSize()))).orElse(null));
        return answer;
    }

    @GetMapping("/api/v1/citizens/{subject}/receipts")
    @Operation(summary = "A citizen's receipts, newest first, each with its history (issued, voided, reissued, attributed)")
    public Page<ReceiptView> ofCitizen(@PathVariable String subject, @RequestParam(required = false) Integer page,
                                       @RequestParam(required = false) Integer size) {
        ReadAccess.requireCitizenReadable(subject);
        return receipts.ofCitizen(subject, ReadRequests.page(page, size));
    }

    @GetMapping("/api/v1/agencies/{agencyCode}/receipt-books/{year}")
    @Operation(summary = "An agency's receipt book for a Gregorian year: every number with its status, and whether it has holes")
    public ReceiptBookPage book(@PathVariable String agencyCode, @PathVariable int year, @RequestParam(required = false) Long from,
                                @RequestParam(required = false) Integer size) {
        requireBookReadable(agencyCode, year);
        long start = from == null ? 1 : from;
        int pageSize = size == null ? 200 : size;
        if (start < 1 || start > ReceiptNumber.SEQUENCE_MAX) {
            throw new InvalidRequestException("from", "from is a number of the book, 1 to " + ReceiptNumber.SEQUENCE_MAX);
        }
        if (pageSize < 1 || pageSize > ReceiptsQueries.BOOK_PAGE_MAX) {
            throw new InvalidRequestException("size", "size is 1 to " + ReceiptsQueries.BOOK_PAGE_MAX);
        }
        return receipts.book(agencyCode, year, start, pageSize);
    }

    @GetMapping(value = "/api/v1/agencies/{agencyCode}/receipt-books/{year}.csv", produces = "text/csv")
    @Operation(summary = "An agency's receipt book for a year as CSV, every number in order")
    public void bookCsv(@PathVariable String agencyCode, @PathVariable int year, HttpServletResponse response) throws IOException {
        requireBookReadable(agencyCode, year);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"receipt-book-" + agencyCode + "-" + year + ".csv\"");
        PrintWriter out = response.getWriter();
        out.print("sequence,number,status,receipt_id,issued_on,amount_minor,currency,fee_class_code,reissue_of,reissued_as\r\n");
        receipts.eachBookEntry(agencyCode, year, entry -> out.print(entry.sequence() + "," + entry.number() + "," + entry.status() + ","
                + entry.receiptId() + "," + entry.issuedOn() + "," + entry.amountMinor() + "," + entry.currency() + ","
                + entry.feeClassCode() + "," + nullToEmpty(entry.reissueOf()) + "," + nullToEmpty(entry.reissuedAs()) + "\r\n"));
        out.flush();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static void requireBookReadable(String agencyCode, int year) {
        if (!agencyCode.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new InvalidRequestException("agencyCode", "agencyCode must be 1 to 64 letters, digits, dots, dashes or underscores");
        }
        if (year <= ReceiptNumber.ROC_OFFSET || year > 9999) {
            throw new InvalidRequestException("year", "year is a Gregorian year, e.g. " + LocalDate.now().getYear());
        }
        Actor actor = LedgerAuthentication.current().orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN,
                "this needs a signed-in officer or auditor"));
        if (actor.role() != Role.AUDITOR && !actor.isOfficerOf(agencyCode)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "a receipt book is read by the agency's own officers and auditors only");
        }
    }

    /** Its payer's citizen account, officers of the issuing agency, auditors; another citizen gets 404, as for an unknown id. */
    private ReceiptView readable(String receiptId, HttpServletRequest request) {
        ReceiptCommandController.id(receiptId);
        ReceiptView receipt = receipts.receipt(receiptId).orElse(null);
        Actor actor = LedgerAuthentication.current().orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN,
                "this needs a signed-in citizen, officer or auditor"));
        boolean allowed = switch (actor.role()) {
            case AUDITOR -> true;
            case CITIZEN -> receipt != null && actor.subject().equals(receipt.citizenSubject());
            case OFFICER -> receipt == null || actor.isOfficerOf(receipt.agencyCode());
            default -> false;
        };
        if (actor.role() == Role.CITIZEN && !allowed) {
            if (receipt != null) {
                SecurityEvents.denied("other_citizen", actor, request.getMethod(), request.getRequestURI());
            }
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "receipt " + receiptId + " is not known");
        }
        if (!allowed) {
            SecurityEvents.denied(actor.role() == Role.OFFICER ? "other_agency" : "role", actor, request.getMethod(), request.getRequestURI());
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "a receipt is read by its payer, officers of its agency and auditors only");
        }
        if (receipt == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "receipt " + receiptId + " is not known (or not yet in the read model)");
        }
        return receipt;
    }
}
