package dev.zielmonitor.eventstore.deadletter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The parked sequences of every processing group (Axon's dead-letter queues, {@link ProjectionDeadLetterConfiguration})
 * for operators: listed with the failure, retried after the fix (by the service that owns the projections, which
 * knows how to apply an event), and counted in Micrometer
 * ({@code zielmonitor.projection.parked.events} and {@code ….sequences} by group). The queues live in PostgreSQL, so
 * every instance shows the same and a retry from any instance claims the sequence for itself.
 */
public class ParkedEvents {

    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final ObjectProvider<MeterRegistry> meters;

    ParkedEvents(ObjectProvider<EventProcessingConfiguration> processing, ObjectProvider<MeterRegistry> meters) {
        this.processing = processing;
        this.meters = meters;
    }

    /**
     * One parked event.
     *
     * @param aggregate the event's aggregate, when it has one (a Jobcenter's month, an agreement, a Jobcenter)
     * @param retries   retries that failed again since it was parked
     */
    public record ParkedEvent(String eventId, String eventType, String aggregate, Long aggregateSequence,
                              Instant recordedAt, Instant parkedAt, Instant lastTouched, String causeType,
                              String causeMessage, long retries) {
    }

    /** A sequence held back by its first event's failure; the later ones wait behind it. */
    public record ParkedSequence(String processingGroup, String sequence, List<ParkedEvent> events) {
    }

    /** Every processing group that has a dead-letter queue, with its queue. */
    private TreeMap<String, SequencedDeadLetterQueue<EventMessage<?>>> queues() {
        TreeMap<String, SequencedDeadLetterQueue<EventMessage<?>>> queues = new TreeMap<>();
        EventProcessingConfiguration configuration = processing.getObject();
        configuration.eventProcessors().keySet().forEach(name -> configuration.deadLetterQueue(name)
                .ifPresent(queue -> queues.put(name, queue)));
        return queues;
    }

    /** The processing groups whose failing events are parked, which should be every one of the service's. */
    public List<String> processingGroups() {
        return List.copyOf(queues().keySet());
    }

    /** Every parked sequence, by processing group, oldest first; at most {@code limit} sequences. */
    public List<ParkedSequence> list(int limit) {
        List<ParkedSequence> sequences = new ArrayList<>();
        queues().forEach((group, queue) -> {
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                if (sequences.size() >= limit) {
                    return;
                }
                List<ParkedEvent> events = new ArrayList<>();
                String id = null;
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    if (id == null && letter instanceof JdbcDeadLetter<?> stored) {
                        id = stored.getSequenceIdentifier();
                    }
                    events.add(view(letter));
                }
                sequences.add(new ParkedSequence(group, id, events));
            }
        });
        return sequences;
    }

    /**
     * Parks an event that failed outside its handler (e.g. when its batch was written), as Axon's invoker parks one
     * whose handler failed: with the failure as the storable cause, or without a cause when it only waits behind an
     * earlier parked event of its sequence. Joins the caller's transaction.
     */
    public void park(String processingGroup, String sequence, EventMessage<?> event, Throwable failure) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processingGroup);
        DeadLetter<EventMessage<?>> letter = new GenericDeadLetter<>(sequence, event);
        if (failure == null) {
            queue.enqueue(sequence, letter);
            return;
        }
        EnqueueDecision<EventMessage<?>> decision = decide(letter, failure);
        queue.enqueue(sequence, decision.withDiagnostics(letter.withCause(decision.enqueueCause().orElse(failure))));
    }

    /** Parked events by processing group. */
    public long count(String processingGroup) {
        return Optional.ofNullable(queues().get(processingGroup)).map(SequencedDeadLetterQueue::size).orElse(0L);
    }

    /**
     * Handles the parked sequence again, from its first event, with {@code task} (which applies one event and answers
     * {@link org.axonframework.messaging.deadletter.Decisions#evict()} when it did, or {@link #decide} when it failed
     * again): the events it applied leave the queue, the first that fails again stays parked with the new failure and
     * a retry count, the ones behind it stay parked. Joins the caller's transaction.
     *
     * @return whether every event of the sequence was applied (false when one failed again, when the sequence is
     *         unknown, or when another instance is retrying it)
     */
    public boolean retry(String processingGroup, String sequence,
                         Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> task) {
        return queue(processingGroup).process(letter -> letter instanceof JdbcDeadLetter<?> stored
                && stored.getSequenceIdentifier().equals(sequence), task);
    }

    /** What to do with an event that failed (again): park it with a storable cause and count the retry. */
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable failure) {
        return new ProjectionDeadLetterConfiguration.StorableCausePolicy().decide(letter, failure);
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String processingGroup) {
        return processing.getObject().deadLetterQueue(processingGroup).orElseThrow(() ->
                new IllegalArgumentException("no processing group " + processingGroup + " parks events"));
    }

    private static ParkedEvent view(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        Object retries = letter.diagnostics().get(ProjectionDeadLetterConfiguration.RETRIES);
        return new ParkedEvent(event.getIdentifier(), event.getPayloadType().getSimpleName(),
                event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null,
                event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null,
                event.getTimestamp(), letter.enqueuedAt(), letter.lastTouched(),
                letter.cause().map(Cause::type).orElse(null), letter.cause().map(Cause::message).orElse(null),
                retries instanceof Number n ? n.longValue() : 0);
    }

    /** Once every processor is configured: a gauge of parked events and sequences per group. */
    @EventListener(ApplicationReadyEvent.class)
    void registerMetrics() {
        MeterRegistry registry = meters.getIfAvailable();
        if (registry == null) {
            return;
        }
        queues().forEach((group, queue) -> {
            Gauge.builder("zielmonitor.projection.parked.events", queue, SequencedDeadLetterQueue::size)
                    .description("events parked because their projection failed on them or on an earlier event "
                            + "of their sequence").tag("group", group).register(registry);
            Gauge.builder("zielmonitor.projection.parked.sequences", queue,
                            SequencedDeadLetterQueue::amountOfSequences)
                    .description("sequences held back by a parked event").tag("group", group).register(registry);
        });
    }
}
