package dev.zielmonitor.query.rebuild;

import jakarta.validation.constraints.Size;
import dev.zielmonitor.web.SingleLine;
import dev.zielmonitor.events.failure.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;

@RestController
class RebuildController {

    private final Rebuilds rebuilds;

    RebuildController(Rebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @Operation(summary = "Rebuild or verify every read model from the event store",
            description = "SWITCH (default) rebuilds into a new schema while the live one keeps serving and switches "
                    + "when caught up; VERIFY rebuilds and compares with the live read models, changing nothing. "
                    + "Runs in the background: 202 with the run's URL; 409 while another run is going.")
    @PostMapping("/api/admin/rebuilds")
    ResponseEntity<Rebuild.View> start(@RequestParam(defaultValue = "SWITCH") Rebuild.Mode mode) {
        Rebuild run = rebuilds.start(mode);
        return ResponseEntity.accepted()
                .location(ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}")
                        .buildAndExpand(run.id()).toUri())
                .body(run.view());
    }

    @Operation(summary = "A run's progress: events done and total, rate, ETA; a verification's differences")
    @GetMapping("/api/admin/rebuilds/{id}")
    Rebuild.View progress(@PathVariable @Size(max = 100) @SingleLine String id) {
        return rebuilds.find(id).map(Rebuild::view)
                .orElseThrow(() -> new NotFound("no rebuild " + id + " (the last 20 are kept)"));
    }

    @Operation(summary = "The last runs, latest first")
    @GetMapping("/api/admin/rebuilds")
    List<Rebuild.View> all() {
        return rebuilds.all().stream().map(Rebuild::view).toList();
    }
}
