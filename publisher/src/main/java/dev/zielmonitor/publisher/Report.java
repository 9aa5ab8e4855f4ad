package dev.zielmonitor.publisher;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The readable report: per file its problems and notes, in German and English; then the summary. */
final class Report {

    static final Locale GERMAN = Locale.GERMANY;
    /** Beyond this many problems per file the report only counts them. */
    static final int MAX_PROBLEMS_SHOWN = 500;

    private Report() {
    }

    static void file(PrintWriter out, FigureFile.Result result) {
        out.printf(GERMAN, "%s (%s): %,d Zeilen / rows, %,d gültig / valid, %,d fehlerhaft / invalid%s%n",
                result.file(), result.kind(), result.rows(), result.rows() - result.invalid() - result.repeated(),
                result.invalid(), result.repeated() == 0 ? ""
                        : String.format(GERMAN, ", %,d doppelt / repeated", result.repeated()));
        for (Problem note : result.notes()) {
            out.println("  Hinweis: " + note.german());
            out.println("  Note:    " + note.english());
        }
        List<Problem> problems = result.problems();
        for (int i = 0; i < Math.min(problems.size(), MAX_PROBLEMS_SHOWN); i++) {
            problem(out, problems.get(i));
        }
        if (problems.size() > MAX_PROBLEMS_SHOWN) {
            out.printf(GERMAN, "  … und %,d weitere Fehler / and %,d more problems%n",
                    problems.size() - MAX_PROBLEMS_SHOWN, problems.size() - MAX_PROBLEMS_SHOWN);
        }
    }

    static void problem(PrintWriter out, Problem problem) {
        out.println("  " + problem.where());
        out.println("    DE: " + problem.german());
        out.println("    EN: " + problem.english());
    }

    static void fileProblem(PrintWriter err, FileProblem problem) {
        err.println("Fehler: " + problem.german());
        err.println("Error:  " + problem.english());
    }
}
