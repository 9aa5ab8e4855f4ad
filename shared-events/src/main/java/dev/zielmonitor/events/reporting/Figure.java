package dev.zielmonitor.events.reporting;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One figure of a month: the total and, where reported, the split by gender. A gender value that is
 * {@code null} is unknown, never zero.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Figure(BigDecimal total, BigDecimal female, BigDecimal male) {

    public Figure {
        Objects.requireNonNull(total, "a figure needs a total");
    }

    public static Figure total(BigDecimal total) {
        return new Figure(total, null, null);
    }

    public static Figure total(long total) {
        return new Figure(BigDecimal.valueOf(total), null, null);
    }
}
