package org.civicledger.projections.integrity;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The checkpoint key. {@code ledger.integrity.signing-key-file} (env {@code LEDGER_INTEGRITY_SIGNING_KEY_FILE})
 * names the key file; the embedded default makes one on first run under {@code ${ledger.data-dir}/keys}.
 */
@Configuration(proxyBeanMethods = false)
public class IntegrityConfiguration {

    @Bean
    public CheckpointSigner checkpointSigner(
            @Value("${ledger.integrity.origin:civic-ledger.example/ledger}") String origin,
            @Value("${ledger.integrity.key-name:}") String keyName,
            @Value("${ledger.integrity.signing-key-file:${ledger.data-dir:./data}/keys/checkpoint-ed25519.key}") String keyFile,
            @Value("${ledger.integrity.generate-signing-key:true}") boolean generate) {
        return CheckpointSigner.fromFile(keyName.isBlank() ? origin : keyName, Path.of(keyFile), generate);
    }
}
