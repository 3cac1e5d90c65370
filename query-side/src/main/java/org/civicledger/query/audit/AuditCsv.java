package org.civicledger.query.audit;

import java.util.List;
import org.civicledger.projections.audit.AuditEvent;

/**
 * CSV of the audit trail: RFC 4180 (comma separated, CRLF line ends, a field with a comma, quote, CR or LF in
 * double quotes with quotes doubled), and defused for spreadsheets: a cell starting with {@code = + - @}, TAB
 * or CR is prefixed with a single quote so that no spreadsheet reads it as a formula (CSV/formula injection).
 */
public final class AuditCsv {

    public static final List<String> HEADER = List.of("global_index", "event_identifier", "aggregate_type", "aggregate_identifier",
            "sequence_number", "payload_type", "recorded_at", "actor_subject", "actor_role", "actor_agency", "channel",
            "command_id", "correlation_id", "causation_id");

    private AuditCsv() {
    }

    public static String header() {
        return line(HEADER);
    }

    public static String line(AuditEvent e) {
        return line(java.util.Arrays.asList(Long.toString(e.globalIndex()), e.eventIdentifier(), e.aggregateType(),
                e.aggregateIdentifier(), e.sequenceNumber() == null ? null : e.sequenceNumber().toString(), e.payloadType(),
                e.recordedAt() == null ? null : e.recordedAt().toString(), e.actorSubject(), e.actorRole(), e.actorAgency(),
                e.channel(), e.commandId(), e.correlationId(), e.causationId()));
    }

    static String line(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells.get(i)));
        }
        return line.append("\r\n").toString();
    }

    /** One field: defused against formula injection first, then quoted as RFC 4180 asks. */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = value;
        char first = text.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
