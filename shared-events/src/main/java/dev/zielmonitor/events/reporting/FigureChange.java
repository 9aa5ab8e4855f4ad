package dev.zielmonitor.events.reporting;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One figure before and after a correction; {@code before} is {@code null} when the figure was unknown. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FigureChange(Figure before, Figure after) {
}
