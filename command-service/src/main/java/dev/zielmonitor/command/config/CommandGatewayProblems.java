package dev.zielmonitor.command.config;

import dev.zielmonitor.web.problem.ProblemAdvice;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.Optional;

/**
 * What Axon adds to the failures a controller sees, in one place: the command gateway may wrap a handler's failure
 * in a {@link CommandExecutionException} (with the failure as its cause or its details), and a command for an
 * aggregate without events fails with {@link AggregateNotFoundException}. The failure found inside is answered by
 * web-support's {@link ProblemAdvice}, as if the handler had thrown it to the controller.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CommandGatewayProblems {

    private final ProblemAdvice problems;

    CommandGatewayProblems(ProblemAdvice problems) {
        this.problems = problems;
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException ex) {
        Throwable failure = ex;
        while (failure instanceof CommandExecutionException wrapped) {
            Optional<Throwable> inner = wrapped.getDetails().filter(Throwable.class::isInstance)
                    .map(Throwable.class::cast).or(() -> Optional.ofNullable(wrapped.getCause()));
            if (inner.isEmpty() || inner.get() == wrapped) {
                break;
            }
            failure = inner.get();
        }
        if (failure instanceof AggregateNotFoundException notFound) {
            return aggregateNotFound(notFound);
        }
        return problems.answer(failure);
    }

    /** A command for an aggregate that has no events, e.g. signing an agreement never concluded. */
    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> aggregateNotFound(AggregateNotFoundException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No " + ex.getAggregateIdentifier() + " is recorded");
        problem.setTitle("Not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }
}
