package dev.zielmonitor.query.rebuild;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The progress of rebuilds as the API and the metrics show it: the last {@value #RUNS_KEPT} runs by id, and the
 * latest as the {@code zielmonitor.rebuild.*} gauges. Each run counts its own events ({@link Rebuild}).
 */
@Component
class RebuildProgress {

    private static final int RUNS_KEPT = 20;

    private final Map<String, Rebuild> runs = new LinkedHashMap<>();
    private volatile Rebuild latest;

    RebuildProgress(MeterRegistry meters) {
        Gauge.builder("zielmonitor.rebuild.running", () -> latest != null && latest.running() ? 1 : 0)
                .description("1 while a rebuild or verification of the read models runs").register(meters);
        Gauge.builder("zielmonitor.rebuild.events.done", () -> latest == null ? 0 : latest.eventsDone())
                .description("events the latest rebuild has applied").register(meters);
        Gauge.builder("zielmonitor.rebuild.events.expected", () -> latest == null ? 0 : latest.eventsTotal())
                .description("events the latest rebuild has to apply").register(meters);
        Gauge.builder("zielmonitor.rebuild.rate", () -> latest == null ? 0 : latest.rate())
                .description("events per second of the latest rebuild").register(meters);
        Gauge.builder("zielmonitor.rebuild.eta", () -> {
                    Double eta = latest == null ? null : latest.etaSeconds();
                    return eta == null ? Double.NaN : eta;
                }).description("seconds the running rebuild still needs; NaN when none runs")
                .baseUnit("seconds").register(meters);
    }

    /** The run started last, if any. */
    Optional<Rebuild> latest() {
        return Optional.ofNullable(latest);
    }

    /** Reports {@code run} from now on, as the latest; the oldest run kept is forgotten. */
    synchronized void track(Rebuild run) {
        runs.put(run.id(), run);
        if (runs.size() > RUNS_KEPT) {
            runs.remove(runs.keySet().iterator().next());
        }
        latest = run;
    }

    synchronized Optional<Rebuild> find(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    /** The runs kept, latest first. */
    synchronized List<Rebuild> all() {
        List<Rebuild> all = new ArrayList<>(runs.values());
        Collections.reverse(all);
        return all;
    }
}
