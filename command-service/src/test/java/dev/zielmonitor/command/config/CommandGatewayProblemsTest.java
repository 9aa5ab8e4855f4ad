package dev.zielmonitor.command.config;

import dev.zielmonitor.events.failure.Conflict;
import dev.zielmonitor.events.failure.InvalidInput;
import dev.zielmonitor.web.problem.ProblemAdvice;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A failure the command gateway wraps is answered as the failure inside, wherever Axon put it. */
class CommandGatewayProblemsTest {

    private final CommandGatewayProblems problems = new CommandGatewayProblems(new ProblemAdvice("command service"));

    @Test
    void aDomainFailureInTheDetailsIsAnsweredAsItself() {
        ResponseEntity<ProblemDetail> answer = problems.commandFailed(new CommandExecutionException("handler failed",
                null, new Conflict("agreement 05122-2014 is already signed by the JOBCENTER")));
        assertThat(answer.getStatusCode().value()).isEqualTo(409);
        assertThat(answer.getBody().getDetail()).isEqualTo("agreement 05122-2014 is already signed by the JOBCENTER");
    }

    @Test
    void aDomainFailureAsTheCauseOfNestedWrappersIsAnsweredAsItself() {
        ResponseEntity<ProblemDetail> answer = problems.commandFailed(new CommandExecutionException("outer",
                new CommandExecutionException("inner", InvalidInput.field("parties", "must name the ministry and "
                        + "the Jobcenter, once each"))));
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().getProperties()).containsEntry("errors", List.of(Map.of("field", "parties",
                "message", "must name the ministry and the Jobcenter, once each")));
    }

    @Test
    void anAggregateWithoutEventsIsNotFound() {
        ResponseEntity<ProblemDetail> answer = problems.commandFailed(new CommandExecutionException("failed",
                new AggregateNotFoundException("05122-2014", "no events")));
        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        assertThat(answer.getBody().getDetail()).isEqualTo("No 05122-2014 is recorded");
    }

    @Test
    void aWrapperWithNothingInsideIsAnUnforeseenFailure() {
        ResponseEntity<ProblemDetail> answer = problems.commandFailed(new CommandExecutionException(
                "SELECT failed", null));
        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getBody().getDetail()).startsWith("The command service failed").doesNotContain("SELECT");
    }
}
