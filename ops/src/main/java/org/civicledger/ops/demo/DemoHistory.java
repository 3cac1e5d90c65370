package org.civicledger.ops.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.civicledger.ops.demo.DemoCity.CaseSpec;
import org.civicledger.ops.demo.DemoCity.TargetState;

/**
 * When, in business time, each step of a demo case happened: the city's history laid out over the past
 * months instead of all "today", so that dashboards show real processing days and some open cases are past
 * their statutory deadline (the persistent deadline then flags them overdue shortly after loading).
 *
 * <p>Deterministic from the case id; relative to the day the demo is loaded. Roughly:
 * acceptance 0–2 days after submission, review within days, decisions after 30–115% of the statutory time;
 * approved and rejected cases were decided within the last 4 weeks (their 30-day appeal window is still
 * open, so they stay in that state); closed, withdrawn and transferred cases go back up to five months;
 * open cases are mostly within their deadline, and about one in five is past it. Submitted-only cases are
 * at most two days old. Steps fall between 09:00 and 17:00 in the city's zone.
 */
final class DemoHistory {

    static final double OVERDUE_SHARE = 0.2;

    private DemoHistory() {
    }

    /** The business instants of the case's commands, in the order the loader sends them. */
    static List<Instant> plan(CaseSpec spec, LocalDate today, Instant notAfter, ZoneId zone) {
        SplittableRandom random = new SplittableRandom(spec.caseId().hashCode() * 0x9E3779B97F4A7C15L ^ spec.number());
        int span = (int) Math.ceil(spec.caseType().statutoryDays() * 7 / 5.0);
        List<Integer> offsets = new ArrayList<>();
        offsets.add(0);
        TargetState target = spec.target();
        int accept = random.nextInt(3);
        int deadline = accept + span;
        if (target != TargetState.SUBMITTED) {
            offsets.add(accept);
        }
        switch (target) {
            case SUBMITTED, ACCEPTED -> { }
            case WITHDRAWN -> offsets.add(accept + 1 + random.nextInt(10));
            case TRANSFERRED -> offsets.add(accept + 1 + random.nextInt(5));
            default -> {
                int review = accept + random.nextInt(5);
                offsets.add(review);
                switch (target) {
                    case IN_REVIEW -> { }
                    case SUPPLEMENT_REQUESTED, SUPPLEMENT_PROVIDED -> {
                        int requested = review + 1 + random.nextInt(5);
                        offsets.add(requested);
                        if (target == TargetState.SUPPLEMENT_PROVIDED) {
                            int provided = requested + 2 + random.nextInt(9);
                            offsets.add(provided);
                            deadline = provided + Math.max(0, span - (requested - accept));
                        }
                    }
                    case EXTENDED -> {
                        offsets.add(review + 1 + random.nextInt(5));
                        deadline += (int) Math.ceil(spec.extensionDays() * 7 / 5.0);
                    }
                    default -> {
                        int decided = Math.max(review + 1, accept + (int) Math.round(span * (0.3 + 0.85 * random.nextDouble())));
                        offsets.add(decided);
                        if (target == TargetState.CLOSED) {
                            offsets.add(decided + 1 + random.nextInt(5));
                        }
                    }
                }
            }
        }
        int last = offsets.get(offsets.size() - 1);
        int age = switch (target) {
            case SUBMITTED -> random.nextInt(3);
            case APPROVED, REJECTED -> last + random.nextInt(28);
            case CLOSED, WITHDRAWN, TRANSFERRED -> last + random.nextInt(150);
            case SUPPLEMENT_REQUESTED -> last + random.nextInt(30);
            default -> random.nextDouble() < OVERDUE_SHARE
                    ? Math.max(last, deadline + 3 + random.nextInt(60))
                    : last + random.nextInt(Math.max(1, (int) ((deadline - last) * 0.7)));
        };
        LocalDate submitted = today.minusDays(age);
        List<Instant> instants = new ArrayList<>(offsets.size());
        Instant previous = Instant.MIN;
        for (int offset : offsets) {
            ZonedDateTime at = submitted.plusDays(offset).atTime(9, 0).atZone(zone).plusMinutes(random.nextInt(480));
            Instant instant = at.toInstant();
            if (!instant.isAfter(previous)) {
                instant = previous.plusSeconds(60 + random.nextInt(3600));
            }
            instants.add(instant);
            previous = instant;
        }
        // Today's steps must not lie in the future: move the whole case back as far as needed.
        Instant lastStep = instants.get(instants.size() - 1);
        if (lastStep.isAfter(notAfter)) {
            java.time.Duration excess = java.time.Duration.between(notAfter, lastStep);
            instants.replaceAll(instant -> instant.minus(excess));
        }
        return instants;
    }
}
