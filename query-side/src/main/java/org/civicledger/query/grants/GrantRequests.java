package org.civicledger.query.grants;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.grants.Beneficiary;
import org.civicledger.query.http.InvalidRequestException;
import org.civicledger.query.http.RequestText;
import org.civicledger.query.http.SingleLine;
import org.civicledger.query.payments.PaymentRequests.MoneyBody;
import org.civicledger.query.write.ValidNationalId;

/**
 * Bodies of the grant commands. Caps and patterns here keep hostile input out; the rules (who grants,
 * how much one use may take, whether the balance suffices) are the grant aggregate's, whose refusals come
 * back as 422, 403 or 409 naming the rule.
 */
public final class GrantRequests {

    static final int REASON_LENGTH_MAX = 500;
    static final int PURPOSE_LENGTH_MAX = 200;

    private GrantRequests() {
    }

    public record BeneficiaryBody(
            @NotBlank @Size(max = 128) @Pattern(regexp = RequestText.PRINTABLE_ASCII, message = "must be printable ASCII") String citizenSubject,
            @NotNull @ValidNationalId String nationalId,
            @NotBlank @Size(max = Beneficiary.NAME_LENGTH_MAX) @SingleLine String name) {

        /** Personal data: never in logs or problems. */
        @Override
        public String toString() {
            return "BeneficiaryBody[]";
        }

        Beneficiary toBeneficiary() {
            try {
                return new Beneficiary(citizenSubject, new NationalId(nationalId), name);
            } catch (IllegalArgumentException invalid) {
                throw new InvalidRequestException("beneficiary", invalid.getMessage());
            }
        }
    }

    /**
     * An officer grants a citizen a balance under a programme. {@code agencyCode} defaults to the officer's
     * own agency (the only one an officer may grant for).
     */
    public record AwardGrantBody(
            @Pattern(regexp = RequestText.CODE, message = RequestText.CODE_MESSAGE) String agencyCode,
            @NotBlank @Pattern(regexp = RequestText.CODE, message = RequestText.CODE_MESSAGE) String programCode,
            @NotNull @Valid BeneficiaryBody beneficiary,
            @NotNull @Valid MoneyBody amount,
            @NotNull @Valid MoneyBody perUseCap,
            @NotNull Instant expiresAt) {
    }

    /** The beneficiary spends part of the grant at a registered provider's channel. */
    public record UseGrantBody(
            @NotNull @Valid MoneyBody amount,
            @NotBlank @Pattern(regexp = RequestText.CODE, message = RequestText.CODE_MESSAGE) String providerCode,
            @NotBlank @Pattern(regexp = RequestText.CODE, message = RequestText.CODE_MESSAGE) String channel,
            @NotBlank @Size(max = PURPOSE_LENGTH_MAX) @SingleLine String purpose) {
    }

    public record RevokeGrantBody(@NotBlank @Size(max = REASON_LENGTH_MAX) String reason) {
    }
}
