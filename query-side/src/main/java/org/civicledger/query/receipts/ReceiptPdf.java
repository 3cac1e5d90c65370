package org.civicledger.query.receipts;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.civicledger.events.receipts.ReceiptEvent.ReceiptIssued;
import org.civicledger.projections.receipts.ReceiptView;

/**
 * Draws a receipt as a one-page A5 PDF (PDFBox) with a QR code (ZXing) that carries the verification URL. The QR code
 * is drawn as vector squares, so it stays sharp at any print size.
 *
 * <p>The lines are set in Noto Sans TC Regular (SIL Open Font License 1.1, {@code fonts/OFL.txt} beside this class),
 * embedded as a subset: only the glyphs the receipt uses go into the PDF, so a receipt in Chinese (臺北市政府) is about
 * 14 KB. The font has Latin glyphs too, so every line uses it; only the Latin title keeps Helvetica Bold, a
 * standard font that needs no embedding. A character the font has no glyph for (an emoji) prints as {@code ?}. The
 * national ID is printed masked (first three and last two characters), as paper receipts do.
 *
 * <p>The font file is 7 MB: it is read and parsed once per process, on the first receipt. FontBox reads a font's
 * tables lazily, unsynchronized, so the one parsed font is used by one rendering at a time ({@link #FONT_LOCK}).
 */
public final class ReceiptPdf {

    private static final DateTimeFormatter ISSUED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final float QR_SIZE = 120;
    /** The font file on the class path: Noto Sans TC Regular, the Google Fonts build (TrueType outlines). */
    static final String FONT_RESOURCE = "fonts/NotoSansTC-Regular.ttf";
    private static final Object FONT_LOCK = new Object();

    private ReceiptPdf() {
    }

    /** The receipt's font, parsed once on first use and kept for the life of the process. */
    private static final class TextFont {
        static final TrueTypeFont FONT = load();
        static final CmapLookup UNICODE = unicode(FONT);

        private static TrueTypeFont load() {
            try (InputStream in = ReceiptPdf.class.getResourceAsStream(FONT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the receipt font " + FONT_RESOURCE + " is not on the class path");
                }
                return new TTFParser().parse(new RandomAccessReadBuffer(in));
            } catch (IOException e) {
                throw new UncheckedIOException("the receipt font " + FONT_RESOURCE + " could not be read", e);
            }
        }

        private static CmapLookup unicode(TrueTypeFont font) {
            try {
                return font.getUnicodeCmapLookup();
            } catch (IOException e) {
                throw new UncheckedIOException("the receipt font " + FONT_RESOURCE + " has no Unicode character map", e);
            }
        }
    }

    /**
     * The names printed beside the agency's and the fee class's codes, as they were when the receipt was issued; either
     * is null when it is not known, and then the code alone is printed.
     */
    public record PrintedNames(String agencyName, String feeClassName) {

        public static final PrintedNames NONE = new PrintedNames(null, null);
    }

    public static String verificationUrl(String base, String number, String code) {
        return base + "?number=" + number + "&code=" + code;
    }

    public static byte[] render(ReceiptView receipt, ReceiptIssued issued, PrintedNames names, String verificationUrl, ZoneId zone) {
        TrueTypeFont textFont = TextFont.FONT;
        synchronized (FONT_LOCK) {
            return render(receipt, issued, names, verificationUrl, zone, textFont);
        }
    }

    private static byte[] render(ReceiptView receipt, ReceiptIssued issued, PrintedNames names, String verificationUrl, ZoneId zone,
                                 TrueTypeFont textFont) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("Receipt " + receipt.number());
            info.setCreator("Civic Ledger");
            PDPage page = new PDPage(PDRectangle.A5);
            document.addPage(page);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            PDType0Font regular = PDType0Font.load(document, textFont, true);
            float height = page.getMediaBox().getHeight();
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                float y = height - 50;
                text(content, bold, 16, 40, y, receipt.voided() ? "RECEIPT (VOIDED)" : "RECEIPT");
                y -= 26;
                for (String line : lines(receipt, issued, names, zone)) {
                    text(content, regular, 10, 40, y, line);
                    y -= 15;
                }
                y -= 10;
                text(content, regular, 8, 40, y, "Verify: " + verificationUrl);
                qr(content, verificationUrl, 40, 40);
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the receipt PDF could not be written", e);
        }
    }

    private static List<String> lines(ReceiptView receipt, ReceiptIssued issued, PrintedNames names, ZoneId zone) {
        List<String> lines = new ArrayList<>();
        lines.add("Number: " + receipt.number());
        lines.add("Year: ROC " + receipt.rocYear() + " (" + receipt.year() + ")");
        lines.add("Issuing agency: " + named(names.agencyName(), receipt.agencyCode()));
        lines.add("Fee class: " + named(names.feeClassName(), receipt.feeClassCode()));
        lines.add("Amount: " + receipt.amount().currency() + " " + receipt.amount().amountMinor());
        lines.add("Payment reference: " + receipt.paymentReference());
        lines.add("Payer: " + issued.payer().name());
        if (issued.payer().nationalId() != null) {
            lines.add("National ID: " + masked(issued.payer().nationalId().value()));
        }
        lines.add("Issued: " + ISSUED_AT.format(receipt.issuedAt().atZone(zone)) + " " + zone.getId() + " (ROC "
                + receipt.rocYear() + "/" + String.format("%02d/%02d", receipt.issuedOn().getMonthValue(), receipt.issuedOn().getDayOfMonth())
                + ")");
        lines.add("Verification code: " + issued.verificationCode());
        if (receipt.reissueOf() != null) {
            lines.add("Replaces receipt: " + receipt.reissueOf());
        }
        if (receipt.voided()) {
            lines.add("VOIDED: " + receipt.voidReason());
        }
        return lines;
    }

    private static String named(String name, String code) {
        return name == null || name.isBlank() ? code : name + " (" + code + ")";
    }

    static String masked(String nationalId) {
        return nationalId.length() <= 5 ? "*****"
                : nationalId.substring(0, 3) + "*".repeat(nationalId.length() - 5) + nationalId.substring(nationalId.length() - 2);
    }

    private static void text(PDPageContentStream content, PDFont font, float size, float x, float y, String text) throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, y);
        content.showText(printable(font, text));
        content.endText();
    }

    /** What the font can show of the text: characters it has no glyph for become '?'. */
    private static String printable(PDFont font, String text) {
        StringBuilder shown = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> {
            String character = new String(Character.toChars(codePoint));
            if (font instanceof PDType0Font) {
                shown.append(TextFont.UNICODE.getGlyphId(codePoint) != 0 ? character : "?");
                return;
            }
            try {
                font.encode(character);
                shown.append(character);
            } catch (IOException | IllegalArgumentException notInFont) {
                shown.append('?');
            }
        });
        return shown.toString();
    }

    private static void qr(PDPageContentStream content, String url, float x, float y) throws IOException {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0));
        } catch (WriterException e) {
            throw new IllegalStateException("the verification URL does not fit a QR code", e);
        }
        float module = QR_SIZE / matrix.getWidth();
        for (int row = 0; row < matrix.getHeight(); row++) {
            for (int column = 0; column < matrix.getWidth(); column++) {
                if (matrix.get(column, row)) {
                    content.addRect(x + column * module, y + QR_SIZE - (row + 1) * module, module, module);
                }
            }
        }
        content.fill();
    }
}
