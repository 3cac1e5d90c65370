package org.civicledger.query.read;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import org.civicledger.events.cases.CaseStatus;
import org.civicledger.projections.support.PageRequest;
import org.civicledger.query.http.InvalidRequestException;
import org.civicledger.query.http.RequestText;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Turns the read API's request parameters into query arguments, refusing bad ones as 400 problem details
 * that name the parameter ({@link InvalidRequestException}, rendered by {@code ProblemAdvice}).
 */
public final class ReadRequests {

    /** Identifiers in paths (case ids, subjects, agency and case type codes) are at most this long. */
    static final int IDENTIFIER_LENGTH_MAX = 128;

    private ReadRequests() {
    }

    /** The page asked for, or a 400 naming {@code page} or {@code size}. */
    public static PageRequest page(Integer page, Integer size) {
        if (page != null && page < 0) {
            throw new InvalidRequestException("page", "page counts from 0");
        }
        if (size != null && (size < 1 || size > PageRequest.SIZE_MAX)) {
            throw new InvalidRequestException("size", "size is 1 to " + PageRequest.SIZE_MAX);
        }
        try {
            return PageRequest.of(page, size);
        } catch (IllegalArgumentException invalid) {
            throw new InvalidRequestException("page", invalid.getMessage());
        }
    }

    static CaseStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return CaseStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidRequestException("status", "status must be one of " + Arrays.toString(CaseStatus.values()));
        }
    }

    static String identifier(String name, String value) {
        if (value == null || value.isBlank() || value.length() > IDENTIFIER_LENGTH_MAX) {
            throw new InvalidRequestException(name, name + " is required, at most " + IDENTIFIER_LENGTH_MAX + " characters");
        }
        if (RequestText.problemWith(value) != null || !RequestText.isSingleLine(value)) {
            throw new InvalidRequestException(name, name + " " + (RequestText.problemWith(value) == null
                    ? "must be a single line" : RequestText.problemWith(value)));
        }
        return value;
    }

    static void range(String name, Long value, long min, long max) {
        if (value != null && (value < min || value > max)) {
            throw new InvalidRequestException(name, name + " is " + min + " to " + max);
        }
    }

    static ResponseStatusException notFound(String detail) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, detail);
    }

    /** The city's clock when the assembly provides one (ledgerClock), the system's otherwise. */
    static Clock clock(ObjectProvider<Clock> clocks) {
        return clocks.getIfAvailable(Clock::systemDefaultZone);
    }

    static LocalDate today(Clock clock) {
        return LocalDate.now(clock);
    }
}
