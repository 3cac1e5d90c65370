package org.civicledger.query.http;

import java.text.Normalizer;

/**
 * The rules every string of a request body passes before validation and before it becomes part of a
 * command: what characters are refused, and how what is accepted is normalised.
 *
 * <p>Refused anywhere: unpaired UTF-16 surrogates (they cannot be encoded as UTF-8, so they would break
 * storage or turn into replacement characters later), Unicode noncharacters (U+FDD0–U+FDEF and every
 * code point ending in FFFE or FFFF: never meant for interchange), control characters other than tab
 * and line breaks (NUL, ESC, DEL, C1 controls: they hide text from terminals and log viewers), and the
 * bidirectional embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069, which make text
 * display in another order than it is stored ("Trojan Source", CVE-2021-42574). The marks LRM and RLM
 * are allowed: mixed-direction names need them and they reorder nothing by themselves.
 *
 * <p>Accepted text is normalised: CR LF and lone CR become LF, then the whole is put in Unicode
 * Normalisation Form C, so that the same name typed on two keyboards (precomposed "é" or "e" with a
 * combining accent) is the same string in the ledger, in its length caps and in its comparisons.
 * Tab and LF survive here; fields that must be one line refuse them with {@link SingleLine}.
 */
public final class RequestText {

    /** Codes (agencies, case types, document kinds) and identifiers in paths. */
    public static final String CODE = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    public static final String CODE_MESSAGE = "must be 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit";
    /** Printable ASCII: subjects from the identity provider. */
    public static final String PRINTABLE_ASCII = "[\\x20-\\x7E]+";

    private RequestText() {
    }

    /**
     * What is wrong with a text, in words that never repeat it, or null when it may be accepted.
     */
    public static String problemWith(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return "contains an unpaired surrogate (not valid Unicode text)";
                }
                int codePoint = Character.toCodePoint(c, text.charAt(i + 1));
                if (isNoncharacter(codePoint)) {
                    return "contains a Unicode noncharacter";
                }
                i++;
                continue;
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired surrogate (not valid Unicode text)";
            }
            if (isNoncharacter(c)) {
                return "contains a Unicode noncharacter";
            }
            if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') {
                return "contains a control character";
            }
            if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                return "contains a bidirectional override or isolate character";
            }
        }
        return null;
    }

    /** The text with line breaks made LF and in Normalisation Form C; call only once {@link #problemWith} found nothing. */
    public static String normalise(String text) {
        String lines = text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
        return Normalizer.isNormalized(lines, Normalizer.Form.NFC) ? lines : Normalizer.normalize(lines, Normalizer.Form.NFC);
    }

    /** No tab and no line break. */
    public static boolean isSingleLine(String text) {
        return text.indexOf('\n') < 0 && text.indexOf('\r') < 0 && text.indexOf('\t') < 0;
    }

    static boolean isNoncharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }
}
