package dev.zielmonitor.query.comparison;

import dev.zielmonitor.access.Caller;
import dev.zielmonitor.events.common.IndicatorCode;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.indicators.FigureSource;
import dev.zielmonitor.indicators.Gender;
import dev.zielmonitor.indicators.IndicatorEngine;
import dev.zielmonitor.indicators.IndicatorResult;
import dev.zielmonitor.query.reporting.FigureVersions;
import dev.zielmonitor.events.failure.InvalidInput;
import dev.zielmonitor.query.web.Stand;
import dev.zielmonitor.web.PlatformTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks the Jobcenters of one Land or one comparison type by an indicator for a month, as known at
 * {@code asOf}. Rank 1 is the highest value; whether high is good depends on the indicator (K2: yes; K3, a
 * change of the long-term stock: no), which the reader knows. A Jobcenter user sees the other Jobcenters
 * anonymised: rank and value, without id, name, numerator and denominator (the denominator's size would tell who
 * it is).
 */
@RestController
class ComparisonQueryController {

    private final JdbcClient jdbc;
    private final FigureVersions versions;
    private final IndicatorEngine engine = new IndicatorEngine();

    ComparisonQueryController(JdbcClient jdbc, FigureVersions versions) {
        this.jdbc = jdbc;
        this.versions = versions;
    }

    enum View { TWELVE_MONTH, YEAR_TO_DATE }

    /** A Jobcenter user sees the others (anonymised) only when at least this many others have a value. */
    static final int MIN_OTHERS_SHOWN = 3;

    @GetMapping("/api/comparisons/{code}")
    ComparisonView compare(@PathVariable IndicatorCode code, @RequestParam String month,
                           @RequestParam(required = false) String land,
                           @RequestParam(required = false) String comparisonType,
                           Stand stand,
                           @RequestParam(defaultValue = "TOTAL") Gender gender,
                           @RequestParam(defaultValue = "TWELVE_MONTH") View view) {
        ReportingMonth reportingMonth;
        try {
            reportingMonth = PlatformTime.month(month);
        } catch (IllegalArgumentException e) {
            throw InvalidInput.parameter("month", e.getMessage());
        }
        if ((land == null) == (comparisonType == null)) {
            throw InvalidInput.parameter(land == null ? "land" : "comparisonType",
                    "give either land or comparisonType");
        }
        if (land != null && !land.matches("[A-Z]{2}")) {
            throw InvalidInput.parameter("land", "must be a Land's two-letter code, e.g. NW");
        }
        if (comparisonType != null && !comparisonType.matches("[A-Za-z0-9]{1,10}")) {
            throw InvalidInput.parameter("comparisonType", "must be a comparison type such as IIIe");
        }
        List<Map<String, Object>> jobcenters = land != null
                ? jdbc.sql("SELECT jobcenter_id, name FROM read_model.jobcenter WHERE land = ? ORDER BY jobcenter_id")
                        .param(land).query().listOfRows()
                : jdbc.sql("SELECT jobcenter_id, name FROM read_model.jobcenter WHERE comparison_type = ? "
                        + "ORDER BY jobcenter_id").param(comparisonType).query().listOfRows();
        Instant knownAt = stand.instant();
        List<String> ids = jobcenters.stream().map(j -> ((String) j.get("jobcenter_id")).trim()).toList();
        Map<String, List<FigureVersions.MonthVersion>> all = versions.asOf(ids, reportingMonth.minusMonths(24),
                reportingMonth, knownAt);

        List<RankView> ranked = new ArrayList<>();
        List<NotComputableView> notComputable = new ArrayList<>();
        for (Map<String, Object> jobcenter : jobcenters) {
            String id = ((String) jobcenter.get("jobcenter_id")).trim();
            Map<ReportingMonth, Map<FigureCode, Figure>> figures = new HashMap<>();
            all.getOrDefault(id, List.of()).forEach(v -> figures.put(v.month(), v.figures()));
            FigureSource source = FigureSource.of(figures);
            IndicatorResult result = view == View.TWELVE_MONTH
                    ? engine.twelveMonth(code, reportingMonth, gender, source)
                    : engine.yearToDate(code, reportingMonth, gender, source);
            if (result instanceof IndicatorResult.Value v) {
                ranked.add(new RankView(0, id, (String) jobcenter.get("name"), v.percent(), v.numerator(),
                        v.denominator()));
            } else {
                notComputable.add(new NotComputableView(id, (String) jobcenter.get("name"),
                        ((IndicatorResult.NotComputable) result).reason()));
            }
        }
        ranked.sort(Comparator.comparing(RankView::percent).reversed().thenComparing(RankView::jobcenterId));
        List<RankView> numbered = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            RankView r = ranked.get(i);
            // equal values share a rank
            int rank = i > 0 && r.percent().compareTo(ranked.get(i - 1).percent()) == 0 ? numbered.get(i - 1).rank()
                    : i + 1;
            numbered.add(new RankView(rank, r.jobcenterId(), r.name(), r.percent(), r.numerator(), r.denominator()));
        }
        Caller caller = Caller.current().orElseThrow();
        String withheld = null;
        if (caller.limitedToOwnJobcenter()) {
            long othersWithValues = numbered.stream().filter(r -> !caller.mayRead(r.jobcenterId())).count();
            if (othersWithValues < MIN_OTHERS_SHOWN) {
                // in so small a group an anonymous value, a rank or a mean would tell whose it is (docs/security.md)
                numbered = numbered.stream().filter(r -> caller.mayRead(r.jobcenterId()))
                        .map(r -> new RankView(null, r.jobcenterId(), r.name(), r.percent(), r.numerator(),
                                r.denominator())).toList();
                notComputable = notComputable.stream().filter(n -> caller.mayRead(n.jobcenterId())).toList();
                withheld = "fewer than " + MIN_OTHERS_SHOWN + " other Jobcenters of the group have a value: their "
                        + "values and the ranks are not shown to a Jobcenter";
            } else {
                numbered = numbered.stream().map(r -> caller.mayRead(r.jobcenterId()) ? r
                        : new RankView(r.rank(), null, null, r.percent(), null, null)).toList();
                notComputable = notComputable.stream().map(n -> caller.mayRead(n.jobcenterId()) ? n
                        : new NotComputableView(null, null, n.reason())).toList();
            }
        }
        return new ComparisonView(code, code.germanName(), reportingMonth.toString(), view, gender, land,
                comparisonType, knownAt, jobcenters.size(), withheld, numbered, notComputable);
    }

    /**
     * @param groupSize Jobcenters in the group (the Land or the comparison type), with a value or not
     * @param withheld  why the others are not shown, for a Jobcenter user in a group too small to hide them;
     *                  {@code null} otherwise
     */
    record ComparisonView(IndicatorCode code, String name, String month, View view, Gender gender, String land,
                          String comparisonType, Instant asOf, int groupSize, String withheld,
                          List<RankView> ranking, List<NotComputableView> notComputable) {
    }

    /** @param rank 1 for the best value; {@code null} where it is withheld */
    record RankView(Integer rank, String jobcenterId, String name, BigDecimal percent, BigDecimal numerator,
                    BigDecimal denominator) {
    }

    record NotComputableView(String jobcenterId, String name, String reason) {
    }
}
