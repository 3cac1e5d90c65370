package org.civicledger.command.rules;

import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Role;
import org.civicledger.events.common.RuleViolation;

/** Checks shared by command handlers; each failure names its rule and the field concerned. */
public final class Require {

    public static final int CODE_LENGTH_MAX = 64;

    private Require() {
    }

    /** Reference data is kept by the ledger's loaders (system) and by operators. */
    public static void referenceDataKeeper(Actor actor) {
        if (actor == null || (actor.role() != Role.SYSTEM && actor.role() != Role.OPERATOR)) {
            throw RuleViolation.forbidden("ReferenceDataIsKeptByOperators",
                    "reference data is changed only by an operator or the ledger itself");
        }
    }

    public static void code(String field, String value) {
        if (value == null || !value.matches("[A-Za-z0-9][A-Za-z0-9._-]{0," + (CODE_LENGTH_MAX - 1) + "}")) {
            throw RuleViolation.invalid("CodesAreShortAndPlain", field,
                    field + " must be 1 to " + CODE_LENGTH_MAX + " letters, digits, dots, dashes or underscores");
        }
    }

    public static void text(String field, String value, int lengthMax) {
        if (value == null || value.isBlank()) {
            throw RuleViolation.invalid("TextIsGiven", field, field + " is required");
        }
        if (value.length() > lengthMax) {
            throw RuleViolation.invalid("TextWithinLength", field, field + " is longer than " + lengthMax + " characters");
        }
    }
}
