package dev.zielmonitor.web.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * Writes a problem where Spring MVC's message converters do not reach: in a servlet filter (access control, request
 * limits, login) or in the servlet container's error report. The members are those Spring MVC writes for the same
 * {@link ProblemDetail} (the type, {@code about:blank} by default, written out here), so a client cannot tell which
 * layer refused. {@code <}, {@code >} and {@code &} are escaped: a problem shown in a browser is never markup.
 */
public final class ProblemWriter {

    public static final String MEDIA_TYPE = "application/problem+json";

    private ProblemWriter() {
    }

    public static ProblemDetail problem(int status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setTitle(title);
        problem.setDetail(detail);
        return problem;
    }

    /** Writes the problem as the response, its instance the request's path unless it names one. */
    public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json(problem, request.getRequestURI()));
    }

    /** The problem as JSON text; {@code instance} when the problem names none (may be null: then left out). */
    public static String json(ProblemDetail problem, String instance) {
        StringBuilder out = new StringBuilder("{");
        URI type = problem.getType();
        member(out, "type", type == null ? "about:blank" : type.toString());
        member(out, "title", problem.getTitle());
        member(out, "status", problem.getStatus());
        member(out, "detail", problem.getDetail());
        member(out, "instance", problem.getInstance() != null ? problem.getInstance().toString() : instance);
        if (problem.getProperties() != null) {
            problem.getProperties().forEach((name, value) -> member(out, name, value));
        }
        return out.append('}').toString();
    }

    private static void member(StringBuilder out, String name, Object value) {
        if (value == null) {
            return;
        }
        if (out.length() > 1) {
            out.append(',');
        }
        out.append(json(name)).append(':');
        value(out, value);
    }

    private static void value(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(first ? "" : ",").append(json(String.valueOf(entry.getKey()))).append(':');
                value(out, entry.getValue());
                first = false;
            }
            out.append('}');
        } else if (value instanceof Collection<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                out.append(first ? "" : ",");
                value(out, item);
                first = false;
            }
            out.append(']');
        } else {
            out.append(json(value.toString()));
        }
    }

    /** A JSON string literal of the text. */
    public static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
