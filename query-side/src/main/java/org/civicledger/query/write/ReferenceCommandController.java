package org.civicledger.query.write;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.civicledger.events.common.LedgerCommand;
import org.civicledger.events.reference.CalendarEvents.Holiday;
import org.civicledger.events.reference.ReferenceCommands.DeclareHoliday;
import org.civicledger.events.reference.ReferenceCommands.PublishCalendarYear;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.civicledger.events.reference.ReferenceCommands.RegisterCaseType;
import org.civicledger.events.reference.ReferenceCommands.RenameAgency;
import org.civicledger.events.reference.ReferenceCommands.ReviseCaseType;
import org.civicledger.query.http.InvalidRequestException;
import org.civicledger.query.http.RequestText;
import org.civicledger.query.write.CommandSender.Target;
import org.civicledger.query.write.ReferenceRequests.DeclareHolidayBody;
import org.civicledger.query.write.ReferenceRequests.HolidayBody;
import org.civicledger.query.write.ReferenceRequests.PublishCalendarYearBody;
import org.civicledger.query.write.ReferenceRequests.RegisterAgencyBody;
import org.civicledger.query.write.ReferenceRequests.RegisterCaseTypeBody;
import org.civicledger.query.write.ReferenceRequests.RenameAgencyBody;
import org.civicledger.query.write.ReferenceRequests.ReviseCaseTypeBody;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reference data commands over HTTP: agencies, case types and the business calendar. The ledger lets
 * only operators (and itself) change them; each change is an event an auditor can ask about.
 */
@RestController
@RequestMapping("/api/v1/reference")
@Tag(name = "Reference data commands", description = "Agencies, case types and the business calendar")
public class ReferenceCommandController {

    private static final Pattern CODE = Pattern.compile(RequestText.CODE);

    private final CommandSender sender;

    public ReferenceCommandController(CommandSender sender) {
        this.sender = sender;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/agencies")
    @Operation(summary = "Register an agency")
    public ResponseEntity<ReferenceAnswer> registerAgency(@Valid @RequestBody RegisterAgencyBody body,
                                                          @Parameter(hidden = true) CommandContext context) {
        ReferenceAnswer answer = send(body.agencyCode(), Target.AGENCY,
                new RegisterAgency(body.agencyCode(), body.name(), context.commandId(), context.actor()), context);
        return ResponseEntity.created(URI.create("/api/v1/reference/agencies/" + body.agencyCode())).body(answer);
    }

    @PostMapping("/agencies/{agencyCode}/renames")
    @Operation(summary = "Rename an agency")
    public ReferenceAnswer renameAgency(@PathVariable String agencyCode, @Valid @RequestBody RenameAgencyBody body,
                                        @Parameter(hidden = true) CommandContext context) {
        return send(code("agencyCode", agencyCode), Target.AGENCY,
                new RenameAgency(agencyCode, body.name(), body.reason(), context.commandId(), context.actor()), context);
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/case-types")
    @Operation(summary = "Register a case type", description = "Its agency, required documents, fee and statutory processing days")
    public ResponseEntity<ReferenceAnswer> registerCaseType(@Valid @RequestBody RegisterCaseTypeBody body,
                                                            @Parameter(hidden = true) CommandContext context) {
        ReferenceAnswer answer = send(body.caseTypeCode(), Target.CASE_TYPE, new RegisterCaseType(body.caseTypeCode(), body.agencyCode(),
                body.name(), List.copyOf(body.requiredDocuments()), body.fee().toMoney(), body.statutoryProcessingDays(),
                Boolean.TRUE.equals(body.issuesCertificate()), context.commandId(), context.actor()), context);
        return ResponseEntity.created(URI.create("/api/v1/reference/case-types/" + body.caseTypeCode())).body(answer);
    }

    @PostMapping("/case-types/{caseTypeCode}/revisions")
    @Operation(summary = "Revise a case type's terms", description = "Applies to cases submitted from now on")
    public ReferenceAnswer reviseCaseType(@PathVariable String caseTypeCode, @Valid @RequestBody ReviseCaseTypeBody body,
                                          @Parameter(hidden = true) CommandContext context) {
        return send(code("caseTypeCode", caseTypeCode), Target.CASE_TYPE, new ReviseCaseType(caseTypeCode, body.name(),
                List.copyOf(body.requiredDocuments()), body.fee().toMoney(), body.statutoryProcessingDays(), body.issuesCertificate(),
                body.reason(),
                context.commandId(), context.actor()), context);
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/calendar/{year}")
    @Operation(summary = "Publish a year's business calendar", description = "Its holidays and make-up working days; once per year")
    public ResponseEntity<ReferenceAnswer> publishCalendarYear(@PathVariable int year, @Valid @RequestBody PublishCalendarYearBody body,
                                                               @Parameter(hidden = true) CommandContext context) {
        List<Holiday> holidays = body.holidays() == null ? List.of() : body.holidays().stream().map(HolidayBody::toHoliday).toList();
        List<LocalDate> makeUp = body.makeUpWorkdays() == null ? List.of() : List.copyOf(body.makeUpWorkdays());
        ReferenceAnswer answer = send(year(year), Target.CALENDAR_YEAR,
                new PublishCalendarYear(year, holidays, makeUp, body.source(), context.commandId(), context.actor()), context);
        return ResponseEntity.created(URI.create("/api/v1/reference/calendar/" + year)).body(answer);
    }

    @PostMapping("/calendar/{year}/holidays")
    @Operation(summary = "Declare an unplanned day off", description = "Such as a typhoon day, after the year was published")
    public ReferenceAnswer declareHoliday(@PathVariable int year, @Valid @RequestBody DeclareHolidayBody body,
                                          @Parameter(hidden = true) CommandContext context) {
        return send(year(year), Target.CALENDAR_YEAR,
                new DeclareHoliday(year, body.date(), body.name(), body.reason(), context.commandId(), context.actor()), context);
    }

    private ReferenceAnswer send(String id, Target target, LedgerCommand command, CommandContext context) {
        return new ReferenceAnswer(id, sender.send(command, context, id, target).position());
    }

    private static String year(int year) {
        if (year < ReferenceRequests.YEAR_MIN || year > ReferenceRequests.YEAR_MAX) {
            throw new InvalidRequestException("year", "year must be " + ReferenceRequests.YEAR_MIN + " to " + ReferenceRequests.YEAR_MAX);
        }
        return Integer.toString(year);
    }

    private static String code(String field, String value) {
        if (!CODE.matcher(value).matches()) {
            throw new InvalidRequestException(field, field + " must be 1 to 64 letters, digits, dots, dashes or underscores");
        }
        return value;
    }
}
