package dev.zielmonitor.publisher;

import dev.zielmonitor.infra.KafkaTestBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The tool from its command line to a real broker (in process, KRaft) and back out of the topic. */
class PublishFiguresCommandTest {

    private static final KafkaTestBroker BROKER = KafkaTestBroker.get();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HEADER = "Jobcenter;Name;Berichtsmonat;Datenstand;Quelle;Korrekturgrund;ELB;"
            + "ELB weiblich;ELB männlich;INT;LLU_EUR";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return PublishFiguresCommand.run(new PrintWriter(out), new PrintWriter(err), Map.of(), false, args);
    }

    private static String newTopic() {
        String topic = "figures-" + UUID.randomUUID();
        BROKER.createTopic(topic, 3);
        return topic;
    }

    @Test
    void publishesOneMessagePerRowOfCsvAndWorkbookOlderDataStatusFirstAndTheSameIdsWhenRunAgain()
            throws IOException {
        String topic = newTopic();
        // the revision comes first in the file; it must reach the topic after the figures it revises
        Path csv = TestFiles.csv(dir.resolve("märz.csv"), StandardCharsets.UTF_8, "\uFEFF" + HEADER,
                "05111;Jobcenter Düsseldorf;2014-03;31.07.2014;BA_STATISTIK;Nachmeldung (Prüfung);55.123;;;951;"
                        + "18.255.083,91",
                "05111;Jobcenter Düsseldorf;2014-03;30.06.2014;BA_STATISTIK;;55.123;27.012;28.111;934;"
                        + "18.255.083,91",
                "05315;Jobcenter Köln;2014-03;30.06.2014;BA_STATISTIK;;91.350;;;1.480;");
        Path xlsx = TestFiles.xlsx(dir.resolve("april.xlsx"), "April", new Object[][] {
                HEADER.split(";"),
                {5358, "Jobcenter Kreis Düren", "2014-04", LocalDate.of(2014, 7, 31), "BA_STATISTIK", null, 12150,
                    6010, 6140, 260, "4.023.715,50"}});

        int exit = run("--bootstrap-servers", BROKER.bootstrapServers(), "--topic", topic, csv.toString(),
                xlsx.toString());

        assertThat(exit).as(out + "\n" + err).isEqualTo(PublishFiguresCommand.OK);
        assertThat(out.toString()).contains("3 Zeilen / rows, 3 gültig / valid").contains("4 gesendet / published");
        List<ConsumerRecord<String, byte[]>> records = consume(topic, 4);
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("05111", "05111", "05315",
                "05358");
        List<String> dusseldorf = records.stream().filter(r -> r.key().equals("05111"))
                .map(r -> JSON.readTree(r.value()).get("dataStatus").asString()).toList();
        assertThat(dusseldorf).containsExactly("2014-06-30", "2014-07-31");
        JsonNode duren = records.stream().filter(r -> r.key().equals("05358")).map(r -> JSON.readTree(r.value()))
                .findFirst().orElseThrow();
        assertThat(duren.at("/figures/LLU_EUR/total").asString()).isEqualTo("4023715.50");
        assertThat(duren.at("/reportingMonth").asString()).isEqualTo("2014-04");
        JsonNode revision = records.stream().map(r -> JSON.readTree(r.value()))
                .filter(n -> n.has("correction")).findFirst().orElseThrow();
        assertThat(revision.at("/correction/reason").asString()).isEqualTo("Nachmeldung (Prüfung)");

        // publishing the same files again sends the same messages, which the platform recognises
        assertThat(run("-q", "-b", BROKER.bootstrapServers(), "--topic", topic, xlsx.toString(), csv.toString()))
                .isEqualTo(PublishFiguresCommand.OK);
        List<String> once = ids(records);
        List<String> expected = new ArrayList<>(once);
        expected.addAll(once);
        assertThat(ids(consume(topic, 8))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aFileWithAnyInvalidRowGivesTheReportAndPublishesNothing_unlessAskedToSkipThem() throws IOException {
        String topic = newTopic();
        Path file = TestFiles.csv(dir.resolve("teils.csv"), StandardCharsets.UTF_8, HEADER,
                "05122;Jobcenter Solingen;2014-03;30.06.2014;BA_STATISTIK;;10.712;5.301;5.411;187;",
                "05124;Jobcenter Wuppertal;2014-03;30.06.2014;BA_STATISTIK;;24.000;13.000;12.000;412;");

        int exit = run("-b", BROKER.bootstrapServers(), "--topic", topic, file.toString());

        assertThat(exit).isEqualTo(PublishFiguresCommand.INVALID);
        assertThat(out.toString())
                .contains("Zeile/row 3 · Spalte/column H „ELB weiblich“ (ELB.female) · 05124 Jobcenter Wuppertal")
                .contains("DE: ELB: Frauen + Männer = 25000 ist mehr als die Gesamtzahl 24000.")
                .contains("EN: ELB: female + male = 25000 exceeds total 24000")
                .contains("Nichts gesendet").contains("Nothing published");
        assertThat(endOffsets(topic)).as("nothing on the topic").isZero();

        assertThat(run("-b", BROKER.bootstrapServers(), "--topic", topic, "--skip-invalid", file.toString()))
                .as("something was wrong, even if the rest went out").isEqualTo(PublishFiguresCommand.INVALID);
        assertThat(out.toString()).contains("1 gesendet / published · 1 übersprungen / skipped · 1 fehlerhaft");
        assertThat(consume(topic, 1)).extracting(ConsumerRecord::key).containsExactly("05122");
    }

    @Test
    void aDryRunChecksWithoutAnyBroker() throws IOException {
        Path good = Path.of("examples/beispiel-monatszahlen.csv");
        Path bad = TestFiles.csv(dir.resolve("bad.csv"), StandardCharsets.UTF_8, HEADER,
                "05122;Jobcenter Solingen;2014-13;30.06.2014;BA_STATISTIK;;10.712;;;187;");

        assertThat(run("--dry-run", "-b", "127.0.0.1:1", good.toString())).isEqualTo(PublishFiguresCommand.OK);
        assertThat(out.toString()).contains("Probelauf: alles gültig, nichts gesendet");
        assertThat(run("--dry-run", "-b", "127.0.0.1:1", good.toString(), bad.toString()))
                .isEqualTo(PublishFiguresCommand.INVALID);
        assertThat(out.toString()).contains("„2014-13“ ist kein Monat").contains("'2014-13' is not a month")
                .contains("dry run: invalid rows, nothing published");
    }

    @Test
    void unusableFilesMappingsAndOptionsExitWith2NamingTheProblem() throws IOException {
        assertThat(run("--dry-run", dir.resolve("fehlt.csv").toString())).isEqualTo(PublishFiguresCommand.UNUSABLE);
        assertThat(err.toString()).contains("Fehler: Datei nicht gefunden").contains("Error:  file not found");

        Path mapping = Files.writeString(dir.resolve("m.properties"), "jobcenterId=A\nreportingMonth=B\n");
        assertThat(run("--dry-run", "-m", mapping.toString(), "examples/beispiel-monatszahlen.csv"))
                .isEqualTo(PublishFiguresCommand.UNUSABLE);
        assertThat(err.toString()).contains("dataStatus");

        assertThat(run("--dry-run", "--encoding", "klingonisch", "examples/beispiel-monatszahlen.csv"))
                .isEqualTo(PublishFiguresCommand.UNUSABLE);
        assertThat(run("--no-such-option", "x.csv")).isEqualTo(PublishFiguresCommand.UNUSABLE);
        assertThat(err.toString()).contains("--no-such-option").contains("Usage: publish-figures");
        assertThat(run()).as("no file").isEqualTo(PublishFiguresCommand.UNUSABLE);
    }

    @Test
    void aTopicKafkaDoesNotOfferExitsWith3SayingThatSendingAgainIsSafe() {
        int exit = run("-b", BROKER.bootstrapServers(), "--topic", "no-such-topic-" + UUID.randomUUID(),
                "-X", "max.block.ms=1500", "examples/beispiel-monatszahlen.csv");

        assertThat(exit).isEqualTo(PublishFiguresCommand.NOT_DELIVERED);
        assertThat(err.toString()).contains("Kafka (" + BROKER.bootstrapServers()).contains("sending again is safe");
        assertThat(out.toString()).contains("0 gesendet / published");
    }

    @Test
    void helpNamesEveryOptionInGerman() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--dry-run").contains("--skip-invalid").contains("--mapping")
                .contains("--kafka-config").contains("--sasl-mechanism").contains("ZIELMONITOR_KAFKA_PASSWORD")
                .contains("nur prüfen");
    }

    private static List<String> ids(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> JSON.readTree(r.value()).get("messageId").asString()).toList();
    }

    private static KafkaConsumer<String, byte[]> consumer(String topic, List<TopicPartition> partitions) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        consumer.assign(partitions);
        return consumer;
    }

    private static long endOffsets(String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(topic, partitions)) {
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Every record of the topic, in offset order per partition, once {@code expected} have arrived. */
    private static List<ConsumerRecord<String, byte[]>> consume(String topic, int expected) {
        List<TopicPartition> partitions = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(topic, partitions)) {
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            assertThat(records).hasSize(expected);
            assertThat(endOffsets(topic)).isEqualTo(expected);
            return records;
        }
    }
}
