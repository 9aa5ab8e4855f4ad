package dev.zielmonitor.query.web;

import io.swagger.v3.oas.models.media.DateTimeSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Arrays;
import java.util.List;

/**
 * Registers the {@link Stand} resolver once for every controller, and documents it in the OpenAPI documents as the
 * query parameter it is ({@code asOf}, an optional date-time), not as the record it becomes.
 */
@Configuration(proxyBeanMethods = false)
class StandConfiguration implements WebMvcConfigurer {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Stand.class);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new StandArgumentResolver());
    }

    @Bean
    OperationCustomizer standParameter() {
        return (operation, handler) -> {
            if (Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.getParameterType() == Stand.class)) {
                operation.addParametersItem(new Parameter().in("query").name(Stand.PARAMETER).required(false)
                        .description("The Stand: answer as known at this recorded instant (ISO-8601, between "
                                + "2005-01-01T00:00:00Z and 2200-01-01T00:00:00Z); absent: now")
                        .schema(new DateTimeSchema()));
            }
            return operation;
        };
    }
}
