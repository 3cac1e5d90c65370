package org.civicledger.query.read;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import org.civicledger.events.cases.CaseStatus;
import org.civicledger.projections.support.PageRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Turns the read API's request parameters into query arguments, refusing bad ones as 400 problem details.
 */
final class ReadRequests {

    /** Identifiers in paths (case ids, subjects, agency and case type codes) are at most this long. */
    static final int IDENTIFIER_LENGTH_MAX = 128;

    private ReadRequests() {
    }

    static PageRequest page(Integer page, Integer size) {
        try {
            return PageRequest.of(page, size);
        } catch (IllegalArgumentException invalid) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, invalid.getMessage());
        }
    }

    static CaseStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return CaseStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "status must be one of " + Arrays.toString(CaseStatus.values()));
        }
    }

    static String identifier(String name, String value) {
        if (value == null || value.isBlank() || value.length() > IDENTIFIER_LENGTH_MAX) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    name + " is required, at most " + IDENTIFIER_LENGTH_MAX + " characters");
        }
        return value;
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
