package dev.zielmonitor.query.reporting;

import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.events.reporting.MonthlyFiguresCorrectedEvent;
import dev.zielmonitor.events.reporting.MonthlyFiguresRecordedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.Instant;
import java.util.Map;

/** The latest known figures per Jobcenter and month, with how often they were corrected. */
@Component
@ProcessingGroup("monthly-figures")
class MonthlyFiguresProjection {

    private final JdbcClient jdbc;

    MonthlyFiguresProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(MonthlyFiguresRecordedEvent event, @Timestamp Instant recordedAt) {
        jdbc.sql("""
                        INSERT INTO read_model.monthly_report (jobcenter_id, reporting_month, data_status, source,
                            message_id, first_recorded_at, last_changed_at, corrections)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 0)
                        """)
                .params(event.jobcenterId().value(), firstDay(event.reportingMonth()), event.dataStatus(),
                        event.source(), event.messageId(), java.sql.Timestamp.from(recordedAt),
                        java.sql.Timestamp.from(recordedAt))
                .update();
        upsertFigures(event.jobcenterId(), event.reportingMonth(), event.figures());
    }

    @EventHandler
    void on(MonthlyFiguresCorrectedEvent event, @Timestamp Instant recordedAt) {
        jdbc.sql("""
                        UPDATE read_model.monthly_report
                        SET data_status = ?, source = ?, message_id = ?, last_changed_at = ?,
                            corrections = corrections + 1
                        WHERE jobcenter_id = ? AND reporting_month = ?
                        """)
                .params(event.dataStatus(), event.source(), event.messageId(), java.sql.Timestamp.from(recordedAt),
                        event.jobcenterId().value(), firstDay(event.reportingMonth()))
                .update();
        Map<FigureCode, Figure> after = new java.util.EnumMap<>(FigureCode.class);
        event.changes().forEach((code, change) -> after.put(code, change.after()));
        upsertFigures(event.jobcenterId(), event.reportingMonth(), after);
    }

    private void upsertFigures(JobcenterId jobcenterId, ReportingMonth month, Map<FigureCode, Figure> figures) {
        figures.forEach((code, figure) -> jdbc.sql("""
                        INSERT INTO read_model.monthly_figure (jobcenter_id, reporting_month, code, total, female, male)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (jobcenter_id, reporting_month, code) DO UPDATE
                        SET total = EXCLUDED.total, female = EXCLUDED.female, male = EXCLUDED.male
                        """)
                .params(jobcenterId.value(), firstDay(month), code.name(), figure.total(), figure.female(),
                        figure.male())
                .update());
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM read_model.monthly_figure").update();
        jdbc.sql("DELETE FROM read_model.monthly_report").update();
    }

    static Date firstDay(ReportingMonth month) {
        return Date.valueOf(month.value().atDay(1));
    }
}
