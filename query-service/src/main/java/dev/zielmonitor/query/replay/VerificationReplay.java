package dev.zielmonitor.query.replay;

import dev.zielmonitor.events.reporting.MonthlyFiguresCorrectedEvent;
import dev.zielmonitor.events.reporting.MonthlyFiguresRecordedEvent;
import dev.zielmonitor.query.reporting.FigureVersionWriter;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Shows that the figures read model follows from the history alone: replays every event up to the head of
 * the event store into a fresh schema with the same writer the live projection uses, waits until the live
 * projection has reached the same position, and compares the two tables row by row. Versions that events after
 * the head have closed since are compared as still open. The schema is dropped when both agree and kept for
 * inspection when they do not.
 */
@Component
public class VerificationReplay {

    static final String PROCESSOR = "monthly-figures";
    private static final String COLUMNS = "jobcenter_id, reporting_month, version, data_status, source, message_id, "
            + "event_id, figures";

    private final EventStorageEngine events;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final EventProcessingConfiguration processing;

    VerificationReplay(EventStorageEngine events, JdbcTemplate jdbc, JsonMapper json,
                       EventProcessingConfiguration processing) {
        this.events = events;
        this.jdbc = jdbc;
        this.json = json;
        this.processing = processing;
    }

    /**
     * @param onlyInLive    rows of the live read model that the replay did not produce
     * @param onlyInReplay  rows the replay produced that the live read model lacks
     * @param keptSchema    the replay's schema, kept when there are differences; {@code null} otherwise
     */
    public record Report(long eventsReplayed, long headPosition, long rowsCompared, long onlyInLive,
                         long onlyInReplay, List<String> sampleDifferences, String keptSchema, Duration took) {

        public boolean agrees() {
            return onlyInLive == 0 && onlyInReplay == 0;
        }
    }

    public synchronized Report run() {
        Instant started = Instant.now();
        TrackingToken head = events.createHeadToken();
        long headPosition = head == null ? -1 : head.position().orElse(-1);
        String schema = "verify_" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
        jdbc.execute("CREATE SCHEMA " + schema);
        jdbc.execute("CREATE TABLE " + schema + ".monthly_figures_version "
                + "(LIKE read_model.monthly_figures_version INCLUDING ALL)");

        FigureVersionWriter writer = new FigureVersionWriter(jdbc, json, schema);
        long replayed = 0;
        Instant lastEventTime = Instant.EPOCH;
        try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = stream.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                if (event.trackingToken().position().orElse(Long.MAX_VALUE) > headPosition) {
                    break;
                }
                Object payload = event.getPayload();
                if (payload instanceof MonthlyFiguresRecordedEvent recorded) {
                    writer.recorded(recorded, event.getIdentifier(), event.getTimestamp());
                } else if (payload instanceof MonthlyFiguresCorrectedEvent corrected) {
                    writer.corrected(corrected, event.getIdentifier(), event.getTimestamp());
                }
                lastEventTime = event.getTimestamp();
                if (++replayed % 1000 == 0) {
                    writer.flush();
                }
            }
        }
        writer.flush();
        awaitLiveProjection(headPosition);

        Timestamp asOfHead = Timestamp.from(lastEventTime);
        String live = "SELECT " + COLUMNS + ", recorded_from, CASE WHEN recorded_to > ? THEN NULL ELSE recorded_to END"
                + " FROM read_model.monthly_figures_version WHERE recorded_from <= ?";
        String replay = "SELECT " + COLUMNS + ", recorded_from, recorded_to FROM " + schema + ".monthly_figures_version";
        long onlyInLive = count("SELECT count(*) FROM (" + live + " EXCEPT " + replay + ") d", asOfHead, asOfHead);
        long onlyInReplay = count("SELECT count(*) FROM (" + replay + " EXCEPT " + live + ") d", asOfHead, asOfHead);
        List<String> sample = jdbc.queryForList("SELECT jobcenter_id || ' ' || reporting_month || ' v' || version FROM ("
                + live + " EXCEPT " + replay + ") d LIMIT 10", String.class, asOfHead, asOfHead);
        long rows = count("SELECT count(*) FROM " + schema + ".monthly_figures_version");
        boolean agrees = onlyInLive == 0 && onlyInReplay == 0;
        if (agrees) {
            jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
        }
        return new Report(replayed, headPosition, rows, onlyInLive, onlyInReplay, sample, agrees ? null : schema,
                Duration.between(started, Instant.now()));
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    /** The live projection must have processed up to the head, or its lag would show as differences. */
    private void awaitLiveProjection(long headPosition) {
        StreamingEventProcessor processor = processing.eventProcessor(PROCESSOR, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no processor " + PROCESSOR));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!processor.processingStatus().values().stream().allMatch(status -> reached(status, headPosition))
                || processor.processingStatus().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the live projection did not reach position " + headPosition);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private static boolean reached(EventTrackerStatus status, long position) {
        return status.getCurrentPosition().orElse(-1) >= position;
    }
}
