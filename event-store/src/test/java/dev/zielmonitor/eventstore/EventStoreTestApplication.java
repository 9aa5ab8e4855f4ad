package dev.zielmonitor.eventstore;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A bare application: only what the event-store module and Boot auto-configure. */
@SpringBootApplication
class EventStoreTestApplication {
}
