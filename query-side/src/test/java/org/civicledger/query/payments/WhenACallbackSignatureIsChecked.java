package org.civicledger.query.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.civicledger.query.payments.CallbackSignature.Refusal;
import org.junit.jupiter.api.Test;

class WhenACallbackSignatureIsChecked {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BODY = "{\"providerEventId\":\"e-1\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
    private static final String TIMESTAMP = Long.toString(NOW.getEpochSecond());
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static String signed(String timestamp, byte[] body) {
        return "v1=" + CallbackSignature.sign(SECRET, timestamp, body);
    }

    @Test
    void a_signature_over_the_timestamp_and_the_raw_body_is_accepted() {
        assertThat(CallbackSignature.verify(SECRET, signed(TIMESTAMP, BODY), TIMESTAMP, BODY, NOW, TOLERANCE)).isEmpty();
    }

    @Test
    void the_mac_covers_exactly_the_timestamp_a_dot_and_the_raw_body() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET, "HmacSHA256"));
        byte[] expected = mac.doFinal((TIMESTAMP + "." + new String(BODY, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        assertThat(CallbackSignature.sign(SECRET, TIMESTAMP, BODY)).isEqualTo(java.util.HexFormat.of().formatHex(expected));
    }

    @Test
    void a_changed_body_or_timestamp_or_secret_is_refused_as_a_bad_signature() {
        String signature = signed(TIMESTAMP, BODY);
        byte[] changed = "{\"providerEventId\":\"e-2\"}".getBytes(StandardCharsets.UTF_8);
        String later = Long.toString(NOW.getEpochSecond() + 1);
        byte[] otherSecret = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
        assertThat(CallbackSignature.verify(SECRET, signature, TIMESTAMP, changed, NOW, TOLERANCE)).contains(Refusal.BAD_SIGNATURE);
        assertThat(CallbackSignature.verify(SECRET, signature, later, BODY, NOW, TOLERANCE)).contains(Refusal.BAD_SIGNATURE);
        assertThat(CallbackSignature.verify(otherSecret, signature, TIMESTAMP, BODY, NOW, TOLERANCE)).contains(Refusal.BAD_SIGNATURE);
    }

    @Test
    void a_timestamp_outside_the_tolerance_is_refused_even_when_signed() {
        String old = Long.toString(NOW.minus(Duration.ofMinutes(6)).getEpochSecond());
        String future = Long.toString(NOW.plus(Duration.ofMinutes(6)).getEpochSecond());
        assertThat(CallbackSignature.verify(SECRET, signed(old, BODY), old, BODY, NOW, TOLERANCE)).contains(Refusal.STALE_TIMESTAMP);
        assertThat(CallbackSignature.verify(SECRET, signed(future, BODY), future, BODY, NOW, TOLERANCE)).contains(Refusal.STALE_TIMESTAMP);
    }

    @Test
    void missing_and_malformed_headers_are_named() {
        assertThat(CallbackSignature.verify(SECRET, null, TIMESTAMP, BODY, NOW, TOLERANCE)).contains(Refusal.MISSING_SIGNATURE);
        assertThat(CallbackSignature.verify(SECRET, signed(TIMESTAMP, BODY), null, BODY, NOW, TOLERANCE)).contains(Refusal.MISSING_TIMESTAMP);
        assertThat(CallbackSignature.verify(SECRET, signed(TIMESTAMP, BODY), "yesterday", BODY, NOW, TOLERANCE))
                .contains(Refusal.MALFORMED_TIMESTAMP);
        assertThat(CallbackSignature.verify(SECRET, "sha256=abc", TIMESTAMP, BODY, NOW, TOLERANCE)).contains(Refusal.MALFORMED_SIGNATURE);
        assertThat(CallbackSignature.verify(SECRET, signed(TIMESTAMP, BODY).toUpperCase(), TIMESTAMP, BODY, NOW, TOLERANCE))
                .contains(Refusal.MALFORMED_SIGNATURE);
        assertThat(CallbackSignature.verify(SECRET, "v1=00,v1=01,v1=02,v1=03," + signed(TIMESTAMP, BODY), TIMESTAMP, BODY, NOW, TOLERANCE))
                .contains(Refusal.MALFORMED_SIGNATURE);
    }

    @Test
    void during_a_rotation_either_of_two_signatures_may_match() {
        byte[] oldSecret = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
        String both = "v1=" + CallbackSignature.sign(oldSecret, TIMESTAMP, BODY) + ", " + signed(TIMESTAMP, BODY);
        assertThat(CallbackSignature.verify(SECRET, both, TIMESTAMP, BODY, NOW, TOLERANCE)).isEmpty();
    }
}
