package org.civicledger.events.receipts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A receipt's number in its agency's receipt book: the agency, the Gregorian year of issue (in the city's
 * zone) and the place in that year's book, counted from 1 without holes.
 *
 * <p>Printed as {@code <agency>-<ROC year>-<sequence, 7 digits>}, e.g. {@code TAX-115-0000042} for the 42nd
 * receipt of 2026: the Republic of China calendar counts years from 1912, so the ROC year is the Gregorian
 * year minus {@value #ROC_OFFSET}.
 */
public record ReceiptNumber(String agencyCode, int year, long sequence) {

    public static final int ROC_OFFSET = 1911;
    /** Seven digits: 10 million receipts of one agency in one year; the city's busiest issues about 2 million. */
    public static final long SEQUENCE_MAX = 9_999_999L;
    private static final Pattern TEXT = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]{0,63})-(\\d{2,4})-(\\d{7})");

    public ReceiptNumber {
        if (agencyCode == null || agencyCode.isBlank()) {
            throw new IllegalArgumentException("a receipt number names its agency");
        }
        if (year <= ROC_OFFSET || year > 9999) {
            throw new IllegalArgumentException("a receipt number's year is a Gregorian year after " + ROC_OFFSET);
        }
        if (sequence < 1 || sequence > SEQUENCE_MAX) {
            throw new IllegalArgumentException("a receipt number's sequence is 1 to " + SEQUENCE_MAX);
        }
    }

    /** The year as the Republic of China calendar counts it (2026 is 115). */
    @JsonIgnore
    public int rocYear() {
        return year - ROC_OFFSET;
    }

    /** The printed form, e.g. {@code TAX-115-0000042}. */
    @JsonIgnore
    public String text() {
        return agencyCode + "-" + rocYear() + "-" + String.format("%07d", sequence);
    }

    /** Reads the printed form back; empty when the text is not one. */
    public static java.util.Optional<ReceiptNumber> parse(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        Matcher matcher = TEXT.matcher(text);
        if (!matcher.matches()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new ReceiptNumber(matcher.group(1), Integer.parseInt(matcher.group(2)) + ROC_OFFSET,
                    Long.parseLong(matcher.group(3))));
        } catch (IllegalArgumentException notANumber) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public String toString() {
        return text();
    }
}
