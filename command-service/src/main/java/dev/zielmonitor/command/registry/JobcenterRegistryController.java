package dev.zielmonitor.command.registry;

import dev.zielmonitor.command.registry.Jobcenter.RegistrationOutcome;
import dev.zielmonitor.events.common.CarrierType;
import dev.zielmonitor.events.common.JobcenterId;
import io.swagger.v3.oas.annotations.Operation;
import dev.zielmonitor.web.SingleLine;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.LocalDate;

@RestController
@RequestMapping("/api/jobcenters")
class JobcenterRegistryController {

    private final CommandGateway commandGateway;

    JobcenterRegistryController(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @Operation(summary = "Register a Jobcenter",
            description = "201 when registered, 200 when the same registration exists, 409 when a different one does.")
    @PostMapping
    ResponseEntity<RegistrationResponse> register(@Valid @RequestBody RegisterJobcenterRequest request) {
        RegisterJobcenterCommand command = request.toCommand();
        RegistrationOutcome outcome = commandGateway.sendAndWait(command);
        RegistrationResponse body = new RegistrationResponse(command.jobcenterId().value(), outcome.name());
        if (outcome == RegistrationOutcome.REGISTERED) {
            return ResponseEntity.created(URI.create("/api/jobcenters/" + command.jobcenterId())).body(body);
        }
        return ResponseEntity.status(HttpStatus.OK).body(body);
    }

    record RegisterJobcenterRequest(
            @NotBlank @Pattern(regexp = "\\d{5}", message = "must be the 5-digit official district key")
            String jobcenterId,
            @NotBlank @Size(max = 200) @SingleLine String name,
            @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be the two-letter code of a Land, e.g. NW")
            String land,
            @NotNull CarrierType carrierType,
            @Pattern(regexp = "I{1,3}[a-e]", message = "must be a comparison type Ia … IIIe")
            String comparisonType,
            LocalDate validFrom) {

        RegisterJobcenterCommand toCommand() {
            return new RegisterJobcenterCommand(JobcenterId.of(jobcenterId), name.strip(), land, carrierType,
                    comparisonType, validFrom);
        }
    }

    record RegistrationResponse(String jobcenterId, String outcome) {
    }
}
