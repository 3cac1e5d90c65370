package org.civicledger.events.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A Taiwan national identification number or resident certificate number, check digit verified.
 *
 * <p>Three formats are accepted, all ten characters: the national ID (letter, 1 or 2 for sex, eight
 * digits), the resident certificate of 2021 onwards (letter, 8 or 9, eight digits) and the older
 * resident certificate (letter, A–D, eight digits). The first letter stands for a two-digit area
 * number; the check is that the weighted sum of all digits is a multiple of ten.
 */
public record NationalId(String value) {

    /** Area numbers of the leading letter, A to Z; the order is historical, not alphabetical. */
    private static final int[] AREA_NUMBERS = {
        10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21, 22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30, 31, 33
    };

    private static final int[] DIGIT_WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 1, 1};

    @JsonCreator
    public NationalId {
        String problem = problemWith(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    /** Says what is wrong with a candidate number, or null when it is a valid one. */
    public static String problemWith(String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return "national ID is required";
        }
        if (!candidate.matches("[A-Z][1289A-D][0-9]{8}")) {
            return "national ID must be a capital letter, then 1, 2, 8, 9 or A-D, then eight digits";
        }
        int area = AREA_NUMBERS[candidate.charAt(0) - 'A'];
        char second = candidate.charAt(1);
        // The old resident certificate encodes the second letter by the last digit of its area number.
        int secondDigit = Character.isDigit(second) ? second - '0' : AREA_NUMBERS[second - 'A'] % 10;
        int sum = (area / 10) + (area % 10) * 9 + secondDigit * DIGIT_WEIGHTS[0];
        for (int i = 2; i < 10; i++) {
            sum += (candidate.charAt(i) - '0') * DIGIT_WEIGHTS[i - 1];
        }
        return sum % 10 == 0 ? null : "national ID check digit does not match";
    }

    public static boolean isValid(String candidate) {
        return problemWith(candidate) == null;
    }

    /** Completes nine leading characters with the check digit that makes them valid. */
    public static NationalId withCheckDigit(String firstNine) {
        for (int digit = 0; digit <= 9; digit++) {
            String candidate = firstNine + digit;
            if (isValid(candidate)) {
                return new NationalId(candidate);
            }
        }
        throw new IllegalArgumentException("no check digit completes " + firstNine);
    }

    @Override
    public String toString() {
        // Personal data: never printed whole by accident (logs, exception messages).
        return value.substring(0, 1) + "*******" + value.substring(8);
    }
}
