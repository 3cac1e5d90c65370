package org.civicledger.query.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.payments.Payer;
import org.civicledger.events.receipts.ReceiptEvent.ReceiptIssued;
import org.civicledger.events.receipts.ReceiptNumber;
import org.civicledger.projections.receipts.ReceiptView;
import org.civicledger.query.receipts.ReceiptPdf.PrintedNames;
import org.junit.jupiter.api.Test;

/**
 * A receipt's PDF read back with PDFBox's text extraction: Chinese names (agency, fee class, payer) come out as written,
 * Latin lines as before, and the embedded font is a subset. Prints the PDF's size and render time.
 */
class WhenAReceiptIsPrinted {

    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    static final String URL = "https://verify.civic-ledger.test/api/v1/receipts/verify?number=TCG-A01-115-0000042&code=ABCDEFGHJKLM";
    static final PrintedNames CHINESE = new PrintedNames("臺北市政府財政局", "建築執照規費");

    @Test
    void chinese_agency_fee_class_and_payer_names_read_back_as_written_not_as_question_marks() throws Exception {
        byte[] pdf = ReceiptPdf.render(receipt(), issued("林美玲"), CHINESE, URL, TAIPEI);

        String text = text(pdf);
        assertThat(text).contains("Issuing agency: 臺北市政府財政局 (TCG-A01)", "Fee class: 建築執照規費 (PERMIT-FEE)", "Payer: 林美玲");
        // The verification URL has its own '?'; no line above it has one.
        assertThat(text.substring(0, text.indexOf("Verify: "))).doesNotContain("?");
        // A subset: the glyphs of this receipt, not the 7 MB font.
        assertThat(pdf.length).isLessThan(64 * 1024);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDPage page = document.getPage(0);
            List<PDFont> fonts = new ArrayList<>();
            for (var name : page.getResources().getFontNames()) {
                fonts.add(page.getResources().getFont(name));
            }
            assertThat(fonts).filteredOn(font -> font instanceof PDType0Font)
                    .singleElement()
                    .satisfies(font -> {
                        assertThat(font.isEmbedded()).isTrue();
                        assertThat(font.getName()).matches("[A-Z]{6}\\+NotoSansTC.*");
                    });
        }
    }

    @Test
    void latin_lines_read_back_unchanged_and_the_codes_stand_alone_when_no_names_are_known() throws Exception {
        String text = text(ReceiptPdf.render(receipt(), issued("Lin Mei"), PrintedNames.NONE, URL, TAIPEI));

        assertThat(text).contains("RECEIPT", "Number: TCG-A01-115-0000042", "Year: ROC 115 (2026)", "Issuing agency: TCG-A01\n",
                "Fee class: PERMIT-FEE\n", "Amount: TWD 700", "Payment reference: pay-1", "Payer: Lin Mei", "National ID: A12*****89",
                "Issued: 2026-03-02 11:04:05 Asia/Taipei (ROC 115/03/02)", "Verification code: ABCDEFGHJKLM", "Verify: " + URL)
                .doesNotContain("A123456789");
    }

    @Test
    void a_character_the_font_has_no_glyph_for_prints_as_a_question_mark_and_the_rest_of_the_name_stays() throws Exception {
        // U+1F600 (an emoji) is in no CJK text font; the name around it is.
        String text = text(ReceiptPdf.render(receipt(), issued("林\uD83D\uDE00美"), CHINESE, URL, TAIPEI));

        assertThat(text).contains("Payer: 林?美");
    }

    @Test
    void receipts_printed_at_the_same_time_on_several_threads_each_read_back_with_their_own_payer() throws Exception {
        List<String> payers = List.of("林美玲", "王小明", "陳大文", "張淑芬", "李志強", "黃雅婷", "吳建宏", "劉怡君");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> rendered = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (String payer : payers) {
                    rendered.add(pool.submit(() -> ReceiptPdf.render(receipt(), issued(payer), CHINESE, URL, TAIPEI)));
                }
            }
            for (int i = 0; i < rendered.size(); i++) {
                assertThat(text(rendered.get(i).get())).contains("Payer: " + payers.get(i % payers.size()), "臺北市政府財政局");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Not an assertion: the cost of the embedded font, printed for the record (docs/receipts.md quotes it). */
    @Test
    void size_and_render_time_are_printed() throws Exception {
        measure("latin", PrintedNames.NONE, "Lin Mei");
        measure("chinese", CHINESE, "林美玲");
    }

    private static void measure(String label, PrintedNames names, String payer) throws Exception {
        long started = System.nanoTime();
        byte[] first = ReceiptPdf.render(receipt(), issued(payer), names, URL, TAIPEI);
        long firstMs = (System.nanoTime() - started) / 1_000_000;
        for (int i = 0; i < 30; i++) {
            ReceiptPdf.render(receipt(), issued(payer), names, URL, TAIPEI);
        }
        long[] nanos = new long[100];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            ReceiptPdf.render(receipt(), issued(payer), names, URL, TAIPEI);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("receipt pdf %s: %d bytes; first render in this JVM %d ms; after 30 more, median %.1f ms, p90 %.1f ms of 100%n",
                label, first.length, firstMs, nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 9 / 10] / 1e6);
        assertThat(text(first)).contains("Payer: " + payer);
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static ReceiptIssued issued(String payer) {
        return new ReceiptIssued("receipt-1", new ReceiptNumber("TCG-A01", 2026, 42), "TCG-A01", "PERMIT-FEE",
                new Payer("citizen-1", new NationalId("A123456789"), payer), "citizen-1", Money.twd(700), "pay-1", "bill-1",
                "ABCDEFGHJKLM", Instant.parse("2026-03-02T03:04:05Z"), LocalDate.of(2026, 3, 2), null);
    }

    private static ReceiptView receipt() {
        return new ReceiptView("receipt-1", "TCG-A01-115-0000042", "TCG-A01", 2026, 115, 42, "ISSUED", "PERMIT-FEE", Money.twd(700),
                "pay-1", "bill-1", "citizen-1", Instant.parse("2026-03-02T03:04:05Z"), LocalDate.of(2026, 3, 2), null, null, null, null,
                1, 1, List.of());
    }
}
