package org.civicledger.command.privacy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** Data keys in a map, made from a fixed seed byte so that sealed JSON is reproducible. */
final class InMemoryKeyring implements DataKeyring {

    private final Map<String, SecretKey> keys = new HashMap<>();
    private final Set<String> destroyed = new HashSet<>();
    private final byte seed;

    InMemoryKeyring(int seed) {
        this.seed = (byte) seed;
    }

    @Override
    public DataKey sealingKey(String subjectRef) {
        return new DataKey(subjectRef, 1, keys.computeIfAbsent(subjectRef, ref -> fixedKey(seed)));
    }

    @Override
    public Optional<SecretKey> openingKey(String subjectRef, int keyVersion) {
        if (destroyed.contains(subjectRef)) {
            return Optional.empty();
        }
        SecretKey key = keys.get(subjectRef);
        if (key == null) {
            throw new SealedDataException("no data key for subject " + subjectRef);
        }
        return Optional.of(key);
    }

    void give(String subjectRef, SecretKey key) {
        keys.put(subjectRef, key);
    }

    void destroy(String subjectRef) {
        destroyed.add(subjectRef);
    }

    static SecretKey fixedKey(int seed) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (seed + i);
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
