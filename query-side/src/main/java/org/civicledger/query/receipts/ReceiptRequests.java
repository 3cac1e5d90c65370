package org.civicledger.query.receipts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.civicledger.query.http.RequestText;
import org.civicledger.query.http.SingleLine;
import org.civicledger.query.payments.PaymentRequests.MoneyBody;
import org.civicledger.query.payments.PaymentRequests.PayerBody;
import org.civicledger.query.write.ValidNationalId;

/** Bodies of the receipt commands; the rules (which agency, voided once) are the receipt desk's. */
public final class ReceiptRequests {

    static final int REASON_LENGTH_MAX = 500;

    private ReceiptRequests() {
    }

    /** An officer's receipt for money taken at the counter; {@code paymentReference} is the counter's own slip number. */
    public record CounterReceiptBody(
            @NotBlank @Pattern(regexp = RequestText.CODE, message = RequestText.CODE_MESSAGE) String feeClassCode,
            @NotNull @Valid PayerBody payer,
            @NotNull @Valid MoneyBody amount,
            @NotBlank @Pattern(regexp = RequestText.CODE, message = RequestText.CODE_MESSAGE) String paymentReference) {
    }

    public record VoidBody(@NotBlank @Size(max = REASON_LENGTH_MAX) @SingleLine String reason) {
    }

    /** A reissue: the reason, and the payer only when it is what the old receipt got wrong. */
    public record ReissueBody(@NotBlank @Size(max = REASON_LENGTH_MAX) @SingleLine String reason, @Valid PayerBody correctedPayer) {
    }

    /** The identity provider vouches that the citizen with this national ID signs in as {@code citizenSubject}. */
    public record EnrollmentBody(
            @NotBlank @Size(max = 128) @Pattern(regexp = RequestText.PRINTABLE_ASCII, message = "must be printable ASCII") String citizenSubject,
            @NotNull @ValidNationalId String nationalId) {

        /** Personal data: never in logs or problems. */
        @Override
        public String toString() {
            return "EnrollmentBody[]";
        }
    }
}
