package org.civicledger.query.security;

import java.util.Collection;
import java.util.Optional;
import org.civicledger.events.common.Actor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A verified bearer token and the ledger actor it names: subject, role and (for officers) agency.
 *
 * <p>The actor is absent when the token is valid but names no single ledger role, or an officer without an
 * agency: such a caller is signed in and may do nothing that needs a role.
 */
public final class LedgerAuthentication extends JwtAuthenticationToken {

    private final transient Actor actor;

    LedgerAuthentication(Jwt jwt, Collection<? extends GrantedAuthority> authorities, Actor actor) {
        super(jwt, authorities, jwt.getSubject());
        this.actor = actor;
    }

    public Optional<Actor> actor() {
        return Optional.ofNullable(actor);
    }

    /** The actor of the current request, when it came with a valid token naming one. */
    public static Optional<Actor> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof LedgerAuthentication ledger ? ledger.actor() : Optional.empty();
    }
}
