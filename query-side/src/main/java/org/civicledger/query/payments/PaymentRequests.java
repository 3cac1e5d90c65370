package org.civicledger.query.payments;

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
import org.civicledger.events.common.NationalId;
import org.civicledger.events.payments.BillReference;
import org.civicledger.events.payments.Payer;
import org.civicledger.query.http.InvalidRequestException;
import org.civicledger.query.http.RequestText;
import org.civicledger.query.http.SingleLine;
import org.civicledger.query.write.ValidNationalId;

/**
 * Bodies of the bill and payment commands. Caps and patterns here keep hostile input out; the rules
 * (who bills, which bills may be paid together, how much may be refunded) are the aggregates', whose
 * refusals come back as 422, 403, 404 or 409 naming the rule.
 */
public final class PaymentRequests {

    static final int REASON_LENGTH_MAX = 500;
    static final int BILLS_MAX = 50;
    /** The ledger's own cap on an amount (NT$10^12): beyond it the aggregate refuses, here the parser does. */
    static final long AMOUNT_MINOR_MAX = 1_000_000_000_000L;

    private PaymentRequests() {
    }

    /** An amount in minor units of a currency (for TWD, whole dollars). */
    public record MoneyBody(
            @NotNull @Min(1) @Max(AMOUNT_MINOR_MAX) Long amountMinor,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as TWD") String currency) {

        public Money toMoney() {
            return new Money(amountMinor, currency);
        }
    }

    public record PayerBody(
            @Size(max = 128) @Pattern(regexp = RequestText.PRINTABLE_ASCII, message = "must be printable ASCII") String citizenSubject,
            @NotNull @ValidNationalId String nationalId,
            @NotBlank @Size(max = Payer.NAME_LENGTH_MAX) @SingleLine String name) {

        /** Personal data: never in logs or problems. */
        @Override
        public String toString() {
            return "PayerBody[]";
        }

        public Payer toPayer() {
            try {
                return new Payer(citizenSubject, new NationalId(nationalId), name);
            } catch (IllegalArgumentException invalid) {
                throw new InvalidRequestException("payer", invalid.getMessage());
            }
        }
    }

    public record ReferenceBody(
            @NotBlank @Pattern(regexp = "CASE|FINE_TICKET|TAX_BILL", message = "must be CASE, FINE_TICKET or TAX_BILL") String kind,
            @NotBlank @Pattern(regexp = RequestText.CODE, message = RequestText.CODE_MESSAGE) String id) {

        BillReference toReference() {
            return new BillReference(BillReference.Kind.valueOf(kind), id);
        }
    }

    /** An officer bills a payer; the amount may be left out when the fee class has a default. */
    public record IssueBillBody(
            @NotBlank @Pattern(regexp = RequestText.CODE, message = RequestText.CODE_MESSAGE) String feeClassCode,
            @NotNull @Valid PayerBody payer,
            @Valid MoneyBody amount,
            @NotNull LocalDate dueOn,
            @NotNull @Valid ReferenceBody reference) {
    }

    public record AmendBillBody(
            @Valid MoneyBody amount,
            LocalDate dueOn,
            @NotBlank @Size(max = REASON_LENGTH_MAX) String reason) {
    }

    public record CancelBillBody(@NotBlank @Size(max = REASON_LENGTH_MAX) String reason) {
    }

    /** The payer pays one bill or several (pay-all) through a provider's channel. */
    public record InitiatePaymentBody(
            @NotNull @Size(min = 1, max = BILLS_MAX)
            List<@NotBlank @Pattern(regexp = RequestText.CODE, message = RequestText.CODE_MESSAGE) String> billIds,
            @NotBlank @Pattern(regexp = RequestText.CODE, message = RequestText.CODE_MESSAGE) String providerCode,
            @NotBlank @Pattern(regexp = RequestText.CODE, message = RequestText.CODE_MESSAGE) String channel) {
    }

    public record RefundBody(
            @NotNull @Valid MoneyBody amount,
            @NotBlank @Size(max = REASON_LENGTH_MAX) String reason) {
    }
}
