package org.civicledger.query.security;

import jakarta.servlet.http.HttpServletRequest;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.server.ResponseStatusException;

/**
 * The access rules the read controllers apply to what they found, after the URL rules of
 * {@link SecurityConfiguration} let the role in: whose case, whose history, which agency.
 *
 * <p>Both layers hold every rule that depends on the role alone, so a controller reached some other way (a
 * test, a new route) still refuses. A refusal is a {@link ResponseStatusException}, rendered as a problem
 * detail by the API's advice, and is counted like a refusal by the URL rules.
 *
 * <p>A citizen asking for someone else's case gets 404, exactly what an unknown case id gets, so that case
 * ids cannot be probed; every other refusal is 403.
 */
public final class ReadAccess {

    private ReadAccess() {
    }

    /** A case, with the agency that owns it and its applicant's subject. */
    public static void requireCaseReadable(String caseAgencyCode, String applicantSubject) {
        Actor actor = signedIn();
        switch (actor.role()) {
            case AUDITOR -> {
            }
            case CITIZEN -> {
                if (!actor.subject().equals(applicantSubject)) {
                    SecurityEvents.denied("other_citizen", actor, method(), path());
                    throw new ResponseStatusException(HttpStatus.NOT_FOUND, "this case is not known");
                }
            }
            case OFFICER -> {
                if (!actor.isOfficerOf(caseAgencyCode)) {
                    throw deny("other_agency", actor, "an officer reads the cases of their own agency only");
                }
            }
            default -> throw deny("role", actor, "cases hold personal data: this role does not read them");
        }
    }

    /** A citizen's cases and history: the citizen themselves and auditors. */
    public static void requireCitizenReadable(String subject) {
        Actor actor = signedIn();
        if (actor.role() == Role.AUDITOR) {
            return;
        }
        if (actor.role() == Role.CITIZEN) {
            if (actor.subject().equals(subject)) {
                return;
            }
            throw deny("other_citizen", actor, "a citizen reads their own cases and history only");
        }
        throw deny("role", actor, "a citizen's cases and history are read by the citizen and by auditors only");
    }

    /** An agency's queue (cases, with case numbers): its officers and auditors. */
    public static void requireQueueReadable(String agencyCode) {
        Actor actor = signedIn();
        if (actor.role() == Role.AUDITOR || actor.isOfficerOf(agencyCode)) {
            return;
        }
        throw deny(actor.role() == Role.OFFICER ? "other_agency" : "role", actor,
                "an agency's queue is read by its own officers and by auditors only");
    }

    /** An agency's dashboard (figures, no personal data): its officers, auditors and operators. */
    public static void requireAgencyDashboardReadable(String agencyCode) {
        Actor actor = signedIn();
        if (actor.role() == Role.AUDITOR || actor.role() == Role.OPERATOR || actor.isOfficerOf(agencyCode)) {
            return;
        }
        throw deny(actor.role() == Role.OFFICER ? "other_agency" : "role", actor,
                "an agency's dashboard is read by its own officers, auditors and operators only");
    }

    /** The city-wide dashboard (every agency's figures): auditors and operators. */
    public static void requireCityDashboardReadable() {
        Actor actor = signedIn();
        if (actor.role() == Role.AUDITOR || actor.role() == Role.OPERATOR) {
            return;
        }
        throw deny("role", actor, "the city-wide dashboard is read by auditors and operators only");
    }

    /** Reference data (agencies, case types, calendars) is public knowledge, read by every signed-in role. */
    public static void requireSignedIn() {
        signedIn();
    }

    private static Actor signedIn() {
        return LedgerAuthentication.current().orElseThrow(() -> {
            SecurityEvents.denied("no_actor", null, method(), path());
            return new ResponseStatusException(HttpStatus.FORBIDDEN, "this needs a signed-in citizen, officer, auditor or operator");
        });
    }

    private static ResponseStatusException deny(String reason, Actor actor, String detail) {
        SecurityEvents.denied(reason, actor, method(), path());
        return new ResponseStatusException(HttpStatus.FORBIDDEN, detail);
    }

    private static HttpServletRequest request() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest() : null;
    }

    private static String method() {
        HttpServletRequest request = request();
        return request == null ? "" : request.getMethod();
    }

    private static String path() {
        HttpServletRequest request = request();
        return request == null ? "" : request.getRequestURI();
    }
}
