package org.civicledger.query.write;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.civicledger.events.common.Actor;
import org.civicledger.query.http.ApiRequests;
import org.civicledger.query.http.InvalidRequestException;
import org.civicledger.query.security.LedgerAuthentication;
import org.springframework.http.HttpStatus;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.server.ResponseStatusException;

/**
 * Builds the {@link CommandContext} of a write: the actor from the verified bearer token (subject, role,
 * agency; see {@link LedgerAuthentication}), {@code X-Channel} (web, counter or api; api when absent) and
 * {@code Idempotency-Key}.
 *
 * <p>A bad header is a 400 problem naming the header. A request without an actor never gets here in the
 * assembly (the URL rules refuse it first); should one, it is refused with 403 rather than recorded under
 * an invented actor.
 */
public class CommandContextResolver implements HandlerMethodArgumentResolver {

    public static final Set<String> CHANNELS = Set.of("web", "counter", "api");
    public static final String DEFAULT_CHANNEL = "api";
    private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7E]+");

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
        Actor actor = LedgerAuthentication.current().orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN,
                "a write needs a signed-in citizen, officer or operator"));
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
        return new CommandContext(actor, channel.toLowerCase(Locale.ROOT), commandId);
    }
}
