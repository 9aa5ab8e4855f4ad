package dev.zielmonitor.query.reporting;

import dev.zielmonitor.events.reporting.FigureCode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** A year's figures as a CSV file for German spreadsheets. */
final class FiguresCsv {

    private FiguresCsv() {
    }

    static String write(MonthlyFiguresQueryController.YearFiguresView view) {
        StringBuilder csv = new StringBuilder("\uFEFF");
        List<String> header = new ArrayList<>(List.of("Jobcenter", "Berichtsmonat", "Datenstand", "Quelle",
                "Korrekturen", "Bekannt seit", "Stand"));
        for (FigureCode code : FigureCode.values()) {
            header.addAll(List.of(code.name(), code.name() + " weiblich", code.name() + " männlich"));
        }
        csv.append(String.join(";", header)).append("\r\n");
        for (MonthlyFiguresQueryController.MonthView month : view.months()) {
            List<String> row = new ArrayList<>(List.of(view.jobcenterId(), month.reportingMonth(),
                    String.valueOf(month.dataStatus()), text(month.source()), String.valueOf(month.corrections()),
                    String.valueOf(month.recordedFrom()), String.valueOf(view.asOf())));
            for (FigureCode code : FigureCode.values()) {
                MonthlyFiguresQueryController.FigureView figure = month.figures().get(code);
                row.add(figure == null ? "" : number(figure.total()));
                row.add(figure == null ? "" : number(figure.female()));
                row.add(figure == null ? "" : number(figure.male()));
            }
            csv.append(String.join(";", row)).append("\r\n");
        }
        return csv.toString();
    }

    private static String number(BigDecimal value) {
        return value == null ? "" : value.toPlainString().replace('.', ',');
    }

    private static String text(String value) {
        if (value == null) {
            return "";
        }
        String safe = value.matches("(?s)[=+\\-@\\t\\r].*") ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
