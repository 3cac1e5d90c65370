package org.civicledger.command.documents;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.civicledger.command.rules.Require;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Role;
import org.civicledger.events.common.RuleViolation;
import org.civicledger.events.documents.DocumentCommands;
import org.civicledger.events.documents.DocumentCommands.RegisterSigningKey;
import org.civicledger.events.documents.DocumentCommands.RevokeSigningKey;
import org.civicledger.events.documents.DocumentCommands.RotateSigningKey;
import org.civicledger.events.documents.Party;
import org.civicledger.events.documents.PartyRole;
import org.civicledger.events.documents.SigningKeyEvent.SigningKeyRegistered;
import org.civicledger.events.documents.SigningKeyEvent.SigningKeyRevoked;
import org.civicledger.events.documents.SigningKeyEvent.SigningKeyRotated;

/**
 * A signer's keyring: the public keys one signer (a citizen, an officer, a vendor representative, an agency) has
 * registered, and when each stopped signing. Rules: a key is Ed25519 or ECDSA P-256; the signer registers their own
 * key, or an operator (or the ledger itself) does it for them; a rotated or revoked key signs no more, and a key is
 * revoked once.
 */
public class SigningKeyring {

    public static final int KEYS_MAX = 50;
    public static final int REASON_LENGTH_MAX = 500;

    @AggregateIdentifier
    private String keyringId;
    private Party signer;
    private final Map<String, Key> keys = new LinkedHashMap<>();

    private static final class Key {
        final String publicKey;
        final Instant registeredAt;
        Instant retiredAt;
        Instant revokedAt;

        Key(String publicKey, Instant registeredAt) {
            this.publicKey = publicKey;
            this.registeredAt = registeredAt;
        }

        // Value equality lets Axon's test fixture compare the state a command built with the state its events rebuild.
        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && publicKey.equals(that.publicKey) && registeredAt.equals(that.registeredAt)
                    && Objects.equals(retiredAt, that.retiredAt) && Objects.equals(revokedAt, that.revokedAt);
        }

        @Override
        public int hashCode() {
            return Objects.hash(publicKey, registeredAt, retiredAt, revokedAt);
        }
    }

    /** What a keyring command answers. */
    public record KeyResult(String keyringId, String keyId, String algorithm, boolean duplicate) {
    }

    protected SigningKeyring() {
        // For Axon's event sourcing.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public KeyResult handle(RegisterSigningKey command, Clock clock) {
        Party party = command.signer();
        if (party == null) {
            throw RuleViolation.invalid("SignerIsNamed", "signer", "the key's signer is required");
        }
        if (!DocumentCommands.keyringOf(party.subject()).equals(command.keyringId())) {
            throw RuleViolation.invalid("OneKeyringPerSigner", "signer", "the keyring is named after its signer");
        }
        requireKeeper(command.actor(), party);
        if (signer != null && !signer.equals(party)) {
            throw RuleViolation.conflict("OneSignerPerKeyring", "this keyring's signer acts as " + describe(signer));
        }
        Signatures.ParsedKey key = parse(command.publicKey());
        if (keys.containsKey(key.keyId())) {
            return new KeyResult(command.keyringId(), key.keyId(), key.algorithm().name(), true);
        }
        requireRoom();
        apply(new SigningKeyRegistered(command.keyringId(), party, key.keyId(), key.algorithm(), key.base64(), clock.instant()));
        return new KeyResult(command.keyringId(), key.keyId(), key.algorithm().name(), false);
    }

    @CommandHandler
    public KeyResult handle(RotateSigningKey command, Clock clock) {
        requireKeeper(command.actor(), signer);
        Key retired = keys.get(command.retiredKeyId());
        if (retired == null) {
            throw RuleViolation.notFound("SigningKeyIsRegistered", "retiredKeyId", "key " + command.retiredKeyId() + " is not registered");
        }
        if (retired.retiredAt != null || retired.revokedAt != null) {
            throw RuleViolation.conflict("OnlyActiveKeysRotate", "key " + command.retiredKeyId() + " signs no more already");
        }
        Signatures.ParsedKey key = parse(command.publicKey());
        if (keys.containsKey(key.keyId())) {
            throw RuleViolation.invalid("RotationBringsANewKey", "publicKey", "this key is registered already");
        }
        requireRoom();
        Instant now = clock.instant();
        apply(new SigningKeyRegistered(keyringId, signer, key.keyId(), key.algorithm(), key.base64(), now));
        apply(new SigningKeyRotated(keyringId, command.retiredKeyId(), key.keyId(), now));
        return new KeyResult(keyringId, key.keyId(), key.algorithm().name(), false);
    }

    @CommandHandler
    public KeyResult handle(RevokeSigningKey command, Clock clock) {
        requireKeeper(command.actor(), signer);
        Key key = keys.get(command.keyId());
        if (key == null) {
            throw RuleViolation.notFound("SigningKeyIsRegistered", "keyId", "key " + command.keyId() + " is not registered");
        }
        Require.text("reason", command.reason(), REASON_LENGTH_MAX);
        if (key.revokedAt != null) {
            return new KeyResult(keyringId, command.keyId(), null, true);
        }
        apply(new SigningKeyRevoked(keyringId, command.keyId(), command.reason(), clock.instant()));
        return new KeyResult(keyringId, command.keyId(), null, false);
    }

    /** The key as the signing rules need it; empty when this keyring never registered it. */
    public Optional<SigningKeyFacts> key(String keyId) {
        Key key = keys.get(keyId);
        if (key == null) {
            return Optional.empty();
        }
        Signatures.ParsedKey parsed = Signatures.parsePublicKey(key.publicKey)
                .orElseThrow(() -> new IllegalStateException("a stored key no longer parses: " + keyId));
        return Optional.of(new SigningKeyFacts(signer, keyId, parsed, key.registeredAt, key.retiredAt, key.revokedAt));
    }

    @EventSourcingHandler
    void on(SigningKeyRegistered event) {
        keyringId = event.keyringId();
        signer = event.signer();
        keys.put(event.keyId(), new Key(event.publicKey(), event.registeredAt()));
    }

    @EventSourcingHandler
    void on(SigningKeyRotated event) {
        keys.get(event.retiredKeyId()).retiredAt = event.rotatedAt();
    }

    @EventSourcingHandler
    void on(SigningKeyRevoked event) {
        keys.get(event.keyId()).revokedAt = event.revokedAt();
    }

    private static Signatures.ParsedKey parse(String publicKey) {
        return Signatures.parsePublicKey(publicKey).orElseThrow(() -> RuleViolation.invalid("PublicKeyIsEd25519OrP256", "publicKey",
                "the public key must be an Ed25519 or ECDSA P-256 key, X.509 SubjectPublicKeyInfo DER as base64 or PEM"));
    }

    private void requireRoom() {
        if (keys.size() >= KEYS_MAX) {
            throw RuleViolation.conflict("KeyringHasRoom", "a signer holds at most " + KEYS_MAX + " keys over time");
        }
    }

    /** The signer keeps their own keys (as the citizen or officer they sign as); operators and the ledger keep anyone's. */
    private static void requireKeeper(Actor actor, Party party) {
        if (actor.role() == Role.OPERATOR || actor.role() == Role.SYSTEM) {
            return;
        }
        boolean self = party != null && actor.subject().equals(party.subject())
                && ((party.role() == PartyRole.CITIZEN && actor.role() == Role.CITIZEN)
                || (party.role() == PartyRole.OFFICER && actor.isOfficerOf(party.agencyCode())));
        if (!self) {
            throw RuleViolation.forbidden("SignersKeepTheirOwnKeys",
                    "a key is registered, rotated or revoked by its signer, or by an operator for vendors and agencies");
        }
    }

    private static String describe(Party party) {
        return party.role().name().toLowerCase() + (party.agencyCode() == null ? "" : " of " + party.agencyCode());
    }
}
