package dev.zielmonitor.publisher;

/**
 * What is wrong with one row (or, as a warning, with the file), where, in German and English.
 *
 * @param row     the row as a spreadsheet program numbers it; 0 for the file as a whole
 * @param column  e.g. {@code F „ELB weiblich“ (ELB.female)}, or {@code null} for the row as a whole
 * @param context the row's Jobcenter and month as far as they could be read, e.g. {@code 05122 Solingen, 2014-03}
 */
public record Problem(String file, int row, String column, String context, String german, String english) {

    /** Where, in both languages: "Zeile/row 7 · Spalte/column F „ELB weiblich“ (ELB.female) · 05122 …". */
    public String where() {
        return (row == 0 ? "Datei/file" : "Zeile/row " + row) + (column == null ? "" : " · Spalte/column " + column)
                + (context == null || context.isBlank() ? "" : " · " + context);
    }
}
