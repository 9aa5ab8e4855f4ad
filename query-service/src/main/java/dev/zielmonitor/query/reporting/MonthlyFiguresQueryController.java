package dev.zielmonitor.query.reporting;

import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.query.registry.JobcenterIds;
import dev.zielmonitor.query.web.InvalidParameterException;
import dev.zielmonitor.query.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@RestController
class MonthlyFiguresQueryController {

    private final JdbcClient jdbc;

    MonthlyFiguresQueryController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The latest known figures of each reported month of a year; months not reported are left out. */
    @GetMapping("/api/jobcenters/{jobcenterId}/figures")
    YearFiguresView figures(@PathVariable String jobcenterId, @RequestParam int year) {
        String id = JobcenterIds.checked(jobcenterId);
        if (year < 2005 || year > 2100) {
            throw new InvalidParameterException("year", "must be a year from 2005 (SGB II) to 2100");
        }
        boolean known = jdbc.sql("SELECT count(*) FROM read_model.jobcenter WHERE jobcenter_id = ?").param(id)
                .query(Long.class).single() > 0;
        if (!known) {
            throw new NotFoundException("No Jobcenter " + id + " is registered");
        }
        Date from = Date.valueOf(LocalDate.of(year, 1, 1));
        Date to = Date.valueOf(LocalDate.of(year, 12, 1));
        Map<LocalDate, MonthView> months = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT reporting_month, data_status, source, message_id, corrections, last_changed_at
                        FROM read_model.monthly_report
                        WHERE jobcenter_id = ? AND reporting_month BETWEEN ? AND ?
                        ORDER BY reporting_month
                        """)
                .params(id, from, to)
                .query((rs, n) -> new MonthView(YearMonth.from(rs.getDate("reporting_month").toLocalDate()).toString(),
                        rs.getDate("data_status").toLocalDate(), rs.getString("source"), rs.getString("message_id"),
                        rs.getInt("corrections"), rs.getTimestamp("last_changed_at").toInstant(),
                        new EnumMap<>(FigureCode.class)))
                .list()
                .forEach(m -> months.put(YearMonth.parse(m.reportingMonth()).atDay(1), m));
        jdbc.sql("""
                        SELECT reporting_month, code, total, female, male
                        FROM read_model.monthly_figure
                        WHERE jobcenter_id = ? AND reporting_month BETWEEN ? AND ?
                        """)
                .params(id, from, to)
                .query(rs -> {
                    MonthView month = months.get(rs.getDate("reporting_month").toLocalDate());
                    FigureCode code = FigureCode.valueOf(rs.getString("code"));
                    month.figures().put(code, new FigureView(scaled(code, rs.getBigDecimal("total")),
                            scaled(code, rs.getBigDecimal("female")), scaled(code, rs.getBigDecimal("male"))));
                });
        return new YearFiguresView(id, year, new ArrayList<>(months.values()));
    }

    /** Counts as whole numbers, amounts with two decimals, as the contract writes them. */
    private static BigDecimal scaled(FigureCode code, BigDecimal value) {
        if (value == null) {
            return null;
        }
        return value.setScale(code.unit() == FigureCode.Unit.COUNT ? 0 : 2);
    }

    record YearFiguresView(String jobcenterId, int year, List<MonthView> months) {
    }

    record MonthView(String reportingMonth, LocalDate dataStatus, String source, String messageId, int corrections,
                     Instant lastChangedAt, Map<FigureCode, FigureView> figures) {
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record FigureView(BigDecimal total, BigDecimal female, BigDecimal male) {
    }
}
