package org.civicledger.query.write;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.civicledger.events.common.Money;
import org.civicledger.events.reference.CalendarEvents.Holiday;
import org.civicledger.query.http.RequestText;
import org.civicledger.query.http.SingleLine;

/**
 * Bodies of the reference data commands: agencies, case types and the business calendar. As for the case
 * bodies: every string and list is capped, codes have a pattern, names and sources are one line, reasons
 * may have several.
 */
public final class ReferenceRequests {

    static final int CODE_LENGTH_MAX = 64;
    static final int NAME_LENGTH_MAX = 200;
    static final int REASON_LENGTH_MAX = 500;
    static final int REQUIRED_DOCUMENTS_MAX = 20;
    static final int DAYS_IN_YEAR_MAX = 366;
    /** A trillion minor units; no fee comes near it, and it keeps sums of many fees far from overflow. */
    static final long AMOUNT_MINOR_MAX = 1_000_000_000_000L;
    /** The calendar years the ledger takes (path {@code year}), as the read side. */
    public static final int YEAR_MIN = 1990;
    public static final int YEAR_MAX = 2200;

    private ReferenceRequests() {
    }

    public record RegisterAgencyBody(
            @NotBlank @Pattern(regexp = RequestText.CODE, message = RequestText.CODE_MESSAGE) String agencyCode,
            @NotBlank @Size(max = NAME_LENGTH_MAX) @SingleLine String name) {
    }

    public record RenameAgencyBody(
            @NotBlank @Size(max = NAME_LENGTH_MAX) @SingleLine String name,
            @NotBlank @Size(max = REASON_LENGTH_MAX) String reason) {
    }

    /** An amount in minor units of a currency (for TWD, whole dollars). */
    public record MoneyBody(
            @NotNull @Min(0) @Max(AMOUNT_MINOR_MAX) Long amountMinor,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as TWD") String currency) {

        Money toMoney() {
            return new Money(amountMinor, currency);
        }
    }

    /** {@code issuesCertificate}: an approved case of the type yields a signed certificate; false when left out. */
    public record RegisterCaseTypeBody(
            @NotBlank @Pattern(regexp = RequestText.CODE, message = RequestText.CODE_MESSAGE) String caseTypeCode,
            @NotBlank @Pattern(regexp = RequestText.CODE, message = RequestText.CODE_MESSAGE) String agencyCode,
            @NotBlank @Size(max = NAME_LENGTH_MAX) @SingleLine String name,
            @NotNull @Size(max = REQUIRED_DOCUMENTS_MAX)
            List<@NotBlank @Pattern(regexp = RequestText.CODE, message = RequestText.CODE_MESSAGE) String> requiredDocuments,
            @NotNull @Valid MoneyBody fee,
            @NotNull @Min(1) @Max(365) Integer statutoryProcessingDays,
            Boolean issuesCertificate) {
    }

    /** {@code issuesCertificate}: whether approved cases yield a certificate from now on; unchanged when left out. */
    public record ReviseCaseTypeBody(
            @NotBlank @Size(max = NAME_LENGTH_MAX) @SingleLine String name,
            @NotNull @Size(max = REQUIRED_DOCUMENTS_MAX)
            List<@NotBlank @Pattern(regexp = RequestText.CODE, message = RequestText.CODE_MESSAGE) String> requiredDocuments,
            @NotNull @Valid MoneyBody fee,
            @NotNull @Min(1) @Max(365) Integer statutoryProcessingDays,
            Boolean issuesCertificate,
            @NotBlank @Size(max = REASON_LENGTH_MAX) String reason) {
    }

    public record HolidayBody(@NotNull LocalDate date, @NotBlank @Size(max = NAME_LENGTH_MAX) @SingleLine String name) {

        Holiday toHoliday() {
            return new Holiday(date, name);
        }
    }

    public record PublishCalendarYearBody(
            @Size(max = DAYS_IN_YEAR_MAX) List<@NotNull @Valid HolidayBody> holidays,
            @Size(max = DAYS_IN_YEAR_MAX) List<@NotNull LocalDate> makeUpWorkdays,
            @NotBlank @Size(max = REASON_LENGTH_MAX) @SingleLine String source) {
    }

    public record DeclareHolidayBody(
            @NotNull LocalDate date,
            @NotBlank @Size(max = NAME_LENGTH_MAX) @SingleLine String name,
            @NotBlank @Size(max = REASON_LENGTH_MAX) String reason) {
    }
}
