package dev.zielmonitor.indicators;

import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/** The monthly figures an indicator is computed from; a figure that is not there is unknown, never zero. */
@FunctionalInterface
public interface FigureSource {

    Optional<BigDecimal> value(FigureCode code, ReportingMonth month, Gender gender);

    /** Figures by month, as the events carry them. */
    static FigureSource of(Map<ReportingMonth, Map<FigureCode, Figure>> figures) {
        return (code, month, gender) -> Optional.ofNullable(figures.get(month))
                .map(m -> m.get(code))
                .map(f -> switch (gender) {
                    case TOTAL -> f.total();
                    case FEMALE -> f.female();
                    case MALE -> f.male();
                });
    }
}
