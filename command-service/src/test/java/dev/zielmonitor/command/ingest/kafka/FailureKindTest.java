package dev.zielmonitor.command.ingest.kafka;

import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class FailureKindTest {

    @Test
    void anUnreachableDatabaseIsTransientHoweverDeepItIsWrapped() {
        SQLException refused = new SQLException("Connection refused", "08001");
        assertThat(FailureKind.isTransient(new EventStoreException("append failed", refused))).isTrue();
        assertThat(FailureKind.isTransient(new CannotGetJdbcConnectionException("no connection", refused))).isTrue();
    }

    @Test
    void aConcurrentWriteAndADeadlockAreTransient() {
        assertThat(FailureKind.isTransient(new RuntimeException(new SQLException("duplicate key", "23505")))).isTrue();
        assertThat(FailureKind.isTransient(new RuntimeException(new SQLException("deadlock", "40P01")))).isTrue();
    }

    @Test
    void theNetworkAndTheBrokerRefusingThePlatformsOwnUserAreTransient() {
        assertThat(FailureKind.isTransient(new IllegalStateException(new java.net.ConnectException("refused"))))
                .isTrue();
        assertThat(FailureKind.isTransient(new IllegalStateException(
                new org.apache.kafka.common.errors.TopicAuthorizationException("no WRITE on the dead-letter topic"))))
                .isTrue();
    }

    @Test
    void whatARecordCausesIsNot() {
        assertThat(FailureKind.isTransient(new RuntimeException(new SQLException("foreign key", "23503")))).isFalse();
        assertThat(FailureKind.isTransient(new RuntimeException(new SQLException("NUL in text", "22021")))).isFalse();
    }

    @Test
    void aDefectIsNot() {
        assertThat(FailureKind.isTransient(new IllegalStateException("simulated defect"))).isFalse();
        assertThat(FailureKind.isTransient(new NullPointerException())).isFalse();
        assertThat(FailureKind.isTransient(new RuntimeException(new SQLException("value too long", "22001"))))
                .isFalse();
    }
}
