package dev.zielmonitor.web.problem;

import dev.zielmonitor.events.failure.Conflict;
import dev.zielmonitor.events.failure.InvalidInput;
import dev.zielmonitor.events.failure.LimitReached;
import dev.zielmonitor.events.failure.NotFound;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The one mapping of failures to problem+json for both services (auto-configured by {@link
 * ProblemAutoConfiguration}). An invalid field or parameter is a 400 listing each in {@code errors} as
 * {@code {"field", "message"}}, the field by its JSON path, the parameter by its name, whether Bean Validation or the
 * domain ({@link InvalidInput}) refused it; the domain's other failures are 404, 409 and 429; anything unforeseen is a
 * 500 with a reference to the log, never the exception's message, stack trace or SQL.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private final String service;

    /** @param service how the 500 answer names the service ("command service") */
    public ProblemAdvice(String service) {
        this.service = service;
    }

    /**
     * The answer to a failure that is not one of Spring MVC's own, the same as this advice's handlers give; for a
     * service's own advice that first unwraps a failure (the command gateway's).
     */
    public ResponseEntity<ProblemDetail> answer(Throwable failure) {
        if (failure instanceof InvalidInput invalid) {
            return ResponseEntity.badRequest().body(invalidInput(invalid));
        }
        if (failure instanceof NotFound notFound) {
            return status(HttpStatus.NOT_FOUND, "Not found", notFound.getMessage());
        }
        if (failure instanceof Conflict conflict) {
            return status(HttpStatus.CONFLICT, "Conflict", conflict.getMessage());
        }
        if (failure instanceof LimitReached limit) {
            return limitReached(limit);
        }
        if (failure instanceof ConstraintViolationException violations) {
            return ResponseEntity.badRequest().body(constraintViolations(violations));
        }
        if (failure instanceof AccessDeniedException denied) {
            return status(HttpStatus.FORBIDDEN, "Forbidden", denied.getMessage());
        }
        if (failure instanceof IllegalArgumentException invalid) {
            return status(HttpStatus.BAD_REQUEST, "Invalid request", invalid.getMessage());
        }
        return unexpected(failure);
    }

    @ExceptionHandler({InvalidInput.class, NotFound.class, Conflict.class, LimitReached.class,
            ConstraintViolationException.class, AccessDeniedException.class, IllegalArgumentException.class})
    ResponseEntity<ProblemDetail> known(RuntimeException failure) {
        return answer(failure);
    }

    /** Anything unforeseen. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unforeseen(Exception failure) {
        return unexpected(failure);
    }

    /** A body's fields outside their constraints, each by its JSON path. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = fieldErrors(ex.getBindingResult());
        return ResponseEntity.badRequest().body(invalid("Invalid fields: ", errors));
    }

    /**
     * Parameters outside their constraints (Spring MVC's method validation), each by its name; a body validated
     * with them names its fields by their JSON paths.
     */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result instanceof Errors body ? fieldErrors(body).stream()
                        : result.getResolvableErrors().stream().map(error -> error(
                                parameterName(result.getMethodParameter()), error.getDefaultMessage())))
                .toList();
        return ResponseEntity.badRequest().body(invalid("Invalid parameters: ", errors));
    }

    /** A value its type cannot hold; the platform's time says why (web-support's {@code PlatformTime}). */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null
                && cause.getMessage().startsWith("must ")) {
            return ResponseEntity.badRequest().body(invalidParameter(ex.getName(), cause.getMessage()));
        }
        return ResponseEntity.badRequest().body(invalidParameter(ex.getName(), "has the wrong type or format"));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(invalidParameter(ex.getParameterName(), "is required"));
    }

    /** A body too large (413), not JSON, or JSON of the wrong shape: the field by its JSON path where Jackson knows it. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (BodyTooLarge.causes(ex)) {
            ProblemDetail tooLarge = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, rootMessage(ex));
            tooLarge.setTitle("Request too large");
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is not valid JSON of the expected shape");
        problem.setTitle("Unreadable request");
        if (ex.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            StringBuilder field = new StringBuilder();
            databind.getPath().forEach(ref -> {
                if (ref.getPropertyName() != null) {
                    field.append(field.isEmpty() ? "" : ".").append(ref.getPropertyName());
                } else {
                    field.append('[').append(ref.getIndex()).append(']');
                }
            });
            String message = databind instanceof InvalidFormatException invalid
                    && invalid.getOriginalMessage().contains(": must ")
                    ? invalid.getOriginalMessage().substring(invalid.getOriginalMessage().indexOf(": must ") + 2)
                    : "wrong type or format";
            problem.setDetail("Field '" + field + "' " + (message.startsWith("must") ? message
                    : "has a value of the wrong type or format"));
            problem.setProperty("errors", List.of(error(field.toString(), message)));
        }
        return ResponseEntity.badRequest().body(problem);
    }

    private static ProblemDetail invalidInput(InvalidInput invalid) {
        return invalid.source() == InvalidInput.Source.PARAMETER
                ? invalidParameter(invalid.path(), invalid.reason())
                : invalidOne("Field", invalid.path(), invalid.reason());
    }

    private static ProblemDetail invalidParameter(String parameter, String message) {
        return invalidOne("Parameter", parameter, message);
    }

    private static ProblemDetail invalidOne(String what, String path, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                what + " '" + path + "' " + message);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(error(path, message)));
        return problem;
    }

    /** Method validation by Spring's {@code @Validated} proxy: the parameter is the path's last node. */
    private static ProblemDetail constraintViolations(ConstraintViolationException ex) {
        List<Map<String, String>> errors = ex.getConstraintViolations().stream()
                .map(v -> {
                    String path = v.getPropertyPath().toString();
                    return error(path.substring(path.lastIndexOf('.') + 1), v.getMessage());
                })
                .toList();
        return invalid("Invalid parameters: ", errors);
    }

    private static ProblemDetail invalid(String what, List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, what
                + errors.stream().map(e -> e.get("field")).distinct().collect(Collectors.joining(", ")));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return problem;
    }

    private static List<Map<String, String>> fieldErrors(Errors errors) {
        return errors.getFieldErrors().stream().map(ProblemAdvice::error).toList();
    }

    private static Map<String, String> error(FieldError error) {
        return error(error.getField(), error.getDefaultMessage());
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", String.valueOf(message));
    }

    private static String parameterName(MethodParameter parameter) {
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        if (param != null && !param.value().isEmpty()) {
            return param.value();
        }
        return parameter.getParameterName() == null ? "?" : parameter.getParameterName();
    }

    private ResponseEntity<ProblemDetail> limitReached(LimitReached limit) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, limit.getMessage());
        problem.setTitle("Too many requests");
        limit.facts().forEach(problem::setProperty);
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS);
        limit.retryAfter().ifPresent(after -> {
            long seconds = Math.max(1, (after.toMillis() + 999) / 1000);
            problem.setProperty("retryAfterSeconds", seconds);
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        });
        return answer.body(problem);
    }

    private ResponseEntity<ProblemDetail> unexpected(Throwable failure) {
        String reference = UUID.randomUUID().toString();
        log.error("Request failed, reference {}", reference, failure);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The " + service + " failed; its log names this failure " + reference);
        problem.setTitle("Internal error");
        problem.setProperty("reference", reference);
        return ResponseEntity.internalServerError().body(problem);
    }

    private static ResponseEntity<ProblemDetail> status(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
