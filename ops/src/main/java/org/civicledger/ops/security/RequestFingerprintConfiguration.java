package org.civicledger.ops.security;

import java.util.Arrays;
import org.civicledger.command.privacy.MasterKey;
import org.civicledger.query.idempotency.RequestFingerprint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Gives the HTTP API's idempotency filter its fingerprint key, derived from the privacy master key. */
@Configuration(proxyBeanMethods = false)
public class RequestFingerprintConfiguration {

    @Bean
    public RequestFingerprint requestFingerprint(MasterKey masterKey) {
        byte[] key = masterKey.requestFingerprintKey();
        try {
            return new RequestFingerprint(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
