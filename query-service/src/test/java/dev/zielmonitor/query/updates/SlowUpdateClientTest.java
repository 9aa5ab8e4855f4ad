package dev.zielmonitor.query.updates;

import dev.zielmonitor.access.DemoUsers;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.events.reporting.MonthlyFiguresRecordedEvent;
import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.infra.TestInfrastructure;
import dev.zielmonitor.query.CommandSideEvents;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A browser that opens the update stream and never reads, on the real server: once the socket's buffers are full a
 * write to it blocks. The projection announcing the figures must not wait for it, nor must the other browsers: the
 * stream is dropped when its queue is full, everybody else gets every update.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // bursts of at most 2 × 50 updates (a batch per segment), so a browser that reads never fills its queue
        "axon.eventhandling.processors.monthly-figures.batch-size=50",
        "zielmonitor.updates.queue-size=200",
        "zielmonitor.updates.senders=2",
        // a blocked write would hold the projection far longer than the pace asserted below
        "server.tomcat.connection-timeout=120s"})
@Import(SlowUpdateClientTest.SmallSocketBuffers.class)
class SlowUpdateClientTest {

    static final TestDatabase DB = TestDatabase.another();
    /** 40 Jobcenters × 36 months: far more than the socket buffers and the queue of one stream hold */
    static final int JOBCENTERS = 40;
    static final int MONTHS = 36;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    }

    /** Small buffers on the server's side, so a browser that does not read blocks a write after a few updates. */
    @TestConfiguration
    static class SmallSocketBuffers {
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallSendBuffers() {
            return factory -> factory.addConnectorCustomizers(
                    connector -> connector.setProperty("socket.txBufSize", "4096"));
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcClient jdbc;
    CommandSideEvents events;

    @Autowired
    void commandSide(@Qualifier("eventSerializer") Serializer eventSerializer) {
        events = new CommandSideEvents(DB, eventSerializer);
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aBrowserThatNeverReadsIsDroppedWhileTheProjectionAndTheOtherBrowsersKeepTheirPace() throws Exception {
        BlockingQueue<String> reading = stream(DemoUsers.MINISTRY);
        assertThat(next(reading, "ready")).isNotNull();
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(1024);
            stalled.connect(new InetSocketAddress("127.0.0.1", port));
            OutputStream request = stalled.getOutputStream();
            request.write(("GET /api/updates HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: "
                    + DemoUsers.basic(DemoUsers.MINISTRY) + "\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            request.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> streams() == 2);
            double droppedBefore = dropped();

            Instant start = Instant.now();
            List<EventMessage<?>> figures = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (int j = 0; j < JOBCENTERS; j++) {
                String id = "%05d".formatted(10001 + j);
                for (int m = 0; m < MONTHS; m++) {
                    ReportingMonth month = ReportingMonth.of(2012 + m / 12, m % 12 + 1);
                    figures.add(recorded(id, month));
                    keys.add(id + " " + month);
                }
            }
            // appended at the pace of the browser that reads (a batch, then its updates), so that browser is never a
            // queue behind however slow this machine is; the one that does not read falls further behind each batch
            Set<String> announced = new HashSet<>();
            for (int i = 0; i < figures.size(); i += 50) {
                int end = Math.min(i + 50, figures.size());
                events.append(figures.subList(i, end).toArray(EventMessage[]::new));
                while (!announced.containsAll(keys.subList(i, end))) {
                    String line = next(reading, "figures");
                    announced.add(field(line, "jobcenterId") + " " + field(line, "reportingMonth"));
                }
            }

            // the projection's pace: everything is in the read model, although one browser reads nothing (sent on
            // the projection's thread, the first write to it blocked the projection until Tomcat's 120 s timeout)
            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("SELECT count(*) FROM "
                    + "read_model.monthly_figures_version WHERE jobcenter_id >= '10001'").query(Long.class)
                    .single() == figures.size());
            Duration projected = Duration.between(start, Instant.now());

            // the browser that reads got every update
            assertThat(announced).containsAll(keys);
            // the one that does not read was dropped, and only it
            await().atMost(Duration.ofSeconds(10)).until(() -> dropped() == droppedBefore + 1);
            assertThat(streams()).isEqualTo(1);
            assertThat(projected).as("projected %d events", figures.size()).isLessThan(Duration.ofSeconds(60));
        }
    }

    private double streams() {
        return meters.get("zielmonitor_update_streams").gauge().value();
    }

    private double dropped() {
        return meters.get("zielmonitor_update_streams_dropped").counter().count();
    }

    private static String field(String line, String name) {
        int start = line.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return line.substring(start, line.indexOf('"', start));
    }

    /** Opens the stream as {@code user}; its {@code data:} lines, prefixed with their event name. */
    private BlockingQueue<String> stream(String user) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/updates"))
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

    private static EventMessage<?> recorded(String jobcenter, ReportingMonth month) {
        MonthlyFiguresRecordedEvent event = new MonthlyFiguresRecordedEvent(JobcenterId.of(jobcenter), month,
                month.plusMonths(3).lastDay(), "BA_STATISTIK", "m-" + jobcenter + "-" + month,
                Map.of(FigureCode.ELB, Figure.total(10_000)));
        return new GenericDomainEventMessage<>(event.getClass().getSimpleName(), "report:" + jobcenter + ":" + month,
                0, event, MetaData.emptyInstance(), UUID.randomUUID().toString(), Instant.now());
    }
}
