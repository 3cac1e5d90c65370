package org.civicledger.query.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Role;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Turns a verified JWT into the ledger's actor: {@code sub} is the subject, {@code roles} (a list, or a
 * single string) or else {@code role} names the role, {@code agency} the officer's agency.
 *
 * <p>A token must name exactly one of citizen, officer, auditor, operator. One that names none, several, or
 * an officer without a well-formed agency code gets no role authority: every rule that needs a role refuses
 * it (403). Several roles are refused rather than guessed between, because the role decides what the
 * events record about who acted.
 */
public final class LedgerAuthenticationConverter implements Converter<Jwt, LedgerAuthentication> {

    public static final String ROLES_CLAIM = "roles";
    public static final String ROLE_CLAIM = "role";
    public static final String AGENCY_CLAIM = "agency";
    private static final Set<Role> ROLES_OVER_HTTP = Set.of(Role.CITIZEN, Role.OFFICER, Role.AUDITOR, Role.OPERATOR);
    private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7E]{1," + Actor.SUBJECT_LENGTH_MAX + "}");
    private static final Pattern AGENCY_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    @Override
    public LedgerAuthentication convert(Jwt jwt) {
        Actor actor = actor(jwt);
        List<SimpleGrantedAuthority> authorities = actor == null ? List.of()
                : List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name()));
        return new LedgerAuthentication(jwt, authorities, actor);
    }

    static Actor actor(Jwt jwt) {
        String subject = jwt.getSubject();
        if (subject == null || !PRINTABLE.matcher(subject).matches() || subject.isBlank()) {
            return null;
        }
        Set<Role> roles = roles(jwt);
        if (roles.size() != 1) {
            return null;
        }
        Role role = roles.iterator().next();
        if (role != Role.OFFICER) {
            return new Actor(subject, role, null);
        }
        Object agency = jwt.getClaims().get(AGENCY_CLAIM);
        if (!(agency instanceof String code) || !AGENCY_CODE.matcher(code).matches()) {
            return null;
        }
        return Actor.officer(subject, code);
    }

    private static Set<Role> roles(Jwt jwt) {
        Object claim = jwt.getClaims().containsKey(ROLES_CLAIM) ? jwt.getClaims().get(ROLES_CLAIM) : jwt.getClaims().get(ROLE_CLAIM);
        Set<Role> roles = new LinkedHashSet<>();
        if (claim instanceof String single) {
            add(roles, single);
        } else if (claim instanceof Collection<?> several) {
            for (Object each : several) {
                if (each instanceof String name) {
                    add(roles, name);
                }
            }
        }
        return roles;
    }

    private static void add(Set<Role> roles, String name) {
        for (Role candidate : ROLES_OVER_HTTP) {
            if (candidate.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
                roles.add(candidate);
            }
        }
    }
}
