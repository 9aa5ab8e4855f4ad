package dev.zielmonitor.query.updates;

import dev.zielmonitor.access.DemoUsers;
import dev.zielmonitor.events.common.CarrierType;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.registry.JobcenterRegisteredEvent;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureChange;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.events.reporting.MonthlyFiguresCorrectedEvent;
import dev.zielmonitor.events.reporting.MonthlyFiguresRecordedEvent;
import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.infra.TestInfrastructure;
import dev.zielmonitor.query.CommandSideEvents;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live updates over real HTTP: a stream opened before new figures arrive announces them once they are readable,
 * corrections as such; a Jobcenter user's stream carries only its own Jobcenter's.
 */
// a context of its own, used by this class only: closed after it, so its connections do not pile up
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FigureUpdatesTest {

    static final TestDatabase DB = TestDatabase.another();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    int port;
    CommandSideEvents events;

    @Autowired
    void commandSide(@Qualifier("eventSerializer") Serializer eventSerializer) {
        events = new CommandSideEvents(DB, eventSerializer);
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void newFiguresAreAnnouncedToWhoMayReadThem() throws Exception {
        for (String id : List.of("05122", "05124")) {
            append(id, 0, new JobcenterRegisteredEvent(JobcenterId.of(id), "Jobcenter " + id, "DE-NW",
                    CarrierType.ZKT, null, null));
        }
        // the registry is another processor's: the figures below are readable only once it has the Jobcenters
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> http.send(
                HttpRequest.newBuilder(URI.create(base() + "/api/jobcenters/05122")).header("Authorization",
                        DemoUsers.basic(DemoUsers.MINISTRY)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode() == 200);
        BlockingQueue<String> ministry = stream(DemoUsers.MINISTRY);
        BlockingQueue<String> solingen = stream(DemoUsers.JOBCENTER_SOLINGEN);
        assertThat(next(ministry, "ready")).isNotNull();
        assertThat(next(solingen, "ready")).isNotNull();

        ReportingMonth march = ReportingMonth.of(2014, 3);
        append("report:05124:2014-03", 0, recorded("05124", march, 30_000));
        append("report:05122:2014-03", 0, recorded("05122", march, 10_000));
        append("report:05122:2014-03", 1, new MonthlyFiguresCorrectedEvent(JobcenterId.of("05122"), march,
                LocalDate.of(2014, 7, 31), "BA_STATISTIK", "m-2", "Nachmeldung", Map.of(FigureCode.ELB,
                new FigureChange(Figure.total(10_000), Figure.total(10_050)))));

        List<String> toMinistry = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            toMinistry.add(next(ministry, "figures"));
        }
        assertThat(String.join("\n", toMinistry)).contains("\"jobcenterId\":\"05124\"")
                .contains("\"kind\":\"CORRECTED\"").contains("\"dataStatus\":\"2014-07-31\"");
        // everything was published to both streams by now; Solingen's has its own two, nothing of Wuppertal
        List<String> toSolingen = new ArrayList<>(List.of(next(solingen, "figures"), next(solingen, "figures")));
        solingen.drainTo(toSolingen);
        String all = String.join("\n", toSolingen);
        assertThat(all).contains("\"jobcenterId\":\"05122\"").contains("\"reportingMonth\":\"2014-03\"")
                .contains("\"kind\":\"RECORDED\"").contains("\"kind\":\"CORRECTED\"").doesNotContain("05124");

        // announced once readable: the corrected figures are there when the update arrives
        HttpResponse<String> figures = http.send(HttpRequest.newBuilder(URI.create(base()
                        + "/api/jobcenters/05122/figures?year=2014")).header("Authorization",
                DemoUsers.basic(DemoUsers.JOBCENTER_SOLINGEN)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(figures.body()).contains("10050");

        assertThat(http.send(HttpRequest.newBuilder(URI.create(base() + "/api/updates")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
    }

    /** Opens the stream as {@code user}; its {@code data:} lines, prefixed with their event name. */
    private BlockingQueue<String> stream(String user) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        http.sendAsync(HttpRequest.newBuilder(URI.create(base() + "/api/updates"))
                        .header("Authorization", DemoUsers.basic(user)).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
                    String[] event = {""};
                    response.body().forEach(line -> {
                        if (line.startsWith("event:")) {
                            event[0] = line.substring(6).strip();
                        } else if (line.startsWith("data:")) {
                            lines.add(event[0] + " " + line.substring(5).strip());
                        }
                    });
                });
        return lines;
    }

    private static String next(BlockingQueue<String> lines, String event) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null && line.startsWith(event + " ")) {
                return line;
            }
        }
        throw new AssertionError("no '" + event + "' event within 30 s");
    }

    private static MonthlyFiguresRecordedEvent recorded(String jobcenter, ReportingMonth month, long elb) {
        return new MonthlyFiguresRecordedEvent(JobcenterId.of(jobcenter), month, LocalDate.of(2014, 6, 30),
                "BA_STATISTIK", "m-" + jobcenter, Map.of(FigureCode.ELB, Figure.total(elb),
                FigureCode.LLU_EUR, Figure.total(new BigDecimal("100.00"))));
    }

    private void append(String aggregateId, long sequence, Object payload) {
        events.append(new GenericDomainEventMessage<>(
                payload.getClass().getSimpleName(), aggregateId, sequence, payload, MetaData.emptyInstance(),
                UUID.randomUUID().toString(), Instant.now()));
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
