package dev.zielmonitor.web.problem;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Puts {@link ProblemAdvice} in place in every service with web-support, before Spring MVC's auto-configuration,
 * whose own problem details handler then stands back.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ProblemAutoConfiguration {

    /** The service as a 500 names it: {@code command-service} becomes "command service". */
    @Bean
    ProblemAdvice problemAdvice(@Value("${spring.application.name:service}") String application) {
        return new ProblemAdvice(application.replace('-', ' '));
    }
}
