package dev.zielmonitor.query.updates;

import dev.zielmonitor.access.Caller;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
class UpdatesController {

    private final FigureUpdates updates;

    UpdatesController(FigureUpdates updates) {
        this.updates = updates;
    }

    @Operation(summary = "Live updates as server-sent events",
            description = "Event 'ready' once subscribed, then an event 'figures' ({jobcenterId, reportingMonth, "
                    + "dataStatus, kind: RECORDED|CORRECTED, recordedAt}) whenever new figures are in the read "
                    + "model. A Jobcenter user receives its own Jobcenter's only. The stream ends after 30 minutes, "
                    + "and earlier when the client falls behind by zielmonitor.updates.queue-size updates (default "
                    + "2048): reconnect and reload.")
    @GetMapping(value = "/api/updates", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter updates() {
        return updates.subscribe(Caller.current().orElseThrow());
    }
}
