package dev.zielmonitor.eventstore;

import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration;
import org.axonframework.springboot.autoconfig.TransactionAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;

/**
 * The same ordering fault as {@link AxonJdbcAutoConfiguration}, for transactions: Axon's
 * {@link TransactionAutoConfiguration} names Boot 3's class of the JDBC transaction manager, so on Boot 4 it is
 * evaluated before a {@code PlatformTransactionManager} exists and Axon silently falls back to a no-op
 * transaction manager (events, tokens and projections would then not commit together). Ordered correctly
 * here. See ADR 0001.
 */
@AutoConfiguration(
        after = DataSourceTransactionManagerAutoConfiguration.class,
        before = {NoOpTransactionAutoConfiguration.class, AxonAutoConfiguration.class})
public class AxonTransactionAutoConfiguration extends TransactionAutoConfiguration {
}
