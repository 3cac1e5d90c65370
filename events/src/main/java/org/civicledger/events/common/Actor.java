package org.civicledger.events.common;

/**
 * Who issued a command: the signed-in subject, the role it acted in and, for officers, the agency.
 *
 * <p>Every command carries one so that rules such as "only an officer of the owning agency decides"
 * live in the aggregate rather than in the HTTP layer.
 */
public record Actor(String subject, Role role, String agencyCode) {

    public static final int SUBJECT_LENGTH_MAX = 128;

    public Actor {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("actor subject is required");
        }
        if (subject.length() > SUBJECT_LENGTH_MAX) {
            throw new IllegalArgumentException("actor subject is longer than " + SUBJECT_LENGTH_MAX);
        }
        if (role == null) {
            throw new IllegalArgumentException("actor role is required");
        }
        if (role == Role.OFFICER && (agencyCode == null || agencyCode.isBlank())) {
            throw new IllegalArgumentException("an officer acts for an agency: agency code is required");
        }
    }

    public static Actor system(String subject) {
        return new Actor(subject, Role.SYSTEM, null);
    }

    public static Actor officer(String subject, String agencyCode) {
        return new Actor(subject, Role.OFFICER, agencyCode);
    }

    public static Actor citizen(String subject) {
        return new Actor(subject, Role.CITIZEN, null);
    }

    public boolean isOfficerOf(String agency) {
        return role == Role.OFFICER && agencyCode != null && agencyCode.equals(agency);
    }
}
