package org.civicledger.ops.axon;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;
import org.axonframework.common.IdentifierFactory;

/**
 * Axon's message and event identifiers as random (version 4) UUIDs, like Axon's default, drawn from a
 * {@link SecureRandom} (the JDK's DRBG) per thread instead of {@link UUID#randomUUID()}'s single shared
 * generator, which every command, event and unit of work on every client thread queues on.
 *
 * <p>Same format, same 122 random bits from a cryptographically strong generator, so identifiers stay as
 * unique and as unguessable as before. Registered through
 * {@code META-INF/services/org.axonframework.common.IdentifierFactory}, which Axon reads once, at first use.
 */
public class PerThreadRandomIdentifierFactory extends IdentifierFactory {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    });

    @Override
    public String generateIdentifier() {
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // IETF variant
        long most = 0;
        long least = 0;
        for (int i = 0; i < 8; i++) {
            most = (most << 8) | (bytes[i] & 0xff);
        }
        for (int i = 8; i < 16; i++) {
            least = (least << 8) | (bytes[i] & 0xff);
        }
        return new UUID(most, least).toString();
    }
}
