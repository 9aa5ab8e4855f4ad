package dev.zielmonitor.access;

import dev.zielmonitor.web.problem.ProblemWriter;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * What Tomcat refuses by itself, before any filter runs (a {@code %00} or an encoded backslash in the path, …), as
 * a problem+json body instead of Tomcat's HTML page: every error of the services has the same shape.
 */
final class ContainerProblems extends ErrorReportValve {

    /** Puts this valve in place of the host's error report valve (Spring Boot adds one of its own). */
    static void install(Container context) {
        if (!(context.getParent() instanceof StandardHost host)) {
            return;
        }
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve && !(valve instanceof ContainerProblems)) {
                host.getPipeline().removeValve(valve);
            }
        }
        host.setErrorReportValveClass(ContainerProblems.class.getName());
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ContainerProblems) {
                return;
            }
        }
        host.getPipeline().addValve(new ContainerProblems());
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String path = request.getDecodedRequestURI();
        String body = ProblemWriter.json(ProblemWriter.problem(status, title, status == 400
                ? "The request is malformed (its address or a header is refused by the server)" : title),
                path == null ? "" : path);
        try {
            response.setContentType(ProblemWriter.MEDIA_TYPE);
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // the client is gone or the response already on its way: nothing left to tell
        }
    }
}
