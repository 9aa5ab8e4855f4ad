package dev.zielmonitor.query.rebuild;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.zielmonitor.query.readmodel.TableDifference;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** One rebuild of the read models: what it does and how far it got. Updated by its thread, read by anyone. */
public final class Rebuild {

    /** SWITCH replaces the live read models; VERIFY compares with them and changes nothing. */
    public enum Mode { SWITCH, VERIFY }

    public enum State { RUNNING, COMPLETED, FAILED }

    /** Where a run is: reading the history, catching up with new events, switching or comparing, done. */
    public enum Phase { REPLAYING, CATCHING_UP, SWITCHING, COMPARING, DONE }

    /**
     * What a verification found; {@code keptSchema} is the rebuilt schema, kept for inspection when the two differ.
     */
    public record Verification(boolean agrees, List<TableDifference> tables, String keptSchema) {
    }

    private final String id;
    private final Mode mode;
    private final Instant startedAt = Instant.now();
    private volatile State state = State.RUNNING;
    private volatile Phase phase = Phase.REPLAYING;
    private volatile long eventsDone;
    private volatile long eventsTotal;
    private volatile long replayStartNanos = System.nanoTime();
    private volatile long endNanos;
    private volatile Instant finishedAt;
    private volatile String error;
    private volatile Verification verification;

    Rebuild(String id, Mode mode) {
        this.id = id;
        this.mode = mode;
    }

    String id() {
        return id;
    }

    Mode mode() {
        return mode;
    }

    boolean running() {
        return state == State.RUNNING;
    }

    void phase(Phase phase) {
        this.phase = phase;
    }

    void total(long total) {
        this.eventsTotal = total;
        this.replayStartNanos = System.nanoTime();
    }

    /** Called by the rebuild's one thread only. */
    void done(long events) {
        eventsDone = events;
        if (events > eventsTotal) {
            eventsTotal = events; // events appended after the head was taken
        }
    }

    void completed(Verification verification) {
        this.verification = verification;
        this.phase = Phase.DONE;
        this.endNanos = System.nanoTime();
        this.finishedAt = Instant.now();
        this.state = State.COMPLETED;
    }

    void failed(Throwable cause) {
        this.error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        this.endNanos = System.nanoTime();
        this.finishedAt = Instant.now();
        this.state = State.FAILED;
    }

    long eventsDone() {
        return eventsDone;
    }

    long eventsTotal() {
        return eventsTotal;
    }

    /** Events per second since replaying began; 0 before. */
    double rate() {
        double seconds = ((endNanos == 0 ? System.nanoTime() : endNanos) - replayStartNanos) / 1e9;
        return seconds <= 0 ? 0 : eventsDone / seconds;
    }

    /** Seconds still to go at the current rate; {@code null} when unknown or done. */
    Double etaSeconds() {
        double rate = rate();
        if (state != State.RUNNING || rate <= 0) {
            return null;
        }
        return Math.max(0, eventsTotal - eventsDone) / rate;
    }

    /** The run as the API and the command line show it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(String id, Mode mode, State state, Phase phase, Instant startedAt, Instant finishedAt,
                       long eventsDone, long eventsTotal, double eventsPerSecond, Double etaSeconds, String error,
                       Verification verification, String summary) {
    }

    public View view() {
        double rate = Math.round(rate() * 10) / 10.0;
        Double eta = etaSeconds();
        Double roundedEta = eta == null ? null : Math.round(eta * 10) / 10.0;
        return new View(id, mode, state, phase, startedAt, finishedAt, eventsDone, eventsTotal, rate, roundedEta,
                error, verification, summary(rate, roundedEta));
    }

    private String summary(double rate, Double eta) {
        double percent = eventsTotal == 0 ? (state == State.RUNNING ? 0 : 100) : 100.0 * eventsDone / eventsTotal;
        String text = String.format(Locale.ROOT, "%s %s %s: %,d of %,d events (%.1f %%), %,.0f events/s", mode,
                state, phase, eventsDone, eventsTotal, percent, rate);
        if (eta != null) {
            text += String.format(Locale.ROOT, ", ETA %.0f s", eta);
        }
        if (verification != null) {
            text += verification.agrees() ? ", no differences"
                    : ", DIFFERENCES (kept in schema " + verification.keptSchema() + ")";
        }
        if (error != null) {
            text += ": " + error;
        }
        return text;
    }
}
