package dev.zielmonitor.query.indicators;

import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.indicators.FigureSource;
import dev.zielmonitor.query.reporting.FigureVersions;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A Jobcenter's figure versions for a range of months as known at one instant, and when each month next changed:
 * read once, then computed from as often as needed (several values, several genders).
 */
final class KnownFigures {

    private final Map<ReportingMonth, FigureVersions.MonthVersion> byMonth = new HashMap<>();
    private final Map<ReportingMonth, Map<FigureCode, Figure>> figures = new HashMap<>();
    private final Map<ReportingMonth, Instant> nextChanges;

    private KnownFigures(Collection<FigureVersions.MonthVersion> versions, Map<ReportingMonth, Instant> nextChanges) {
        versions.forEach(v -> {
            byMonth.put(v.month(), v);
            figures.put(v.month(), v.figures());
        });
        this.nextChanges = nextChanges;
    }

    /** With the next change of each month after {@code knownAt}, for the interval in which values held. */
    static KnownFigures read(FigureVersions versions, String jobcenterId, ReportingMonth first, ReportingMonth last,
                             Instant knownAt) {
        return new KnownFigures(versions.asOf(jobcenterId, first, last, knownAt),
                versions.nextChanges(jobcenterId, first, last, knownAt));
    }

    /** Without the next changes: for a single month's sources. */
    static KnownFigures readVersions(FigureVersions versions, String jobcenterId, ReportingMonth first,
                                     ReportingMonth last, Instant knownAt) {
        return new KnownFigures(versions.asOf(jobcenterId, first, last, knownAt), Map.of());
    }

    /** A source that notes every month read into {@code read}, so that a value can say what it depends on. */
    FigureSource recording(Set<ReportingMonth> read) {
        FigureSource source = FigureSource.of(figures);
        return (figure, month, gender) -> {
            read.add(month);
            return source.value(figure, month, gender);
        };
    }

    FigureVersions.MonthVersion version(ReportingMonth month) {
        return byMonth.get(month);
    }

    boolean has(ReportingMonth month) {
        return byMonth.containsKey(month);
    }

    /** When the latest of the versions of these months was recorded, {@code null} when none has one. */
    Instant knownFrom(Collection<ReportingMonth> months) {
        return months.stream().map(byMonth::get).filter(Objects::nonNull)
                .map(FigureVersions.MonthVersion::recordedFrom).max(Instant::compareTo).orElse(null);
    }

    /** The first later change of any of these months, {@code null} while none has come. */
    Instant knownUntil(Collection<ReportingMonth> months) {
        return months.stream().map(nextChanges::get).filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
    }
}
