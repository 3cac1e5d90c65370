package org.civicledger.query.payments;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a payment provider puts on its callbacks: HMAC-SHA256 under the provider's secret over
 * {@code <timestamp> "." <raw body bytes>}, sent as {@code X-Ledger-Signature: v1=<64 lowercase hex>} with
 * {@code X-Ledger-Timestamp: <Unix seconds>}.
 *
 * <p>The timestamp is inside the MAC, so a captured request cannot be given a fresh time; a request older
 * or newer than the tolerance is refused, which bounds how long a captured request can be replayed. Within
 * the window a replay is harmless all the same: the provider's event id makes a repeated callback a no-op.
 * Several {@code v1=} values, comma-separated, are accepted so a provider can sign with an old and a new
 * secret while a rotation is under way; the MACs are compared in constant time.
 */
public final class CallbackSignature {

    public static final String SIGNATURE_HEADER = "X-Ledger-Signature";
    public static final String TIMESTAMP_HEADER = "X-Ledger-Timestamp";
    public static final String SCHEME = "v1=";
    public static final Duration TOLERANCE_DEFAULT = Duration.ofMinutes(5);
    /** More values than a rotation needs are refused: each costs a MAC computation. */
    static final int SIGNATURES_MAX = 4;

    /** Why a request was refused; the names are the {@code reason} tag of the rejection counter. */
    public enum Refusal {
        MISSING_SIGNATURE("missing_signature"),
        MALFORMED_SIGNATURE("malformed_signature"),
        MISSING_TIMESTAMP("missing_timestamp"),
        MALFORMED_TIMESTAMP("malformed_timestamp"),
        STALE_TIMESTAMP("stale_timestamp"),
        BAD_SIGNATURE("bad_signature");

        private final String tag;

        Refusal(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private CallbackSignature() {
    }

    /** The lowercase hex HMAC-SHA256 of {@code timestamp + "." + body}: what a provider sends after {@code v1=}. */
    public static String sign(byte[] secret, String timestamp, byte[] body) {
        return HexFormat.of().formatHex(mac(secret, timestamp, body));
    }

    /**
     * Checks a request's headers against its raw body.
     *
     * @return empty when the signature is good, otherwise why it is not
     */
    public static Optional<Refusal> verify(byte[] secret, String signatureHeader, String timestampHeader, byte[] body, Instant now,
                                           Duration tolerance) {
        if (timestampHeader == null || timestampHeader.isBlank()) {
            return Optional.of(Refusal.MISSING_TIMESTAMP);
        }
        if (!timestampHeader.matches("[0-9]{1,12}")) {
            return Optional.of(Refusal.MALFORMED_TIMESTAMP);
        }
        long seconds = Long.parseLong(timestampHeader);
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            return Optional.of(Refusal.STALE_TIMESTAMP);
        }
        if (signatureHeader == null || signatureHeader.isBlank()) {
            return Optional.of(Refusal.MISSING_SIGNATURE);
        }
        String[] values = signatureHeader.split(",", SIGNATURES_MAX + 1);
        if (values.length > SIGNATURES_MAX) {
            return Optional.of(Refusal.MALFORMED_SIGNATURE);
        }
        byte[] expected = mac(secret, timestampHeader, body);
        boolean wellFormed = false;
        boolean matched = false;
        for (String value : values) {
            String trimmed = value.trim();
            if (!trimmed.startsWith(SCHEME) || !trimmed.substring(SCHEME.length()).matches("[0-9a-f]{64}")) {
                continue;
            }
            wellFormed = true;
            // Every value is compared, a match or not, so the time taken says nothing about which matched.
            matched |= MessageDigest.isEqual(expected, HexFormat.of().parseHex(trimmed.substring(SCHEME.length())));
        }
        if (!wellFormed) {
            return Optional.of(Refusal.MALFORMED_SIGNATURE);
        }
        return matched ? Optional.empty() : Optional.of(Refusal.BAD_SIGNATURE);
    }

    private static byte[] mac(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException unavailable) {
            throw new IllegalStateException("HMAC-SHA256 is not available", unavailable);
        }
    }
}
