package dev.zielmonitor.query.reporting;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.query.registry.JobcenterIds;
import dev.zielmonitor.query.registry.RegisteredJobcenters;
import dev.zielmonitor.events.failure.InvalidInput;
import dev.zielmonitor.query.web.Stand;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import dev.zielmonitor.events.common.ReportingMonth;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
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

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final RegisteredJobcenters jobcenters;
    private final FigureVersions versions;
    private final PlausibilityProperties plausibility;

    MonthlyFiguresQueryController(RegisteredJobcenters jobcenters, FigureVersions versions,
                                  PlausibilityProperties plausibility) {
        this.jobcenters = jobcenters;
        this.versions = versions;
        this.plausibility = plausibility;
    }

    /**
     * The figures of each reported month of a year as known at {@code asOf} (default: now); months not yet
     * reported then are left out, figures not reported are left out of their month. Each month lists what looks
     * implausible against the month before, as known at the same instant.
     */
    @GetMapping("/api/jobcenters/{jobcenterId}/figures")
    YearFiguresView figures(@PathVariable String jobcenterId, @RequestParam @Min(2005) @Max(2199) int year,
                            Stand stand) {
        Instant knownAt = stand.instant();
        String id = JobcenterIds.checked(jobcenterId);
        if (year < 2005 || year > 2100) {
            throw InvalidInput.parameter("year", "must be a year from 2005 (SGB II) to 2100");
        }
        jobcenters.require(id);
        Map<YearMonth, MonthView> months = new LinkedHashMap<>();
        List<FigureVersions.MonthVersion> known = versions.asOf(id, ReportingMonth.of(year - 1, 12),
                ReportingMonth.of(year, 12), knownAt);
        Map<String, String> reasons = versions.correctionReasons(known.stream().filter(v -> v.version() > 1)
                .map(FigureVersions.MonthVersion::eventId).toList());
        for (FigureVersions.MonthVersion v : known) {
            Map<FigureCode, FigureView> figures = new EnumMap<>(FigureCode.class);
            v.figures().forEach((code, f) -> figures.put(code, new FigureView(f.total(), f.female(), f.male())));
            months.put(v.month().value(), new MonthView(v.month().toString(), v.dataStatus(), v.source(),
                    v.messageId(), v.eventId(), v.version() - 1, reasons.get(v.eventId()), v.recordedFrom(),
                    v.recordedTo(), figures, new ArrayList<>()));
        }
        List<MonthView> result = new ArrayList<>();
        for (MonthView month : months.values()) {
            YearMonth ym = YearMonth.parse(month.reportingMonth());
            if (ym.getYear() == year) {
                MonthView previous = months.get(ym.minusMonths(1));
                if (previous != null) {
                    month.flags().addAll(flags(previous, month));
                }
                result.add(month);
            }
        }
        return new YearFiguresView(id, year, knownAt, result);
    }

    /**
     * The same months as a CSV file for spreadsheets (a link downloads it): semicolons, decimal commas, UTF-8
     * with byte-order mark, one row per month, for every figure the total and the female/male split; an empty cell
     * is a figure not reported.
     */
    @GetMapping(value = "/api/jobcenters/{jobcenterId}/figures.csv", produces = "text/csv")
    ResponseEntity<String> figuresCsv(@PathVariable String jobcenterId, @RequestParam @Min(2005) @Max(2199) int year,
                                      Stand stand) {
        YearFiguresView view = figures(jobcenterId, year, stand);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("zahlen-" + view.jobcenterId() + "-" + year + ".csv").build().toString())
                .body(FiguresCsv.write(view));
    }

    private List<FlagView> flags(MonthView previous, MonthView current) {
        List<FlagView> flags = new ArrayList<>();
        for (String name : plausibility.stocks()) {
            FigureCode code = FigureCode.valueOf(name);
            FigureView before = previous.figures().get(code);
            FigureView now = current.figures().get(code);
            if (before == null || now == null || before.total().signum() == 0) {
                continue;
            }
            BigDecimal change = now.total().subtract(before.total()).multiply(HUNDRED)
                    .divide(before.total(), 1, RoundingMode.HALF_UP);
            if (change.abs().compareTo(plausibility.maxMonthlyChangePercent()) > 0) {
                flags.add(new FlagView(code, "IMPLAUSIBLE_MONTHLY_CHANGE", change, before.total(), now.total(),
                        code + " changed by " + change.toPlainString() + " % against the previous month (more than "
                                + plausibility.maxMonthlyChangePercent().toPlainString() + " %)"));
            }
        }
        return flags;
    }

    record YearFiguresView(String jobcenterId, int year, Instant asOf, List<MonthView> months) {
    }

    /**
     * @param eventId      the event that produced this version of the month (provenance)
     * @param corrections  how many corrections preceded this version
     * @param correctionReason the reason the correction that produced this version gave, {@code null} for the
     *                     first figures or a correction without one
     * @param recordedFrom when the platform learned these figures
     * @param recordedTo   when later figures superseded them, {@code null} while they are the latest
     */
    record MonthView(String reportingMonth, LocalDate dataStatus, String source, String messageId, String eventId,
                     int corrections, @JsonInclude(JsonInclude.Include.NON_NULL) String correctionReason,
                     Instant recordedFrom, Instant recordedTo,
                     Map<FigureCode, FigureView> figures, List<FlagView> flags) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FigureView(BigDecimal total, BigDecimal female, BigDecimal male) {
    }

    /** An accepted figure that looks implausible; shown, never used to reject. */
    record FlagView(FigureCode figure, String rule, BigDecimal changePercent, BigDecimal previous, BigDecimal current,
                    String message) {
    }
}
