package org.civicledger.command.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.civicledger.command.privacy.MasterKey;
import org.junit.jupiter.api.Test;

class WhenAnAgencySigns {

    private static final MasterKey MASTER = MasterKey.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] HASH = Signatures.sha256("Residence certificate of case 42".getBytes(StandardCharsets.UTF_8));

    @Test
    void the_same_master_key_gives_every_node_the_same_agency_key() {
        assertThat(new AgencySigningKeys(MASTER).publicKeyBase64("CIVIL-AFFAIRS", 1))
                .isEqualTo(new AgencySigningKeys(MASTER).publicKeyBase64("CIVIL-AFFAIRS", 1));
        assertThat(new AgencySigningKeys(MASTER).keyId("CIVIL-AFFAIRS", 1)).isNotEqualTo(new AgencySigningKeys(MASTER).keyId("TAX", 1));
        MasterKey other = MasterKey.of("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));
        assertThat(new AgencySigningKeys(other).keyId("CIVIL-AFFAIRS", 1)).isNotEqualTo(new AgencySigningKeys(MASTER).keyId("CIVIL-AFFAIRS", 1));
    }

    @Test
    void its_signature_verifies_with_its_registered_public_key_and_not_over_other_bytes() {
        AgencySigningKeys keys = new AgencySigningKeys(MASTER);
        Signatures.ParsedKey key = Signatures.parsePublicKey(keys.publicKeyBase64("CIVIL-AFFAIRS", 1)).orElseThrow();
        byte[] signature = Base64.getDecoder().decode(keys.sign("CIVIL-AFFAIRS", keys.keyId("CIVIL-AFFAIRS", 1), HASH));
        assertThat(Signatures.verify(key, HASH, signature)).isTrue();
        byte[] otherHash = Signatures.sha256("Residence certificate of case 43".getBytes(StandardCharsets.UTF_8));
        assertThat(Signatures.verify(key, otherHash, signature)).isFalse();
        assertThat(key.keyId()).isEqualTo(keys.keyId("CIVIL-AFFAIRS", 1));
    }
}
