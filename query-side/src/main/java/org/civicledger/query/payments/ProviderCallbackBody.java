package org.civicledger.query.payments;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.civicledger.query.http.RequestText;
import org.civicledger.query.http.SingleLine;

/**
 * What a payment provider posts to {@code /api/v1/providers/{code}/callbacks}, signed (see {@link CallbackSignature}).
 *
 * <p>{@code amount} is decimal text in {@code currency} ({@code "700"} or {@code "700.00"} for NT$700; a
 * fraction of a Taiwan dollar is refused, never rounded); required when {@code status} is {@code succeeded} or
 * {@code chargeback}. A {@code chargeback} is the provider taking money of a succeeded payment back (a disputed
 * card payment): {@code amount} is what it took back and {@code reason} is required.
 */
public record ProviderCallbackBody(
        @NotBlank @Pattern(regexp = PROVIDER_EVENT_ID, message = "must be 1 to 128 letters, digits, dots, dashes, underscores, colons or slashes")
        String providerEventId,
        @NotBlank @Pattern(regexp = RequestText.CODE, message = RequestText.CODE_MESSAGE) String paymentId,
        @NotBlank @Pattern(regexp = "authorized|succeeded|failed|chargeback", message = "must be authorized, succeeded, failed or chargeback")
        String status,
        @Size(max = 24) @Pattern(regexp = "[0-9]{1,15}(\\.[0-9]{1,3})?", message = "must be decimal text such as 700 or 700.00") String amount,
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as TWD") String currency,
        @NotNull Instant occurredAt,
        @Size(max = 500) @SingleLine String reason) {

    static final String PROVIDER_EVENT_ID = "[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}";
}
