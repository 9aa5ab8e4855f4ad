package dev.zielmonitor.eventstore;

import org.axonframework.springboot.TokenStoreProperties;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.EventProcessingAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;

import javax.sql.DataSource;

/**
 * Axon's own {@link JdbcAutoConfiguration} declares its order only relative to Hibernate's
 * auto-configuration, which Spring Boot 4 moved into another module; without JPA it is evaluated before the
 * {@link DataSource} exists, its {@code @ConditionalOnBean(DataSource.class)} fails, and Axon starts without an
 * event store ("Default configuration requires the use of event sourcing…", AxonIQ/AxonFramework#4450, fixed
 * only in Axon 5). This subclass carries the same beans, evaluated after the DataSource. See ADR 0001.
 */
@AutoConfiguration(
        after = DataSourceAutoConfiguration.class,
        before = {AxonAutoConfiguration.class, EventProcessingAutoConfiguration.class})
@ConditionalOnBean(DataSource.class)
public class AxonJdbcAutoConfiguration extends JdbcAutoConfiguration {

    public AxonJdbcAutoConfiguration(TokenStoreProperties tokenStoreProperties) {
        super(tokenStoreProperties);
    }
}
