package dev.zielmonitor.query.indicators;

import dev.zielmonitor.events.common.IndicatorCode;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.eventstore.EventLog;
import dev.zielmonitor.indicators.FigureSource;
import dev.zielmonitor.indicators.Gender;
import dev.zielmonitor.indicators.IndicatorEngine;
import dev.zielmonitor.query.indicators.IndicatorViews.ProvenanceView;
import dev.zielmonitor.query.indicators.IndicatorViews.ResultView;
import dev.zielmonitor.query.indicators.IndicatorViews.SourceView;
import dev.zielmonitor.query.registry.RegisteredJobcenters;
import dev.zielmonitor.query.reporting.FigureVersions;
import dev.zielmonitor.events.failure.InvalidInput;
import dev.zielmonitor.web.PlatformTime;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Where a month's values come from: every figure version they were computed from (as known at an instant), with
 * the event that produced it and that event's origin (Kafka coordinates, message id), as the event log holds it.
 */
@Component
class IndicatorProvenance {

    private final RegisteredJobcenters jobcenters;
    private final FigureVersions versions;
    private final EventLog eventLog;
    private final IndicatorEngine engine = new IndicatorEngine();

    IndicatorProvenance(RegisteredJobcenters jobcenters, FigureVersions versions, EventLog eventLog) {
        this.jobcenters = jobcenters;
        this.versions = versions;
        this.eventLog = eventLog;
    }

    ProvenanceView of(String jobcenterId, IndicatorCode code, String month, Instant knownAt, Gender gender) {
        String id = jobcenters.require(jobcenterId);
        ReportingMonth reportingMonth;
        try {
            reportingMonth = PlatformTime.month(month);
        } catch (IllegalArgumentException e) {
            throw InvalidInput.parameter("month", e.getMessage());
        }
        KnownFigures figures = KnownFigures.readVersions(versions, id, reportingMonth.minusMonths(24), reportingMonth,
                knownAt);

        // the months the engine actually reads for this month's two values
        SortedSet<ReportingMonth> read = new TreeSet<>();
        FigureSource recording = figures.recording(read);
        ResultView twelveMonth = ResultView.of(engine.twelveMonth(code, reportingMonth, gender, recording));
        ResultView yearToDate = ResultView.of(engine.yearToDate(code, reportingMonth, gender, recording));

        List<FigureVersions.MonthVersion> used = read.stream().filter(figures::has).map(figures::version).toList();
        Map<String, EventLog.StoredEvent> producers = eventLog.byEventIds(used.stream()
                .map(FigureVersions.MonthVersion::eventId).distinct().toList());
        List<SourceView> sources = new ArrayList<>();
        for (FigureVersions.MonthVersion v : used) {
            EventLog.StoredEvent producer = producers.get(v.eventId());
            sources.add(new SourceView(v.month().toString(), v.version(), v.dataStatus(), v.source(), v.messageId(),
                    v.eventId(), producer == null ? null : producer.payloadType(), v.recordedFrom(), v.recordedTo(),
                    producer == null || producer.metadata() == null ? null
                            : new String(producer.metadata(), StandardCharsets.UTF_8)));
        }
        return new ProvenanceView(id, code, reportingMonth.toString(), gender, knownAt, twelveMonth, yearToDate,
                read.stream().filter(m -> !figures.has(m)).map(ReportingMonth::toString).toList(), sources);
    }
}
