package dev.zielmonitor.access;

import dev.zielmonitor.web.problem.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * A problem+json answer where Spring MVC's own problem handling does not reach (filters), through web-support's one
 * {@link ProblemWriter}.
 */
public final class Problems {

    private Problems() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String title,
                      String detail) throws IOException {
        ProblemWriter.write(request, response, ProblemWriter.problem(status, title, detail));
    }

    public static String json(String text) {
        return ProblemWriter.json(text);
    }
}
