package org.civicledger.events.common;

/**
 * A command was refused because it breaks a named business rule; nothing was recorded.
 *
 * <p>Part of the contract so that any client (the HTTP layer, the command line) can tell a refusal
 * from a failure and answer with the rule's name, the field concerned and the reason in domain words.
 */
public class RuleViolation extends RuntimeException {

    private final String rule;
    private final String field;
    private final Kind kind;

    /** How a refusal should be read by a client: the request was wrong, forbidden, or too late. */
    public enum Kind {
        /** The input breaks a rule (a missing document, an unknown case type). */
        INVALID,
        /** The actor may not do this (not an officer of the owning agency). */
        FORBIDDEN,
        /** The target is not in a state that allows it (deciding a withdrawn case). */
        CONFLICT,
        /** The target does not exist. */
        NOT_FOUND
    }

    public RuleViolation(Kind kind, String rule, String field, String reason) {
        super(reason);
        this.kind = kind;
        this.rule = rule;
        this.field = field;
    }

    public static RuleViolation invalid(String rule, String field, String reason) {
        return new RuleViolation(Kind.INVALID, rule, field, reason);
    }

    public static RuleViolation forbidden(String rule, String reason) {
        return new RuleViolation(Kind.FORBIDDEN, rule, null, reason);
    }

    public static RuleViolation conflict(String rule, String reason) {
        return new RuleViolation(Kind.CONFLICT, rule, null, reason);
    }

    public static RuleViolation notFound(String rule, String field, String reason) {
        return new RuleViolation(Kind.NOT_FOUND, rule, field, reason);
    }

    public String rule() {
        return rule;
    }

    /** The request field the refusal is about, or null when it is about the state of the target. */
    public String field() {
        return field;
    }

    public Kind kind() {
        return kind;
    }
}
