package org.civicledger.command.documents;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.civicledger.command.reference.ReferenceCatalog;
import org.civicledger.command.rules.Require;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Role;
import org.civicledger.events.common.RuleViolation;
import org.civicledger.events.documents.DocumentCommands;
import org.civicledger.events.documents.DocumentCommands.RegisterAgencySigningKey;
import org.civicledger.events.documents.DocumentCommands.RegisterSigningKey;
import org.civicledger.events.documents.DocumentCommands.RevokeSigningKey;
import org.civicledger.events.documents.DocumentCommands.RotateAgencySigningKey;
import org.civicledger.events.documents.DocumentCommands.RotateSigningKey;
import org.civicledger.events.documents.Party;
import org.civicledger.events.documents.PartyRole;
import org.civicledger.events.documents.SignatureAlgorithm;
import org.civicledger.events.documents.SigningKeyEvent.SigningKeyRegistered;
import org.civicledger.events.documents.SigningKeyEvent.SigningKeyRevoked;
import org.civicledger.events.documents.SigningKeyEvent.SigningKeyRotated;

/**
 * A signer's keyring: the public keys one signer (a citizen, an officer, a vendor representative, an agency) has
 * registered, and when each stopped signing. Rules: a key is Ed25519 or ECDSA P-256; the signer registers their own
 * key, or an operator (or the ledger itself) does it for them; a rotated or revoked key signs no more, and a key is
 * revoked once.
 *
 * <p>An agency's keyring also holds the keys the ledger derives for it ({@link AgencySigningKeys}, versions 1, 2, ...):
 * the current one is the highest version registered; it is registered on first use ({@code RegisterAgencySigningKey})
 * and an operator moves the agency to the next version ({@code RotateAgencySigningKey}), which retires it.
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

    /**
     * The agency's current derived key, registered when the keyring holds none yet (version 1, or the version a rotation
     * made before first use). A current key that was revoked is not replaced here: an operator rotates it, so that a
     * new key is a decision someone took and not a side effect of issuing a certificate.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public KeyResult handle(RegisterAgencySigningKey command, AgencySigningKeys agencyKeys, Clock clock) {
        Party party = agencyParty(command.keyringId(), command.agencyCode());
        requireKeeper(command.actor(), party);
        requireSigner(party);
        OptionalInt current = currentAgencyVersion(command.agencyCode(), agencyKeys);
        if (current.isEmpty()) {
            requireRoom();
            String keyId = agencyKeys.keyId(command.agencyCode(), 1);
            apply(new SigningKeyRegistered(command.keyringId(), party, keyId, SignatureAlgorithm.ED25519,
                    agencyKeys.publicKeyBase64(command.agencyCode(), 1), clock.instant()));
            return new KeyResult(command.keyringId(), keyId, SignatureAlgorithm.ED25519.name(), false);
        }
        String keyId = agencyKeys.keyId(command.agencyCode(), current.getAsInt());
        if (keys.get(keyId).revokedAt != null) {
            throw RuleViolation.conflict("RevokedAgencyKeysAreRotated", "the agency's key " + keyId
                    + " is revoked: an operator rotates the agency's key before it signs again");
        }
        return new KeyResult(keyringId, keyId, SignatureAlgorithm.ED25519.name(), true);
    }

    /**
     * Registers the next version of the agency's derived key and retires the derived keys still signing. Before any
     * rotation the agency's key is version 1, registered or not yet, so the first rotation brings version 2. Keys an
     * operator registered for the agency from elsewhere are not the ledger's to rotate: they are left as they are.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public KeyResult handle(RotateAgencySigningKey command, AgencySigningKeys agencyKeys, ReferenceCatalog catalog, Clock clock) {
        Party party = agencyParty(command.keyringId(), command.agencyCode());
        requireKeeper(command.actor(), party);
        if (!catalog.agencyExists(command.agencyCode())) {
            throw RuleViolation.notFound("AgencyIsRegistered", "agencyCode", "agency " + command.agencyCode() + " is not registered");
        }
        requireSigner(party);
        int next = currentAgencyVersion(command.agencyCode(), agencyKeys).orElse(1) + 1;
        if (next > AgencySigningKeys.VERSIONS_MAX) {
            throw RuleViolation.conflict("KeyringHasRoom", "an agency's key has at most " + AgencySigningKeys.VERSIONS_MAX + " versions");
        }
        String newKeyId = agencyKeys.keyId(command.agencyCode(), next);
        if (keys.containsKey(newKeyId)) {
            throw RuleViolation.conflict("RotationBringsANewKey", "version " + next + " of the agency's key is registered already");
        }
        requireRoom();
        List<String> signing = keys.entrySet().stream()
                .filter(key -> key.getValue().retiredAt == null && key.getValue().revokedAt == null)
                .map(Map.Entry::getKey)
                .filter(keyId -> agencyKeys.versionOf(command.agencyCode(), keyId).isPresent())
                .toList();
        Instant now = clock.instant();
        apply(new SigningKeyRegistered(command.keyringId(), party, newKeyId, SignatureAlgorithm.ED25519,
                agencyKeys.publicKeyBase64(command.agencyCode(), next), now));
        for (String retired : signing) {
            apply(new SigningKeyRotated(command.keyringId(), retired, newKeyId, now));
        }
        return new KeyResult(command.keyringId(), newKeyId, SignatureAlgorithm.ED25519.name(), false);
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

    /** The highest version of the agency's derived key this keyring holds; empty when it holds none. */
    private OptionalInt currentAgencyVersion(String agencyCode, AgencySigningKeys agencyKeys) {
        return keys.keySet().stream().map(keyId -> agencyKeys.versionOf(agencyCode, keyId))
                .filter(OptionalInt::isPresent).mapToInt(OptionalInt::getAsInt).max();
    }

    /** The party of an agency's keyring; the keyring is the agency's own. */
    private static Party agencyParty(String keyringId, String agencyCode) {
        Require.code("agencyCode", agencyCode);
        if (!DocumentCommands.keyringOf(DocumentCommands.agencySignerOf(agencyCode)).equals(keyringId)) {
            throw RuleViolation.invalid("OneKeyringPerSigner", "agencyCode", "the keyring is named after its agency");
        }
        return AgencySigningKeys.partyOf(agencyCode);
    }

    private void requireSigner(Party party) {
        if (signer != null && !signer.equals(party)) {
            throw RuleViolation.conflict("OneSignerPerKeyring", "this keyring's signer acts as " + describe(signer));
        }
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
