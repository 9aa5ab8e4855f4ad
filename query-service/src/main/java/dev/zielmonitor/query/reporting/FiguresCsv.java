package dev.zielmonitor.query.reporting;

import dev.zielmonitor.contract.FiguresCodec;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.query.reporting.MonthlyFiguresQueryController.FigureView;
import dev.zielmonitor.query.reporting.MonthlyFiguresQueryController.MonthView;
import dev.zielmonitor.query.reporting.MonthlyFiguresQueryController.YearFiguresView;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A year's figures as a CSV file for German spreadsheets: semicolons, decimal commas, CRLF, UTF-8 with byte-order
 * mark, one row per month, for every figure its parts in the codec's order (an empty cell is a figure not reported).
 * Text from outside (the message's source) is always quoted and a leading formula character defused, so that a
 * spreadsheet shows the text instead of running it; the other cells are codes, dates and numbers.
 */
final class FiguresCsv {

    /** German column labels of a figure's parts, in {@link FiguresCodec#PARTS} order. */
    private static final Map<String, String> PART_LABELS = Map.of("total", "", "female", " weiblich",
            "male", " männlich");
    private static final List<String> FIELDS = List.of("Jobcenter", "Berichtsmonat", "Datenstand", "Quelle",
            "Korrekturen", "Bekannt seit", "Stand");
    private static final CSVFormat CELLS = CSVFormat.DEFAULT.builder().setDelimiter(';').setRecordSeparator("\r\n")
            .setQuoteMode(QuoteMode.MINIMAL).get();
    private static final CSVFormat TEXT = CELLS.builder().setQuoteMode(QuoteMode.ALL).get();
    /** What a spreadsheet takes for the start of a formula (OWASP, CSV injection). */
    private static final Pattern FORMULA = Pattern.compile("(?s)[=+\\-@\\t\\r].*");
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private FiguresCsv() {
    }

    static String write(YearFiguresView view) {
        StringBuilder csv = new StringBuilder().append(BYTE_ORDER_MARK);
        try {
            List<Object> header = new ArrayList<>(FIELDS);
            for (FigureCode code : FigureCode.values()) {
                FiguresCodec.PARTS.forEach(part -> header.add(code.name() + PART_LABELS.get(part)));
            }
            CELLS.printRecord(csv, header.toArray());
            for (MonthView month : view.months()) {
                CELLS.print(view.jobcenterId(), csv, true);
                CELLS.print(month.reportingMonth(), csv, false);
                CELLS.print(String.valueOf(month.dataStatus()), csv, false);
                TEXT.print(defused(month.source()), csv, false);
                CELLS.print(String.valueOf(month.corrections()), csv, false);
                CELLS.print(String.valueOf(month.recordedFrom()), csv, false);
                CELLS.print(String.valueOf(view.asOf()), csv, false);
                for (FigureCode code : FigureCode.values()) {
                    FigureView figure = month.figures().get(code);
                    List<BigDecimal> parts = figure == null ? Arrays.asList(new BigDecimal[FiguresCodec.PARTS.size()])
                            : Arrays.asList(figure.total(), figure.female(), figure.male());
                    for (BigDecimal part : parts) {
                        CELLS.print(FiguresCodec.plain(code, part, ','), csv, false);
                    }
                }
                CELLS.println(csv);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return csv.toString();
    }

    /** A leading formula character gets an apostrophe, which spreadsheets show as text; {@code null} stays empty. */
    private static String defused(String text) {
        return text == null || !FORMULA.matcher(text).matches() ? text : "'" + text;
    }
}
