package org.civicledger.command.privacy;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of personal data sealing, prefix {@code ledger.privacy}.
 *
 * <p>The master key comes from {@code master-key} (base64 of 32 bytes; environment
 * {@code LEDGER_MASTER_KEY}) or from {@code master-key-file}. When neither is set and
 * {@code generate-master-key} is true (the embedded default), one is generated on first run in
 * {@code ${ledger.data-dir}/keys/master.key}; the {@code postgres} profile sets it false, so a
 * production node without a configured key refuses to start.
 */
@ConfigurationProperties(prefix = "ledger.privacy")
public class PrivacyProperties {

    private String masterKey;
    private Path masterKeyFile;
    private boolean generateMasterKey;
    private final KeyCache keyCache = new KeyCache();

    public String getMasterKey() {
        return masterKey;
    }

    public void setMasterKey(String masterKey) {
        this.masterKey = masterKey;
    }

    public Path getMasterKeyFile() {
        return masterKeyFile;
    }

    public void setMasterKeyFile(Path masterKeyFile) {
        this.masterKeyFile = masterKeyFile;
    }

    public boolean isGenerateMasterKey() {
        return generateMasterKey;
    }

    public void setGenerateMasterKey(boolean generateMasterKey) {
        this.generateMasterKey = generateMasterKey;
    }

    public KeyCache getKeyCache() {
        return keyCache;
    }

    @Override
    public String toString() {
        return "PrivacyProperties[masterKey=" + (masterKey == null ? "unset" : "set") + ", masterKeyFile=" + masterKeyFile
                + ", generateMasterKey=" + generateMasterKey + "]";
    }

    /** The in-memory cache of unwrapped data keys used to open sealed data. */
    public static class KeyCache {

        /** How long an unwrapped key is used before it is read again; bounds how long another node opens erased data. */
        private Duration ttl = Duration.ofSeconds(60);
        private int entriesMax = 10_000;

        public Duration getTtl() {
            return ttl;
        }

        public void setTtl(Duration ttl) {
            this.ttl = ttl;
        }

        public int getEntriesMax() {
            return entriesMax;
        }

        public void setEntriesMax(int entriesMax) {
            this.entriesMax = entriesMax;
        }
    }
}
