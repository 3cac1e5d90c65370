package org.civicledger.command.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.command.calendar.WorkingDayCalendar;
import org.civicledger.command.reference.ReferenceCatalog.CaseTypeTerms;
import org.civicledger.command.support.FixtureClock;
import org.civicledger.command.support.InMemoryBillBook;
import org.civicledger.command.support.InMemoryReferenceCatalog;
import org.civicledger.events.cases.Applicant;
import org.civicledger.events.cases.CaseCommands.AcceptCase;
import org.civicledger.events.cases.CaseCommands.ApproveCase;
import org.civicledger.events.cases.CaseCommands.StartReview;
import org.civicledger.events.cases.CaseCommands.SubmitApplication;
import org.civicledger.events.cases.CaseEvent.ApplicationSubmitted;
import org.civicledger.events.cases.CaseEvent.CaseAccepted;
import org.civicledger.events.cases.CaseEvent.CaseReviewStarted;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.DocumentReference;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;

/**
 * The one story all case tests share, so that each test only writes down what differs.
 *
 * <p>A citizen applies on Wednesday 1 October 2025 for a residence certificate of the Civil Affairs
 * agency (five statutory working days); the agency accepts on Thursday 2 October. October 2025 in
 * Taipei has two holidays close by: Mid-Autumn Festival on Monday 6 October and National Day on
 * Friday 10 October. Counting five working days from Friday 3 October therefore skips a weekend and
 * both holidays: 3, 7, 8, 9 and 13 October, so the statutory deadline is Monday 13 October.
 */
final class CaseScenario {

    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    static final String CASE_ID = "case-2025-0001";
    static final String AGENCY = "CIVIL-AFFAIRS";
    static final String OTHER_AGENCY = "URBAN-DEVELOPMENT";
    static final String UNKNOWN_AGENCY = "NO-SUCH-AGENCY";
    static final String CASE_TYPE = "RESIDENCE-CERTIFICATE";
    static final int STATUTORY_DAYS = 5;
    static final Money FEE = Money.twd(15);
    static final List<String> REQUIRED_DOCUMENTS = List.of("id-card", "application-form");

    static final LocalDate SUBMITTED_ON = LocalDate.of(2025, 10, 1);
    static final LocalDate ACCEPTED_ON = LocalDate.of(2025, 10, 2);
    static final LocalDate DEADLINE = LocalDate.of(2025, 10, 13);

    static final WorkingDayCalendar CALENDAR = new WorkingDayCalendar(
            Set.of(LocalDate.of(2025, 9, 29),    // Teacher's Day, observed on the Monday
                    LocalDate.of(2025, 10, 6),   // Mid-Autumn Festival
                    LocalDate.of(2025, 10, 10),  // National Day
                    LocalDate.of(2025, 10, 24)), // Retrocession Day, observed on the Friday
            Set.of());

    static final Actor CITIZEN = Actor.citizen("citizen-lin-mei");
    static final Actor SOMEONE_ELSE = Actor.citizen("citizen-chen-wei");
    static final Actor OFFICER = Actor.officer("officer-wang", AGENCY);
    static final Actor OFFICER_OF_OTHER_AGENCY = Actor.officer("officer-huang", OTHER_AGENCY);
    static final Actor LEDGER = Actor.system("ledger-deadlines");

    static final Applicant APPLICANT =
            new Applicant(CITIZEN.subject(), new NationalId("A123456789"), "Lin Mei", "lin.mei@example.org", null);
    /** Someone who applied in person and has no citizen account; only the counter can act for them. */
    static final Applicant APPLICANT_WITHOUT_ACCOUNT =
            new Applicant(null, new NationalId("F131104093"), "Chen Ah-Hua", null, "0912345678");

    static final List<DocumentReference> DOCUMENTS = List.of(
            new DocumentReference("id-card", "mydoc://documents/id-card-1"),
            new DocumentReference("application-form", "mydoc://documents/form-1"));

    private CaseScenario() {
    }

    static InMemoryReferenceCatalog catalog() {
        return new InMemoryReferenceCatalog()
                .withCaseType(new CaseTypeTerms(CASE_TYPE, AGENCY, "Residence certificate", REQUIRED_DOCUMENTS, FEE, STATUTORY_DAYS, true))
                .withAgency(OTHER_AGENCY);
    }

    static AggregateTestFixture<CaseFile> fixture(RecordingApplicantNotices notices) {
        // No fee bill: as for a case submitted before the ledger billed fees (WhenACaseHasAFee tests the bill).
        return fixture(notices, new InMemoryBillBook());
    }

    static AggregateTestFixture<CaseFile> fixture(RecordingApplicantNotices notices, InMemoryBillBook bills) {
        AggregateTestFixture<CaseFile> fixture = new AggregateTestFixture<>(CaseFile.class);
        fixture.registerInjectableResource(bills);
        fixture.registerInjectableResource(catalog());
        fixture.registerInjectableResource(CALENDAR);
        fixture.registerInjectableResource(new FixtureClock(fixture::currentTime, TAIPEI));
        fixture.registerInjectableResource(new FixedCredentialsIssuer());
        fixture.registerInjectableResource(notices);
        return fixture;
    }

    /** Office hours on a business date in Taipei. */
    static Instant at(LocalDate date) {
        return date.atTime(10, 0).atZone(TAIPEI).toInstant();
    }

    /** A deadline day runs to midnight in Taipei, which is when its deadline fires. */
    static Instant endOf(LocalDate date) {
        return date.plusDays(1).atStartOfDay(TAIPEI).toInstant();
    }

    static SubmitApplication submit(Actor actor) {
        return new SubmitApplication(CASE_ID, CASE_TYPE, APPLICANT, DOCUMENTS, "cmd-submit", actor);
    }

    static AcceptCase accept(Actor actor) {
        return new AcceptCase(CASE_ID, "cmd-accept", actor);
    }

    static StartReview startReview(Actor actor) {
        return new StartReview(CASE_ID, "cmd-review", actor);
    }

    static ApproveCase approve(Actor actor) {
        return new ApproveCase(CASE_ID, "all documents in order", "cmd-approve", actor);
    }

    static ApplicationSubmitted submitted() {
        return submitted(APPLICANT);
    }

    static ApplicationSubmitted submitted(Applicant applicant) {
        return new ApplicationSubmitted(CASE_ID, CASE_TYPE, AGENCY, applicant, DOCUMENTS, STATUTORY_DAYS, FEE, at(SUBMITTED_ON));
    }

    static CaseAccepted accepted() {
        return new CaseAccepted(CASE_ID, FixedCredentialsIssuer.caseNumber(AGENCY, ACCEPTED_ON),
                FixedCredentialsIssuer.CASE_PASSWORD_HASH, ACCEPTED_ON, STATUTORY_DAYS, DEADLINE);
    }

    static CaseReviewStarted reviewStarted() {
        return new CaseReviewStarted(CASE_ID, OFFICER.subject());
    }
}
