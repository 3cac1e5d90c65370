package org.civicledger.query.write;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.civicledger.events.common.LedgerCommand;
import org.civicledger.events.common.RuleViolation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sends a command through Axon's gateway and waits for it, with the actor, channel and command id as
 * metadata, then reads the position of the aggregate's last event.
 */
@Component
public class CommandSender {

    private final CommandGateway gateway;
    private final EventPositions positions;
    private final Duration timeout;

    public CommandSender(CommandGateway gateway, EventPositions positions,
                         @Value("${ledger.api.command-timeout:PT10S}") Duration timeout) {
        this.gateway = gateway;
        this.positions = positions;
        this.timeout = timeout;
    }

    /** What the command handler returned, and where its aggregate's event stream now ends. */
    public record Sent(Object result, Long position) {
    }

    /**
     * Sends a command about one target.
     *
     * @param target     the aggregate identifier, for the position and for the not-found answer
     * @param targetKind the target in domain words and the field that named it, such as
     *                   {@code new Target("case", "caseId")}
     */
    public Sent send(LedgerCommand command, CommandContext context, String target, Target targetKind) {
        Object result;
        try {
            result = gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).withMetaData(context.metaData()),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (AggregateNotFoundException notFound) {
            throw RuleViolation.notFound(targetKind.rule(), targetKind.field(), targetKind.noun() + " " + target + " is not known");
        }
        return new Sent(result, positions.lastOf(target));
    }

    /** A kind of target: its name in domain words, the request field that names it, and the rule it breaks when unknown. */
    public record Target(String noun, String field, String rule) {
        public static final Target CASE = new Target("case", "caseId", "CaseIsKnown");
        public static final Target AGENCY = new Target("agency", "agencyCode", "AgencyIsKnown");
        public static final Target CASE_TYPE = new Target("case type", "caseTypeCode", "CaseTypeIsKnown");
        public static final Target CALENDAR_YEAR = new Target("calendar year", "year", "CalendarYearIsPublished");
    }
}
