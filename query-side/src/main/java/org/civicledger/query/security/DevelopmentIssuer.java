package org.civicledger.query.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.civicledger.events.common.Role;

/**
 * The local development token issuer: an EC P-256 key pair kept in one JWK file, which signs ES256 tokens for
 * the demo city's users and which the ledger trusts when {@code ledger.security.dev-issuer.enabled} is on.
 *
 * <p>It exists so that the embedded ledger runs with nothing installed. It is not an identity provider: anyone
 * who can read the key file can sign in as anyone, which is why the file is readable by its owner only and why
 * the {@code postgres} profile leaves the issuer off unless it is switched on explicitly.
 *
 * <p>The key is made on first use and written atomically: a server and a {@code ledger token} started at the
 * same moment end up with the same key, whichever wrote it first.
 */
public final class DevelopmentIssuer {

    public static final String ISSUER = "urn:civic-ledger:dev-issuer";
    public static final String AUDIENCE = "civic-ledger";
    public static final Duration LIFETIME_DEFAULT = Duration.ofHours(8);
    /** Where the key lives under the ledger's data folder. */
    public static final String KEY_FILE_IN_DATA_DIR = "keys/dev-issuer.jwk";

    private final ECKey key;
    private final Path keyFile;
    private final Clock clock;

    private DevelopmentIssuer(ECKey key, Path keyFile, Clock clock) {
        this.key = key;
        this.keyFile = keyFile;
        this.clock = clock;
    }

    /** The issuer whose key is in {@code keyFile}, made there first when the file does not exist. */
    public static DevelopmentIssuer openOrCreate(Path keyFile, Clock clock) {
        try {
            if (!Files.exists(keyFile)) {
                create(keyFile);
            }
            ECKey key = ECKey.parse(Files.readString(keyFile, StandardCharsets.UTF_8));
            if (!key.isPrivate() || !Curve.P_256.equals(key.getCurve())) {
                throw new IllegalStateException("the development issuer's key file " + keyFile + " holds no P-256 private key");
            }
            return new DevelopmentIssuer(key, keyFile, clock);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read or write the development issuer's key file " + keyFile, unreadable);
        } catch (ParseException malformed) {
            throw new IllegalStateException("the development issuer's key file " + keyFile + " is not a JWK", malformed);
        }
    }

    /** The key file under a ledger data folder. */
    public static Path keyFileIn(Path dataDir) {
        return dataDir.resolve(KEY_FILE_IN_DATA_DIR);
    }

    private static void create(Path keyFile) throws IOException {
        ECKey generated;
        try {
            generated = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException impossible) {
            throw new IllegalStateException("every JDK makes P-256 keys", impossible);
        }
        Path folder = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, "dev-issuer", ".tmp");
        try {
            ownerOnly(temporary);
            Files.writeString(temporary, generated.toJSONString(), StandardCharsets.UTF_8);
            try {
                Files.move(temporary, keyFile, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temporary, keyFile);
            }
        } catch (FileAlreadyExistsException someoneElseWroteItFirst) {
            // Another process made the key at the same moment; its key is the one everybody uses.
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits its folder's access list.
        }
    }

    /** The public half, which the ledger's JWT decoder verifies signatures with. */
    public ECKey publicKey() {
        return key.toPublicJWK();
    }

    public Path keyFile() {
        return keyFile;
    }

    /**
     * A signed token: {@code sub}, {@code roles} (one role, lower case), {@code agency} for officers,
     * issuer {@link #ISSUER}, audience {@link #AUDIENCE}, valid from now for {@code lifetime}.
     */
    public String mint(String subject, Role role, String agencyCode, Duration lifetime) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(List.of(AUDIENCE))
                .subject(subject)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim(LedgerAuthenticationConverter.ROLES_CLAIM, List.of(role.name().toLowerCase(java.util.Locale.ROOT)));
        if (agencyCode != null) {
            claims.claim(LedgerAuthenticationConverter.AGENCY_CLAIM, agencyCode);
        }
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims.build());
        try {
            token.sign(new ECDSASigner(key));
        } catch (JOSEException impossible) {
            throw new IllegalStateException("could not sign a development token", impossible);
        }
        return token.serialize();
    }

    public String mint(String subject, Role role, String agencyCode) {
        return mint(subject, role, agencyCode, LIFETIME_DEFAULT);
    }
}
