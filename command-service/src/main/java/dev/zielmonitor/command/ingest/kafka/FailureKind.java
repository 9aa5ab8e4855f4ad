package dev.zielmonitor.command.ingest.kafka;

import dev.zielmonitor.eventstore.DatabaseFailures;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells a failure of the platform (database or broker unreachable, a conflicting concurrent write, the platform's
 * own Kafka user refused by the broker until an operator fixes its ACLs: retry, it will pass) from a failure that
 * one message causes every time (a bug meeting unusual data: retrying would block its partition for ever).
 */
final class FailureKind {

    private FailureKind() {
    }

    static boolean isTransient(Throwable failure) {
        if (DatabaseFailures.isTransient(failure)) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RetriableException || t instanceof AuthorizationException
                    || t instanceof AuthenticationException) {
                return true;
            }
        }
        return false;
    }
}
