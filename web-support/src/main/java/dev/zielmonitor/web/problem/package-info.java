/**
 * Every error of both services as {@code application/problem+json} (RFC 9457), in one shape: {@link
 * dev.zielmonitor.web.problem.ProblemAdvice} maps the domain's failures ({@code dev.zielmonitor.events.failure}),
 * Bean Validation and Spring MVC's own refusals; {@link dev.zielmonitor.web.problem.ProblemWriter} writes a problem
 * where Spring MVC does not reach (filters, the servlet container). A field error names the body field by its JSON
 * path and a parameter by its name, in {@code errors[].field}.
 */
package dev.zielmonitor.web.problem;
