package org.civicledger.command.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.RuleViolation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Citizens' data keys, in table {@code personal_data_key} (V1_2__personal_data_keys.sql): one row
 * per subject reference and key version, the AES-256 data key stored wrapped (AES-GCM) under a key
 * derived from the master key, never in clear and never in the event store.
 *
 * <p>Creating a key joins the caller's transaction (JdbcTemplate takes part in Spring's), which is
 * the command's: the key is committed with the first event sealed under it, or not at all. Two
 * commands sealing a citizen's first data at once both insert version 1 with
 * {@code ON CONFLICT DO NOTHING}; the loser waits for the winner's commit and then reads the
 * winner's key, so they share one.
 *
 * <p>Erasing nulls the wrapped key and keeps the row as a tombstone with who, why and when: that
 * version can never be re-created, so nothing sealed under it becomes readable again. A citizen who
 * comes back afterwards gets a new version (the highest plus one) under the same subject reference,
 * so lookups by national ID keep working and a second erasure destroys the new key only.
 *
 * <p>Unwrapped keys for opening are cached in memory, bounded ({@code entriesMax}, least recently
 * used dropped first) and short-lived ({@code ttl}); a destroyed version is cached as destroyed.
 * An erasure evicts the subject from this node's cache at once and again when it commits; another
 * node may still open that subject's data from its cache for up to {@code ttl} after the commit.
 * Sealing never uses the cache: it reads the live version from the table every time, so no node
 * seals new data under a key erased elsewhere.
 */
public class PersonalDataVault implements DataKeyring, SubjectKeys {

    public static final int ERASE_REASON_LENGTH_MAX = 500;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int CREATE_ATTEMPTS_MAX = 3;

    private final JdbcTemplate jdbc;
    private final SecretKeySpec wrapKey;
    private final long ttlNanos;
    private final int entriesMax;
    private final Map<String, Cached> cache;

    public PersonalDataVault(JdbcTemplate jdbc, MasterKey masterKey, Duration ttl, int entriesMax) {
        if (entriesMax < 1) {
            throw new IllegalArgumentException("the key cache holds at least one entry");
        }
        this.jdbc = jdbc;
        this.wrapKey = new SecretKeySpec(masterKey.derive(MasterKey.WRAP_LABEL), "AES");
        this.ttlNanos = ttl.toNanos();
        this.entriesMax = entriesMax;
        this.cache = new LinkedHashMap<>(64, 0.75f, true);
    }

    @Override
    public DataKey sealingKey(String subjectRef) {
        for (int attempt = 0; attempt < CREATE_ATTEMPTS_MAX; attempt++) {
            // One read answers both questions: the live key is always the highest version (an erasure
            // destroys the live version, and a returning citizen gets the highest plus one).
            Optional<Newest> newest = newestVersion(subjectRef);
            if (newest.isPresent() && newest.get().wrapped() != null) {
                return new DataKey(subjectRef, newest.get().version(), unwrap(newest.get().wrapped(), subjectRef, newest.get().version()));
            }
            int version = newest.map(Newest::version).orElse(0) + 1;
            SecretKey fresh = newDataKey();
            int inserted = jdbc.update("""
                            INSERT INTO personal_data_key (subject_ref, key_version, wrapped_key, created_at)
                            VALUES (?, ?, ?, ?)
                            ON CONFLICT DO NOTHING""",
                    subjectRef, version, wrap(fresh, subjectRef, version), Instant.now().atOffset(ZoneOffset.UTC));
            if (inserted == 1) {
                // Our row, in our transaction: committed with the first data sealed under it, or not at all.
                return new DataKey(subjectRef, version, fresh);
            }
            // A concurrent first insert won (read after it committed): loop to use the live key it made.
        }
        throw new IllegalStateException("no live data key for subject " + subjectRef + " after "
                + CREATE_ATTEMPTS_MAX + " attempts (erased while being created?)");
    }

    /** The highest key version of the subject, with its wrapped key (null when destroyed). */
    private Optional<Newest> newestVersion(String subjectRef) {
        return jdbc.query("""
                        SELECT key_version, wrapped_key FROM personal_data_key
                         WHERE subject_ref = ?
                         ORDER BY key_version DESC
                         LIMIT 1""",
                (rs, row) -> new Newest(rs.getInt(1), rs.getBytes(2)), subjectRef).stream().findFirst();
    }

    private record Newest(int version, byte[] wrapped) {
    }

    @Override
    public Optional<SecretKey> openingKey(String subjectRef, int keyVersion) {
        String cacheKey = subjectRef + "#" + keyVersion;
        Cached cached = cached(cacheKey);
        if (cached != null) {
            return Optional.ofNullable(cached.key);
        }
        List<byte[]> rows = jdbc.query("SELECT wrapped_key FROM personal_data_key WHERE subject_ref = ? AND key_version = ?",
                (rs, row) -> rs.getBytes(1), subjectRef, keyVersion);
        if (rows.isEmpty()) {
            throw new SealedDataException("no data key version " + keyVersion + " exists for subject " + subjectRef);
        }
        SecretKey key = rows.get(0) == null ? null : unwrap(rows.get(0), subjectRef, keyVersion);
        remember(cacheKey, key);
        return Optional.ofNullable(key);
    }

    @Override
    public OptionalInt liveKeyVersion(String subjectRef) {
        return liveKey(subjectRef).map(key -> OptionalInt.of(key.version())).orElse(OptionalInt.empty());
    }

    @Override
    public void destroy(String subjectRef, int keyVersion, Actor erasedBy, String reason, Instant erasedAt) {
        evict(subjectRef);
        int destroyed = jdbc.update("""
                        UPDATE personal_data_key
                           SET wrapped_key = NULL, erased_at = ?, erased_by = ?, erase_reason = ?
                         WHERE subject_ref = ? AND key_version = ? AND wrapped_key IS NOT NULL""",
                erasedAt.atOffset(ZoneOffset.UTC), erasedBy.role() + " " + erasedBy.subject(),
                reason.length() > ERASE_REASON_LENGTH_MAX ? reason.substring(0, ERASE_REASON_LENGTH_MAX) : reason,
                subjectRef, keyVersion);
        if (destroyed != 1) {
            throw RuleViolation.conflict("ErasedOnce", "the citizen's personal data was erased meanwhile");
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // A reader on this node may have cached the key between the eviction above and the commit.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    evict(subjectRef);
                }
            });
        }
    }

    private Optional<DataKey> liveKey(String subjectRef) {
        return jdbc.query("""
                        SELECT key_version, wrapped_key FROM personal_data_key
                         WHERE subject_ref = ? AND wrapped_key IS NOT NULL
                         ORDER BY key_version DESC""",
                (rs, row) -> new DataKey(subjectRef, rs.getInt(1), unwrap(rs.getBytes(2), subjectRef, rs.getInt(1))),
                subjectRef).stream().findFirst();
    }

    private SecretKey newDataKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, PerThreadSecureRandom.current());
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256 is not available", e);
        }
    }

    /** nonce (12 bytes) then AES-GCM of the 32 key bytes with their tag; the row's identity is the AAD. */
    private byte[] wrap(SecretKey key, String subjectRef, int version) {
        byte[] nonce = new byte[NONCE_BYTES];
        PerThreadSecureRandom.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, wrapKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(rowIdentity(subjectRef, version));
            byte[] sealed = cipher.doFinal(key.getEncoded());
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap a data key", e);
        }
    }

    private SecretKey unwrap(byte[] wrapped, String subjectRef, int version) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, wrapKey, new GCMParameterSpec(TAG_BITS, wrapped, 0, NONCE_BYTES));
            cipher.updateAAD(rowIdentity(subjectRef, version));
            byte[] raw = cipher.doFinal(wrapped, NONCE_BYTES, wrapped.length - NONCE_BYTES);
            try {
                return new SecretKeySpec(raw, "AES");
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new SealedDataException("the data key of subject " + subjectRef + " v" + version
                    + " does not unwrap: wrong master key, or the row was altered or moved");
        }
    }

    private static byte[] rowIdentity(String subjectRef, int version) {
        return ("personal_data_key\n" + subjectRef + "\n" + version).getBytes(StandardCharsets.UTF_8);
    }

    private Cached cached(String cacheKey) {
        synchronized (cache) {
            Cached cached = cache.get(cacheKey);
            if (cached != null && System.nanoTime() - cached.storedAtNanos > ttlNanos) {
                cache.remove(cacheKey);
                return null;
            }
            return cached;
        }
    }

    private void remember(String cacheKey, SecretKey key) {
        synchronized (cache) {
            cache.put(cacheKey, new Cached(key, System.nanoTime()));
            Iterator<String> eldest = cache.keySet().iterator();
            while (cache.size() > entriesMax && eldest.hasNext()) {
                eldest.next();
                eldest.remove();
            }
        }
    }

    /** Drops every cached version of the subject's key on this node. */
    public void evict(String subjectRef) {
        synchronized (cache) {
            cache.keySet().removeIf(cacheKey -> cacheKey.startsWith(subjectRef + "#"));
        }
    }

    /** An unwrapped key, or null for a destroyed one, with when it was cached. */
    private record Cached(SecretKey key, long storedAtNanos) {
    }
}
