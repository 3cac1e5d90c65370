package org.civicledger.command.settlements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.RuleViolation;
import org.civicledger.events.settlements.SettlementCommands;
import org.civicledger.events.settlements.SettlementFileLine;
import org.civicledger.events.settlements.SettlementLineType;
import org.junit.jupiter.api.Test;

class WhenASettlementFileIsRead {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);
    private static final String HEADER = String.join(",", SettlementFile.COLUMNS) + "\n";

    @Test
    void a_written_file_reads_back_line_for_line_with_its_line_numbers() {
        List<SettlementFileLine> lines = List.of(
                new SettlementFileLine(2, "LP-1", SettlementLineType.PAYMENT, "pay-1", "pay-1", Money.twd(600), Money.twd(9),
                        Instant.parse("2026-11-25T02:15:00Z")),
                new SettlementFileLine(3, "LP-2", SettlementLineType.REFUND, "pay-1", "refund-1", Money.twd(100), Money.twd(0),
                        Instant.parse("2026-11-25T05:00:00Z")),
                new SettlementFileLine(4, "LP-3", SettlementLineType.CHARGEBACK, "pay-2", "CB-2026-77", Money.twd(1_200), Money.twd(0),
                        Instant.parse("2026-11-25T09:00:00Z")));
        String text = SettlementFile.write("LINE-PAY", DAY, lines);
        assertThat(text).endsWith("T,LINE-PAY,2026-11-25,3,1900,9,TWD\n");

        SettlementFile.Parsed parsed = SettlementFile.parse(text.getBytes(StandardCharsets.UTF_8), "LINE-PAY");

        assertThat(parsed.lines()).isEqualTo(lines);
        assertThat(parsed.settlementDate()).isEqualTo(DAY);
        assertThat(parsed.sha256()).hasSize(64);
        assertThat(parsed.sha256()).isEqualTo(SettlementCommands.fileSha256(text.getBytes(StandardCharsets.UTF_8)));
        // The same bytes for another provider are another settlement.
        assertThat(SettlementCommands.settlementId("JKOPAY", text.getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(SettlementCommands.settlementId("LINE-PAY", text.getBytes(StandardCharsets.UTF_8))).startsWith("stl-");
    }

    @Test
    void quoted_fields_and_crlf_line_ends_are_read_as_rfc_4180_says() {
        String text = HEADER.replace("\n", "\r\n")
                + "D,LINE-PAY,2026-11-25,\"LP-1\",payment,pay-1,pay-1,600,TWD,9,2026-11-25T02:15:00Z\r\n"
                + "T,LINE-PAY,2026-11-25,1,600,9,TWD\r\n";
        assertThat(SettlementFile.parse(text.getBytes(StandardCharsets.UTF_8), "LINE-PAY").lines()).hasSize(1);
    }

    @Test
    void a_truncated_file_or_one_whose_trailer_disagrees_is_refused_naming_the_line() {
        String detail = "D,LINE-PAY,2026-11-25,LP-1,payment,pay-1,pay-1,600,TWD,9,2026-11-25T02:15:00Z\n";
        assertRefused(HEADER + detail, "ends without its trailer");
        assertRefused(HEADER + detail + "T,LINE-PAY,2026-11-25,1,601,9,TWD\n", "line 3: the trailer says");
        assertRefused(HEADER + detail + "T,LINE-PAY,2026-11-25,2,600,9,TWD\n", "line 3");
    }

    @Test
    void bad_fields_are_refused_naming_the_line_and_the_column() {
        String trailer = "T,LINE-PAY,2026-11-25,1,600,9,TWD\n";
        assertRefused(HEADER + "D,LINE-PAY,2026-11-25,LP-1,payment,pay-1,pay-1,600.50,TWD,9,2026-11-25T02:15:00Z\n" + trailer,
                "line 2: amount_minor");
        assertRefused(HEADER + "D,LINE-PAY,2026-11-25,LP-1,gift,pay-1,pay-1,600,TWD,9,2026-11-25T02:15:00Z\n" + trailer, "line 2: type");
        assertRefused(HEADER + "D,JKOPAY,2026-11-25,LP-1,payment,pay-1,pay-1,600,TWD,9,2026-11-25T02:15:00Z\n" + trailer,
                "line 2: provider_code");
        assertRefused(HEADER + "D,LINE-PAY,2026-11-25,LP-1,payment,pay-1,pay-1,600,TWD,9,yesterday\n" + trailer, "line 2: transacted_at");
        assertRefused(HEADER + "D,LINE-PAY,2026-11-25,LP-1,payment,pay-1,pay-1,600,TWD,9,2026-11-25T02:15:00Z,=cmd()\n" + trailer,
                "line 2: a transaction row has 11 fields");
        assertRefused("amount,payment\n1,2\n", "line 1: the first row names the columns");
        assertRefused("", "no header row");
    }

    @Test
    void text_that_is_not_utf_8_is_refused() {
        byte[] latin1 = (HEADER + "T,LINE-PAY,2026-11-25,0,0,0,TWD\n\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> SettlementFile.parse(latin1, "LINE-PAY")).isInstanceOf(RuleViolation.class).hasMessageContaining("UTF-8");
    }

    private static void assertRefused(String text, String reason) {
        assertThatThrownBy(() -> SettlementFile.parse(text.getBytes(StandardCharsets.UTF_8), "LINE-PAY"))
                .isInstanceOfSatisfying(RuleViolation.class, violation -> {
                    assertThat(violation.field()).isEqualTo("file");
                    assertThat(violation.getMessage()).contains(reason);
                });
    }
}
