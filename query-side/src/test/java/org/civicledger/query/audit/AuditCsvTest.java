package org.civicledger.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.civicledger.projections.audit.AuditEvent;
import org.junit.jupiter.api.Test;

class AuditCsvTest {

    @Test
    void plain_cells_stay_as_they_are_and_empty_ones_are_empty() {
        assertThat(AuditCsv.cell("case-1")).isEqualTo("case-1");
        assertThat(AuditCsv.cell(null)).isEmpty();
        assertThat(AuditCsv.cell("")).isEmpty();
    }

    @Test
    void cells_with_commas_quotes_or_line_breaks_are_quoted_with_quotes_doubled() {
        assertThat(AuditCsv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    @Test
    void cells_a_spreadsheet_would_read_as_formulas_get_a_single_quote_in_front() {
        assertThat(AuditCsv.cell("=HYPERLINK(\"http://evil.example\",\"x\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"");
        assertThat(AuditCsv.cell("+1+1")).isEqualTo("'+1+1");
        assertThat(AuditCsv.cell("-2")).isEqualTo("'-2");
        assertThat(AuditCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(AuditCsv.cell("\tcmd")).isEqualTo("'\tcmd");
        assertThat(AuditCsv.cell("\rcmd")).isEqualTo("\"'\rcmd\"");
        assertThat(AuditCsv.cell("a=b")).isEqualTo("a=b");
    }

    @Test
    void a_line_has_every_column_of_the_header_and_ends_with_crlf() {
        AuditEvent event = new AuditEvent(7, "evt-1", "CaseFile", "case-1", 0L, "ApplicationSubmitted",
                Instant.parse("2025-03-03T01:00:00Z"), "citizen-1", "CITIZEN", null, "web", "=1+1", "corr-1", "cause-1");
        String line = AuditCsv.line(event);
        assertThat(line).endsWith("\r\n");
        assertThat(line).isEqualTo("7,evt-1,CaseFile,case-1,0,ApplicationSubmitted,2025-03-03T01:00:00Z,citizen-1,CITIZEN,,web,'=1+1,"
                + "corr-1,cause-1\r\n");
        assertThat(AuditCsv.header().split(",")).hasSize(14);
    }
}
