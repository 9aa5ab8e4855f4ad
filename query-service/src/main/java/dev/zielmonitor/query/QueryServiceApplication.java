package dev.zielmonitor.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Projects the event store into read models and serves them: the query REST API and the German dashboard. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class QueryServiceApplication {

    public static void main(String[] args) {
        // Axon's update checker calls an outside host; nothing may leave the machine.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(QueryServiceApplication.class, args);
    }
}
