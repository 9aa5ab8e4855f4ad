package dev.zielmonitor.query.rebuild;

import dev.zielmonitor.query.readmodel.ReadModel;
import dev.zielmonitor.query.readmodel.ReadModelSchemas;
import dev.zielmonitor.query.readmodel.TableDifference;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The verification: a replay brought to exactly the events the paused projections have handled, then compared
 * with the live read models table by table. Changes nothing live; the caller keeps the rebuilt schema when the
 * two differ.
 */
@Component
class RebuildVerification {

    private static final Duration PROJECTIONS_TIMEOUT = Duration.ofMinutes(2);

    private final List<ReadModel> readModels;
    private final ReadModelSchemas schemas;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;

    RebuildVerification(List<ReadModel> readModels, ReadModelSchemas schemas, EventProcessingConfiguration processing,
                        TokenStore tokenStore) {
        this.readModels = List.copyOf(readModels);
        this.schemas = schemas;
        this.processing = processing;
        this.tokenStore = tokenStore;
    }

    /**
     * Waits until every segment of every projection has handled the events up to {@code token}, so that once
     * paused they have seen all the replay has.
     */
    void awaitProjections(TrackingToken token) {
        long position = token == null ? -1 : token.position().orElse(-1);
        long deadline = System.nanoTime() + PROJECTIONS_TIMEOUT.toNanos();
        for (ReadModel model : readModels) {
            StreamingEventProcessor processor = processing.eventProcessor(model.processingGroup(),
                    StreamingEventProcessor.class).orElseThrow();
            while (processor.processingStatus().isEmpty() || !processor.processingStatus().values().stream()
                    .allMatch(status -> status.getCurrentPosition().orElse(-1) >= position)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("projection " + model.processingGroup()
                            + " did not reach event " + position + " within " + PROJECTIONS_TIMEOUT);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
    }

    /**
     * With the projections paused: applies to {@code replay} (applied up to {@code last}, into {@code schema}) exactly
     * the events the projections have handled, no more, no fewer, and compares {@code tables}.
     */
    Rebuild.Verification verify(Rebuild run, SchemaReplay replay, TrackingToken last, String schema,
                                List<String> tables) {
        List<LiveProjection> live = replay.readModels().stream().map(this::liveProjection).toList();
        replay.catchUp(last, (writer, event) -> live.get(writer).handled(event));
        replay.flushAndWait();
        run.phase(Rebuild.Phase.COMPARING);
        List<TableDifference> differences = tables.stream().map(table -> schemas.compare(schema, table)).toList();
        boolean agrees = differences.stream().allMatch(d -> d.onlyInLive() == 0 && d.onlyInRebuilt() == 0);
        return new Rebuild.Verification(agrees, differences, agrees ? null : schema);
    }

    /** A paused projection: its segments with their stored tokens, and how it assigns events to them. */
    private record LiveProjection(SequencingPolicy<? super EventMessage<?>> policy,
                                  Map<Segment, TrackingToken> tokens) {

        /**
         * Whether the projection has handled the event: the token of the segment the event belongs to has passed
         * it. (A segment stores its token when it handles events of its own, so a token is exact for those.)
         */
        boolean handled(TrackedEventMessage<?> event) {
            Object sequence = policy.getSequenceIdentifierFor(event);
            int hash = Objects.hashCode(sequence == null ? event.getIdentifier() : sequence);
            return tokens.entrySet().stream().filter(entry -> entry.getKey().matches(hash)).findFirst()
                    .map(entry -> RebuildVerification.handled(entry.getValue(), event.trackingToken()))
                    .orElse(false);
        }
    }

    private LiveProjection liveProjection(ReadModel model) {
        String name = model.processingGroup();
        int[] ids = tokenStore.fetchSegments(name);
        Map<Segment, TrackingToken> tokens = new LinkedHashMap<>();
        for (int id : ids) {
            tokens.put(Segment.computeSegment(id, ids), tokenStore.fetchToken(name, id));
            tokenStore.releaseClaim(name, id);
        }
        return new LiveProjection(processing.sequencingPolicy(name), tokens);
    }

    /**
     * Whether a projection at {@code live} has handled the event at {@code event}: its index is not beyond the
     * projection's and not one of its gaps. ({@code covers} would also demand that the event's token have every
     * gap the projection's has, which the rebuild's tokens need not.)
     */
    static boolean handled(TrackingToken live, TrackingToken event) {
        if (live == null) {
            return false;
        }
        long index = event.position().orElseThrow();
        TrackingToken token = WrappedToken.unwrapLowerBound(live);
        if (token instanceof GapAwareTrackingToken gapAware) {
            return index <= gapAware.getIndex() && !gapAware.getGaps().contains(index);
        }
        return index <= live.position().orElse(-1);
    }
}
