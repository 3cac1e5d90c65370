package org.civicledger.query.write;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Role;
import org.civicledger.query.http.ApiRequests;
import org.civicledger.query.http.InvalidRequestException;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Builds the {@link CommandContext} of a write from its headers: {@code X-Actor-Subject},
 * {@code X-Actor-Role} (citizen, officer, auditor or operator), {@code X-Actor-Agency} (required for
 * officers), {@code X-Channel} (web, counter or api; api when absent) and {@code Idempotency-Key}.
 *
 * <p>A stand-in until sign-in: then the actor comes from the verified token and these headers go.
 * A missing or bad header is a 400 problem naming the header.
 */
public class CommandContextResolver implements HandlerMethodArgumentResolver {

    public static final Set<String> CHANNELS = Set.of("web", "counter", "api");
    public static final String DEFAULT_CHANNEL = "api";
    private static final Set<Role> ROLES_OVER_HTTP = Set.of(Role.CITIZEN, Role.OFFICER, Role.AUDITOR, Role.OPERATOR);
    private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7E]+");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CommandContext.class;
    }

    @Override
    public CommandContext resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer, NativeWebRequest webRequest,
                                          WebDataBinderFactory binderFactory) {
        return resolve(webRequest.getNativeRequest(HttpServletRequest.class));
    }

    static CommandContext resolve(HttpServletRequest request) {
        String subject = request.getHeader(ApiRequests.ACTOR_SUBJECT_HEADER);
        if (subject == null || subject.isBlank() || subject.length() > Actor.SUBJECT_LENGTH_MAX
                || !PRINTABLE.matcher(subject).matches()) {
            throw new InvalidRequestException(ApiRequests.ACTOR_SUBJECT_HEADER,
                    "header " + ApiRequests.ACTOR_SUBJECT_HEADER + " is required: 1 to " + Actor.SUBJECT_LENGTH_MAX
                            + " printable characters");
        }
        Role role = role(request.getHeader(ApiRequests.ACTOR_ROLE_HEADER));
        String agency = request.getHeader(ApiRequests.ACTOR_AGENCY_HEADER);
        if (agency != null && !CODE.matcher(agency).matches()) {
            throw new InvalidRequestException(ApiRequests.ACTOR_AGENCY_HEADER,
                    "header " + ApiRequests.ACTOR_AGENCY_HEADER + " must be an agency code");
        }
        if (role == Role.OFFICER && agency == null) {
            throw new InvalidRequestException(ApiRequests.ACTOR_AGENCY_HEADER,
                    "an officer acts for an agency: header " + ApiRequests.ACTOR_AGENCY_HEADER + " is required");
        }
        String channel = request.getHeader(ApiRequests.CHANNEL_HEADER);
        if (channel == null) {
            channel = DEFAULT_CHANNEL;
        } else if (!CHANNELS.contains(channel.toLowerCase(Locale.ROOT))) {
            throw new InvalidRequestException(ApiRequests.CHANNEL_HEADER,
                    "header " + ApiRequests.CHANNEL_HEADER + " must be web, counter or api");
        }
        String commandId = request.getHeader(ApiRequests.IDEMPOTENCY_KEY_HEADER);
        if (commandId == null || commandId.isBlank() || commandId.length() > 128 || !PRINTABLE.matcher(commandId).matches()) {
            throw new InvalidRequestException(ApiRequests.IDEMPOTENCY_KEY_HEADER,
                    "every write needs an Idempotency-Key header of 1 to 128 printable characters");
        }
        return new CommandContext(new Actor(subject, role, agency), channel.toLowerCase(Locale.ROOT), commandId);
    }

    private static Role role(String header) {
        if (header != null) {
            for (Role candidate : ROLES_OVER_HTTP) {
                if (candidate.name().equalsIgnoreCase(header)) {
                    return candidate;
                }
            }
        }
        throw new InvalidRequestException(ApiRequests.ACTOR_ROLE_HEADER,
                "header " + ApiRequests.ACTOR_ROLE_HEADER + " is required: citizen, officer, auditor or operator");
    }
}
