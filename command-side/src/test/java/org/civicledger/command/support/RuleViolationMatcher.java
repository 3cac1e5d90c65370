package org.civicledger.command.support;

import org.civicledger.events.common.RuleViolation;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a refusal by its kind and rule name: the reason text is for people and may be reworded. */
public final class RuleViolationMatcher extends TypeSafeMatcher<RuleViolation> {

    private final RuleViolation.Kind kind;
    private final String rule;

    private RuleViolationMatcher(RuleViolation.Kind kind, String rule) {
        this.kind = kind;
        this.rule = rule;
    }

    public static Matcher<RuleViolation> violates(RuleViolation.Kind kind, String rule) {
        return new RuleViolationMatcher(kind, rule);
    }

    @Override
    protected boolean matchesSafely(RuleViolation violation) {
        return kind == violation.kind() && rule.equals(violation.rule());
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("a RuleViolation " + kind + " of rule " + rule);
    }

    @Override
    protected void describeMismatchSafely(RuleViolation violation, Description description) {
        description.appendText("was " + violation.kind() + " of rule " + violation.rule() + ": " + violation.getMessage());
    }
}
