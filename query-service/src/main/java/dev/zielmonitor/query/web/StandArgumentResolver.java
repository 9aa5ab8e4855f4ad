package dev.zielmonitor.query.web;

import dev.zielmonitor.events.failure.InvalidInput;
import dev.zielmonitor.web.PlatformTime;
import org.springframework.core.MethodParameter;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Reads a controller's {@link Stand} from {@code asOf}: absent or empty is now; otherwise an ISO-8601 instant within
 * the platform's time ({@link PlatformTime}), or a 400 problem naming {@code asOf} with the reason, word for word
 * what the instant binding answered before (issue 18).
 */
final class StandArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Stand.class;
    }

    @Override
    public Stand resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
                                 WebDataBinderFactory binders) {
        return resolve(request.getParameter(Stand.PARAMETER));
    }

    static Stand resolve(String asOf) {
        if (!StringUtils.hasText(asOf)) {
            return Stand.current();
        }
        try {
            return Stand.at(PlatformTime.instant(asOf));
        } catch (IllegalArgumentException e) {
            throw InvalidInput.parameter(Stand.PARAMETER, e.getMessage());
        }
    }
}
