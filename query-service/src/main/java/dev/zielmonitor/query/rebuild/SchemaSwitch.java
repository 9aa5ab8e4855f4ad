package dev.zielmonitor.query.rebuild;

import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

import static dev.zielmonitor.query.readmodel.ReadModel.LIVE_SCHEMA;
import static dev.zielmonitor.query.readmodel.ReadModel.plainSchema;

/**
 * The blue/green switch (ADR 0005): with the projections paused, in one transaction, the replay takes the last
 * events, the rebuilt schema replaces {@value dev.zielmonitor.query.readmodel.ReadModel#LIVE_SCHEMA}, the old one
 * is dropped and the projections' tokens move to where the replay stopped. Readers see one schema or the other.
 */
@Component
class SchemaSwitch {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final TokenStore tokenStore;

    SchemaSwitch(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, TokenStore tokenStore) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.tokenStore = tokenStore;
    }

    /**
     * Finishes {@code replay} (into {@code schema}, applied up to {@code last}) and switches to it; the
     * {@code paused} projections continue after its last event once started again.
     */
    void switchTo(SchemaReplay replay, TrackingToken last, String schema, String retiredName,
                  List<StreamingEventProcessor> paused) {
        replay.writeInline();
        transactions.executeWithoutResult(status -> {
            TrackingToken end = replay.catchUp(last);
            replay.flushHere();
            renameToLive(schema, retiredName);
            paused.forEach(projection -> moveToken(projection.getName(), end));
        });
    }

    private void renameToLive(String schema, String retiredName) {
        jdbc.execute("ALTER SCHEMA %s RENAME TO %s".formatted(LIVE_SCHEMA, plainSchema(retiredName)));
        jdbc.execute("ALTER SCHEMA %s RENAME TO %s".formatted(plainSchema(schema), LIVE_SCHEMA));
        // dropped at once: statements a connection has prepared against the old tables are re-planned by name
        jdbc.execute("DROP SCHEMA " + retiredName + " CASCADE");
    }

    /** Every segment of the processor continues after {@code token}; fails if another node holds a segment. */
    private void moveToken(String processor, TrackingToken token) {
        int[] segments = tokenStore.fetchSegments(processor);
        if (segments.length == 0) {
            tokenStore.initializeTokenSegments(processor, 1, token);
            return;
        }
        for (int segment : segments) {
            tokenStore.storeToken(token, processor, segment);
            tokenStore.releaseClaim(processor, segment);
        }
    }
}
