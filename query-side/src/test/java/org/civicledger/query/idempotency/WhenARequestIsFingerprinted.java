package org.civicledger.query.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class WhenARequestIsFingerprinted {

    private static final byte[] KEY = filled(7);
    private static final byte[] ERASURE = "{\"nationalId\":\"A123456789\",\"reason\":\"request\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSameRequestHasTheSameFingerprintOnEveryNode() {
        assertThat(new RequestFingerprint(KEY).of("POST", "/api/v1/privacy/erasures", ERASURE))
                .isEqualTo(new RequestFingerprint(filled(7)).of("POST", "/api/v1/privacy/erasures", ERASURE))
                .hasSize(64);
    }

    @Test
    void methodPathQueryAndBodyEachChangeIt() {
        RequestFingerprint fingerprint = new RequestFingerprint(KEY);
        String base = fingerprint.of("POST", "/api/v1/privacy/erasures", ERASURE);
        byte[] otherBody = ERASURE.clone();
        otherBody[20] ^= 1;

        assertThat(fingerprint.of("PUT", "/api/v1/privacy/erasures", ERASURE)).isNotEqualTo(base);
        assertThat(fingerprint.of("POST", "/api/v1/privacy/erasures?x=1", ERASURE)).isNotEqualTo(base);
        assertThat(fingerprint.of("POST", "/api/v1/privacy/erasures", otherBody)).isNotEqualTo(base);
    }

    @Test
    void withoutTheKeyABodyCannotBeConfirmedByHashingGuesses() throws Exception {
        String stored = new RequestFingerprint(KEY).of("POST", "/api/v1/privacy/erasures", ERASURE);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update("POST\n/api/v1/privacy/erasures\n".getBytes(StandardCharsets.UTF_8));
        sha256.update(ERASURE);

        assertThat(stored).isNotEqualTo(HexFormat.of().formatHex(sha256.digest()));
        assertThat(new RequestFingerprint(filled(8)).of("POST", "/api/v1/privacy/erasures", ERASURE)).isNotEqualTo(stored);
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new RequestFingerprint(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }
}
