package dev.zielmonitor.command.ingest.kafka;

import dev.zielmonitor.command.CommandServiceIntegrationTest;
import dev.zielmonitor.contract.MonthlyFiguresContract;
import dev.zielmonitor.infra.KafkaTestBroker;
import dev.zielmonitor.publisher.FigureFile;
import dev.zielmonitor.publisher.Mapping;
import dev.zielmonitor.publisher.PublishFiguresCommand;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.zielmonitor.command.ingest.kafka.KafkaIngestionTestSupport.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Jobcenters' publishing tool into this service: CSV and Excel files with umlauts, decimal commas, empty
 * cells and a byte order mark, through the real in-process broker, become events in the event store; a file with
 * a bad row sends nothing.
 */
class PublishedFilesIngestionTest extends CommandServiceIntegrationTest {

    private static final String HEADER = "Jobcenter;Name;Berichtsmonat;Datenstand;Quelle;Korrekturgrund;ELB;"
            + "ELB weiblich;ELB männlich;INT;INT_CONTINUOUS;LLU_EUR";

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    private int publish(Path file) {
        StringWriter report = new StringWriter();
        int exit = PublishFiguresCommand.run(new PrintWriter(report), new PrintWriter(report), Map.of(), false,
                "-q", "-b", KafkaTestBroker.get().bootstrapServers(), "--topic", TOPIC, file.toString());
        System.out.println(report);
        return exit;
    }

    private static List<FigureFile.Message> messages(Path file) {
        return new FigureFile(new MonthlyFiguresContract(), Mapping.standard(), StandardCharsets.UTF_8, ';')
                .read(file, rows -> { }).messages();
    }

    private Optional<Map<String, Object>> storedEvent(String messageId) {
        return jdbc.sql("""
                        SELECT payloadtype, convert_from(payload, 'UTF8') AS payload
                        FROM domainevententry WHERE convert_from(metadata, 'UTF8') LIKE ?""")
                .param("%\"messageId\":\"" + messageId + "\"%").query().listOfRows().stream().findFirst();
    }

    private Map<String, Object> awaitEvent(String messageId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> storedEvent(messageId), Optional::isPresent)
                .orElseThrow();
    }

    @Test
    void csvAndWorkbookRowsBecomeEventsWithTheirFiguresAndReasons() throws IOException {
        Path csv = dir.resolve("düren.csv");
        Files.writeString(csv, "\uFEFF" + HEADER + "\r\n"
                + "05358;Jobcenter Kreis Düren;2011-03;30.06.2011;BA_STATISTIK;;21.400;10.500;10.900;410;;"
                + "7.087.038,5\r\n", StandardCharsets.UTF_8);
        Path xlsx = dir.resolve("düren-korrektur.xlsx");
        try (OutputStream out = Files.newOutputStream(xlsx)) {
            Workbook workbook = new Workbook(out, "test", "1.0");
            Worksheet sheet = workbook.newWorksheet("Korrektur");
            String[] header = HEADER.split(";");
            for (int c = 0; c < header.length; c++) {
                sheet.value(0, c, header[c]);
            }
            sheet.value(1, 0, 5358);
            sheet.value(1, 1, "Jobcenter Kreis Düren");
            sheet.value(1, 2, "März 2011");
            sheet.value(1, 3, LocalDate.of(2011, 9, 30));
            sheet.style(1, 3).format("dd.mm.yyyy").set();
            sheet.value(1, 4, "BA_STATISTIK");
            sheet.value(1, 5, "Nachträglich gemeldete Integrationen (Prüfung)");
            sheet.value(1, 9, 425);
            sheet.value(1, 10, 260);
            workbook.finish();
        }

        assertThat(publish(csv)).isZero();
        Map<String, Object> recorded = awaitEvent(messages(csv).get(0).messageId());
        assertThat(publish(xlsx)).isZero();
        Map<String, Object> corrected = awaitEvent(messages(xlsx).get(0).messageId());

        assertThat(recorded.get("payloadtype")).isEqualTo("dev.zielmonitor.events.reporting.MonthlyFiguresRecordedEvent");
        assertThat((String) recorded.get("payload")).contains("\"jobcenterId\":\"05358\"", "\"reportingMonth\":\"2011-03\"",
                "\"ELB\":{\"total\":21400,\"female\":10500,\"male\":10900}", "\"LLU_EUR\":{\"total\":7087038.50}")
                .doesNotContain("INT_CONTINUOUS");
        assertThat(corrected.get("payloadtype")).isEqualTo("dev.zielmonitor.events.reporting.MonthlyFiguresCorrectedEvent");
        assertThat((String) corrected.get("payload"))
                .contains("Nachträglich gemeldete Integrationen (Prüfung)", "\"INT_CONTINUOUS\"", "\"INT\"")
                .doesNotContain("\"ELB\"");
    }

    @Test
    void aFileWithABadRowSendsNothing() throws IOException {
        Path csv = dir.resolve("teils.csv");
        Files.writeString(csv, HEADER + "\r\n"
                + "05358;Jobcenter Kreis Düren;2011-04;31.07.2011;BA_STATISTIK;;21.380;;;400;;\r\n"
                + "05358;Jobcenter Kreis Düren;2011-05;31.08.2011;BA_STATISTIK;;21.350;;;380;390;\r\n",
                StandardCharsets.UTF_8);
        long before = endOffsets();

        assertThat(publish(csv)).isEqualTo(PublishFiguresCommand.INVALID);

        assertThat(endOffsets()).isEqualTo(before);
    }

    private static long endOffsets() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                KafkaTestBroker.get().bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
