package dev.zielmonitor.web.problem;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemAutoConfigurationTest {

    @Test
    void everyServletServiceGetsTheAdviceNamedAfterTheApplication() {
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(ProblemAutoConfiguration.class))
                .withPropertyValues("spring.application.name=query-service")
                .run(context -> {
                    assertThat(context).hasSingleBean(ProblemAdvice.class);
                    assertThat(context.getBean(ProblemAdvice.class)
                            .answer(new IllegalStateException("x")).getBody().getDetail())
                            .startsWith("The query service failed");
                });
    }
}
