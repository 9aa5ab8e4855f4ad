package dev.zielmonitor.query.replay;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ReplayController {

    private final VerificationReplay verification;

    ReplayController(VerificationReplay verification) {
        this.verification = verification;
    }

    @Operation(summary = "Verification replay of the figures read model",
            description = "Replays the event store into a separate schema and compares it with the live read model; "
                    + "runs synchronously and answers with the differences (none expected).")
    @PostMapping("/api/admin/verification-replay")
    VerificationReplay.Report verify() {
        return verification.run();
    }
}
