package dev.zielmonitor.publisher;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One cell as the file holds it: text (every CSV cell, text cells of a workbook), or a number of a workbook
 * cell with, where the number can be a date, the date Excel would show for it.
 */
record Cell(String text, BigDecimal number, LocalDate date) {

    static final Cell EMPTY = new Cell("", null, null);

    static Cell text(String text) {
        return text == null || text.isEmpty() ? EMPTY : new Cell(text, null, null);
    }

    static Cell number(BigDecimal number, LocalDate date) {
        return new Cell(number.toPlainString(), number, date);
    }

    boolean isBlank() {
        return number == null && text.isBlank();
    }

    /** What the report quotes. */
    String shown() {
        return text;
    }
}
