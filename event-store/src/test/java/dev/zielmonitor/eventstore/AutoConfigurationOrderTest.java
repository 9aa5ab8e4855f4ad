package dev.zielmonitor.eventstore;

import dev.zielmonitor.infra.TestInfrastructure;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ADR 0001, fix 1: Axon's {@link JdbcAutoConfiguration} states no order relative to Boot 4's
 * {@link DataSourceAutoConfiguration}, so whether its {@code @ConditionalOnBean(DataSource.class)} sees the
 * DataSource depends on incidental sort order (by class name, Axon's comes first). Beans are only defined
 * here, never created (lazy), so the test looks at ordering alone.
 */
class AutoConfigurationOrderTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(context -> context.addBeanFactoryPostProcessor(
                    new LazyInitializationBeanFactoryPostProcessor()))
            .withPropertyValues("spring.datasource.url=" + TestInfrastructure.databaseProperties()
                    .get("ZIELMONITOR_DB_URL"));

    @Test
    void axonsOwnJdbcConfigurationMissesTheDataSourceWhenNothingOrdersIt() {
        runner.withConfiguration(AutoConfigurations.of(JdbcAutoConfiguration.class, DataSourceAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasBean("dataSource");
                    assertThat(context.getBeanFactory().containsBeanDefinition("eventStorageEngine")).isFalse();
                    assertThat(context.getBeanFactory().containsBeanDefinition("tokenStore")).isFalse();
                });
    }

    @Test
    void theOrderedSubclassDefinesTheJdbcEngineAndTokenStore() {
        runner.withConfiguration(AutoConfigurations.of(AxonJdbcAutoConfiguration.class,
                        DataSourceAutoConfiguration.class))
                .run(context -> {
                    assertThat(context.getBeanFactory().containsBeanDefinition("eventStorageEngine")).isTrue();
                    assertThat(context.getBeanFactory().containsBeanDefinition("tokenStore")).isTrue();
                });
    }
}
