package org.civicledger.query.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.civicledger.projections.audit.AuditEvent;
import org.civicledger.projections.audit.AuditFilter;
import org.civicledger.projections.audit.AuditTrailQueries;
import org.civicledger.projections.audit.CaseAsOf;
import org.civicledger.projections.support.Page;
import org.civicledger.projections.support.PageRequest;
import org.civicledger.query.security.ReadAccess;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The audit trail for auditors: events with their envelope by aggregate, actor, agency and time; correlation
 * chains; CSV and JSON exports (streamed, bounded); the state of a case as of a past moment.
 */
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {

    private static final int IDENTIFIER_LENGTH_MAX = 128;

    private final AuditTrailQueries trail;
    private final CaseHistoryReader cases;
    private final ObjectMapper json;

    public AuditController(AuditTrailQueries trail, CaseHistoryReader cases, ObjectMapper json) {
        this.trail = trail;
        this.cases = cases;
        this.json = json;
    }

    /** Events matching the filters, oldest first, one page. */
    @GetMapping("/events")
    public Page<AuditEvent> events(@RequestParam(required = false) String aggregate, @RequestParam(required = false) String actor,
                                   @RequestParam(required = false) String agency, @RequestParam(required = false) String from,
                                   @RequestParam(required = false) String to, @RequestParam(required = false) Integer page,
                                   @RequestParam(required = false) Integer size) {
        ReadAccess.requireAuditor();
        AuditFilter filter = filter(aggregate, actor, agency, from, to);
        try {
            return trail.events(filter, PageRequest.of(page, size));
        } catch (IllegalArgumentException invalid) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, invalid.getMessage());
        }
    }

    /** The same events as CSV (RFC 4180, formulas defused), streamed, at most {@code limit} rows (default and max 10,000). */
    @GetMapping(value = "/events.csv", produces = "text/csv")
    public ResponseEntity<StreamingResponseBody> csv(@RequestParam(required = false) String aggregate,
                                                     @RequestParam(required = false) String actor,
                                                     @RequestParam(required = false) String agency,
                                                     @RequestParam(required = false) String from,
                                                     @RequestParam(required = false) String to,
                                                     @RequestParam(required = false) Integer limit) {
        ReadAccess.requireAuditor();
        AuditFilter filter = filter(aggregate, actor, agency, from, to);
        int rows = limit(limit);
        StreamingResponseBody body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write(AuditCsv.header());
            trail.export(filter, rows, event -> {
                try {
                    writer.write(AuditCsv.line(event));
                } catch (java.io.IOException failed) {
                    throw new java.io.UncheckedIOException(failed);
                }
            });
            writer.flush();
        };
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-events.csv\"")
                .body(body);
    }

    /** The same events as one JSON array, streamed, at most {@code limit} rows (default and max 10,000). */
    @GetMapping(value = "/events.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<StreamingResponseBody> jsonExport(@RequestParam(required = false) String aggregate,
                                                            @RequestParam(required = false) String actor,
                                                            @RequestParam(required = false) String agency,
                                                            @RequestParam(required = false) String from,
                                                            @RequestParam(required = false) String to,
                                                            @RequestParam(required = false) Integer limit) {
        ReadAccess.requireAuditor();
        AuditFilter filter = filter(aggregate, actor, agency, from, to);
        int rows = limit(limit);
        StreamingResponseBody body = out -> {
            try (JsonGenerator generator = json.getFactory().createGenerator(out)) {
                generator.writeStartArray();
                trail.export(filter, rows, event -> {
                    try {
                        json.writeValue(generator, event);
                    } catch (java.io.IOException failed) {
                        throw new java.io.UncheckedIOException(failed);
                    }
                });
                generator.writeEndArray();
            }
        };
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-events.json\"")
                .body(body);
    }

    /** One correlation's events in global order, each with the event of the chain that caused it (if one did). */
    @GetMapping("/correlations/{correlationId}")
    public CorrelationChain correlation(@PathVariable String correlationId) {
        ReadAccess.requireAuditor();
        List<AuditEvent> events = trail.correlation(identifier("correlationId", correlationId));
        if (events.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no event has this correlation id");
        }
        Map<String, Long> byIdentifier = new HashMap<>();
        List<ChainLink> links = new ArrayList<>();
        for (AuditEvent event : events) {
            Long causedBy = event.causationId() == null ? null : byIdentifier.get(event.causationId());
            links.add(new ChainLink(event, causedBy));
            byIdentifier.put(event.eventIdentifier(), event.globalIndex());
        }
        return new CorrelationChain(correlationId, links);
    }

    /** The chain of one correlation. */
    public record CorrelationChain(String correlationId, List<ChainLink> events) {
    }

    /**
     * One event of a chain; {@code causedByGlobalIndex} is the event of the same chain whose identifier is this
     * event's causation id, null when the cause was the command (message) that opened the chain.
     */
    public record ChainLink(AuditEvent event, Long causedByGlobalIndex) {
    }

    /** The case as its events up to a recorded time ({@code timestamp}, ISO-8601) or a global index say. */
    @GetMapping("/cases/{caseId}/as-of")
    public CaseAsOf caseAsOf(@PathVariable String caseId, @RequestParam(required = false) String timestamp,
                             @RequestParam(required = false) Long globalIndex) {
        PointInTime at = pointInTime(timestamp, globalIndex);
        return cases.asOf(identifier("caseId", caseId), at.timestamp(), at.globalIndex())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such case"));
    }

    /** A bill as its events up to a recorded time or a global index say. */
    @GetMapping("/bills/{billId}/as-of")
    public ItemAsOf.BillAsOf billAsOf(@PathVariable String billId, @RequestParam(required = false) String timestamp,
                                      @RequestParam(required = false) Long globalIndex) {
        PointInTime at = pointInTime(timestamp, globalIndex);
        return cases.billAsOf(identifier("billId", billId), at.timestamp(), at.globalIndex())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such bill"));
    }

    /** A payment (with its refunds, chargebacks and journal entries counted) as its events up to a point say. */
    @GetMapping("/payments/{paymentId}/as-of")
    public ItemAsOf.PaymentAsOf paymentAsOf(@PathVariable String paymentId, @RequestParam(required = false) String timestamp,
                                            @RequestParam(required = false) Long globalIndex) {
        PointInTime at = pointInTime(timestamp, globalIndex);
        return cases.paymentAsOf(identifier("paymentId", paymentId), at.timestamp(), at.globalIndex())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such payment"));
    }

    /** A document (its sign-off, deliveries, accesses, revocation) as its events up to a point say. */
    @GetMapping("/documents/{documentId}/as-of")
    public ItemAsOf.DocumentAsOf documentAsOf(@PathVariable String documentId, @RequestParam(required = false) String timestamp,
                                              @RequestParam(required = false) Long globalIndex) {
        PointInTime at = pointInTime(timestamp, globalIndex);
        return cases.documentAsOf(identifier("documentId", documentId), at.timestamp(), at.globalIndex())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such document"));
    }

    private record PointInTime(Instant timestamp, Long globalIndex) {
    }

    /** Exactly one of a recorded time and a global index, checked as for a case. */
    private static PointInTime pointInTime(String timestamp, Long globalIndex) {
        ReadAccess.requireAuditor();
        if ((timestamp == null) == (globalIndex == null)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "give exactly one of timestamp and globalIndex");
        }
        if (globalIndex != null && globalIndex < 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "globalIndex must not be negative");
        }
        return new PointInTime(instant("timestamp", timestamp), globalIndex);
    }

    private static AuditFilter filter(String aggregate, String actor, String agency, String from, String to) {
        return new AuditFilter(optionalIdentifier("aggregate", aggregate), optionalIdentifier("actor", actor),
                optionalIdentifier("agency", agency), instant("from", from), instant("to", to));
    }

    private static int limit(Integer limit) {
        if (limit == null) {
            return AuditTrailQueries.EXPORT_MAX;
        }
        if (limit < 1 || limit > AuditTrailQueries.EXPORT_MAX) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit is 1 to " + AuditTrailQueries.EXPORT_MAX);
        }
        return limit;
    }

    private static String optionalIdentifier(String name, String value) {
        return value == null || value.isEmpty() ? null : identifier(name, value);
    }

    private static String identifier(String name, String value) {
        if (value == null || value.isBlank() || value.length() > IDENTIFIER_LENGTH_MAX) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, name + " is at most " + IDENTIFIER_LENGTH_MAX + " characters");
        }
        return value;
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException invalid) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, name + " must be an ISO-8601 instant such as 2025-03-03T01:00:00Z");
        }
    }
}
