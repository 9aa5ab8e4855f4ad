package dev.zielmonitor.query.indicators;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.zielmonitor.events.common.IndicatorCode;
import dev.zielmonitor.indicators.Attainment;
import dev.zielmonitor.indicators.Gender;
import dev.zielmonitor.indicators.IndicatorDefinition;
import dev.zielmonitor.indicators.IndicatorResult;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the indicator endpoints answer: views computed on read, never the events they come from. */
final class IndicatorViews {

    private IndicatorViews() {
    }

    /** One entry of the indicator catalogue ({@code GET /api/indicators}). */
    record IndicatorView(IndicatorCode code, String name, Attainment.Direction direction,
                         IndicatorDefinition.Unit unit, IndicatorDefinition.Kind kind, boolean genderSplit) {

        static IndicatorView of(IndicatorDefinition definition) {
            return new IndicatorView(definition.code(), definition.name(), definition.direction(), definition.unit(),
                    definition.kind(), definition.genderSplit());
        }
    }

    record SeriesView(String jobcenterId, IndicatorCode code, String name, int year, Gender gender, Instant asOf,
                      List<MonthView> months) {
    }

    /**
     * A series in total and for women and men, as known at one instant. A gender's series is {@code null} where it
     * cannot be computed while the total can; no failure of a series depends on the gender today (a malformed or
     * unregistered Jobcenter, a year out of range, access refused fail the whole request), so both are always there.
     */
    record GenderSplitView(@JsonProperty("TOTAL") SeriesView total, @JsonProperty("FEMALE") SeriesView female,
                           @JsonProperty("MALE") SeriesView male) {
    }

    /**
     * @param previousYearTwelveMonth the 12-month value of the same month a year earlier
     * @param previousYearToDate      the year-to-date value of the same month a year earlier
     * @param knownFrom               start of the recorded-time interval in which these four values were the known
     *                                ones: when the latest of the figure versions they were computed from was
     *                                recorded ({@code null} when they read no figures at all)
     * @param knownUntil              its end: the first later change of any month they read (a correction, or
     *                                figures for a month that had none); {@code null} while none has come
     */
    record MonthView(String reportingMonth, ResultView twelveMonth, ResultView yearToDate,
                     ResultView previousYearTwelveMonth, ResultView previousYearToDate, Instant knownFrom,
                     Instant knownUntil) {
    }

    /** A value in percent with its quotient, or {@code notComputable} with the reason. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ResultView(BigDecimal percent, BigDecimal numerator, BigDecimal denominator, String notComputable) {

        static ResultView of(IndicatorResult result) {
            if (result instanceof IndicatorResult.Value v) {
                return new ResultView(v.percent(), v.numerator(), v.denominator(), null);
            }
            return new ResultView(null, null, null, ((IndicatorResult.NotComputable) result).reason());
        }
    }

    /**
     * @param monthsWithoutFigures months the values need that had no figures at {@code asOf}
     * @param sources              the figure versions the values were computed from
     */
    record ProvenanceView(String jobcenterId, IndicatorCode code, String reportingMonth, Gender gender, Instant asOf,
                          ResultView twelveMonth, ResultView yearToDate, List<String> monthsWithoutFigures,
                          List<SourceView> sources) {
    }

    /**
     * @param eventType     the producing event's stored type, qualified
     * @param eventMetadata the producing event's metadata as stored: Kafka topic, partition, offset, message id, …
     */
    record SourceView(String reportingMonth, int version, LocalDate dataStatus, String source, String messageId,
                      String eventId, String eventType, Instant recordedFrom, Instant recordedTo,
                      @JsonRawValue String eventMetadata) {
    }
}
