package org.civicledger.query.payments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The payment providers' callback secrets, looked up by the reference a provider's registration names
 * ({@code callbackSecretRef}); the secret itself never enters an event.
 *
 * <p>Looked up, in this order:
 * <ol>
 *   <li>configuration {@code ledger.payments.provider-secrets[<ref>]}: base64 of the secret (at least 32
 *       bytes), supplied from the secret store like the master key. References hold slashes and dots,
 *       so the key is written in brackets ({@code ledger.payments.provider-secrets[provider-secret/TAIPEI-BANK/2025]});</li>
 *   <li>a file {@code <ledger.payments.provider-secrets-dir>/<ref>} holding the base64 secret (slashes in
 *       the reference are folders), such as a mounted secret volume; default {@code <data-dir>/keys/provider-secrets};</li>
 *   <li>in the embedded default only ({@code ledger.payments.generate-provider-secrets}, which follows
 *       {@code ledger.privacy.generate-master-key}): a new random secret written to that file and logged
 *       by path, so a developer can hand it to a simulated provider. Production never invents one.</li>
 * </ol>
 */
@Component
public class ProviderSecrets {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderSecrets.class);
    public static final int SECRET_BYTES_MIN = 32;
    private static final String REFERENCE = "[A-Za-z0-9][A-Za-z0-9._/-]{0,127}";

    private final Map<String, String> configured;
    private final Path directory;
    private final boolean generate;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, byte[]> generated = new ConcurrentHashMap<>();

    public ProviderSecrets(Environment environment,
                           @Value("${ledger.payments.provider-secrets-dir:${ledger.data-dir:./data}/keys/provider-secrets}") String directory,
                           @Value("${ledger.payments.generate-provider-secrets:${ledger.privacy.generate-master-key:false}}") boolean generate) {
        this.configured = Binder.get(environment).bind("ledger.payments.provider-secrets", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        this.directory = Path.of(directory).toAbsolutePath().normalize();
        this.generate = generate;
    }

    /** The secret named by {@code reference}, or empty when none is configured (and none may be generated). */
    public Optional<byte[]> secret(String reference) {
        if (reference == null || !reference.matches(REFERENCE) || reference.contains("..") || reference.contains("//")) {
            return Optional.empty();
        }
        String value = configured.get(reference);
        if (value != null) {
            return Optional.of(decode(value, "configuration ledger.payments.provider-secrets[" + reference + "]"));
        }
        Path file = directory.resolve(reference).normalize();
        if (!file.startsWith(directory)) {
            return Optional.empty();
        }
        try {
            if (Files.isRegularFile(file)) {
                return Optional.of(decode(Files.readString(file, StandardCharsets.US_ASCII), "file " + file));
            }
            if (!generate) {
                return Optional.empty();
            }
            return Optional.of(generated.computeIfAbsent(reference, ref -> create(file)));
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read the provider secret file " + file, unreadable);
        }
    }

    /** The file that holds (or would hold) the secret named by {@code reference}, for a simulated provider to read. */
    public Path fileOf(String reference) {
        return directory.resolve(reference).normalize();
    }

    private byte[] create(Path file) {
        byte[] secret = new byte[SECRET_BYTES_MIN];
        random.nextBytes(secret);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(secret) + "\n", StandardCharsets.US_ASCII,
                    java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Not a POSIX file system: the folder's own permissions protect it.
            }
            LOG.warn("Generated a payment provider's callback secret in {} (embedded default only; production configures "
                    + "ledger.payments.provider-secrets or a secrets folder)", file);
            return secret;
        } catch (FileAlreadyExistsException raced) {
            try {
                return decode(Files.readString(file, StandardCharsets.US_ASCII), "file " + file);
            } catch (IOException unreadable) {
                throw new UncheckedIOException("cannot read the provider secret file " + file, unreadable);
            }
        } catch (IOException unwritable) {
            throw new UncheckedIOException("cannot write the provider secret file " + file, unwritable);
        }
    }

    private static byte[] decode(String base64, String where) {
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalStateException("the provider secret in " + where + " is not base64");
        }
        if (secret.length < SECRET_BYTES_MIN) {
            throw new IllegalStateException("the provider secret in " + where + " is shorter than " + SECRET_BYTES_MIN + " bytes");
        }
        return secret;
    }
}
