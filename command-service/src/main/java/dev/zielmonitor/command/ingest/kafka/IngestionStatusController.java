package dev.zielmonitor.command.ingest.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Ingestion at a glance for the operations page: how far the ingestion's consumer group is behind the end of each
 * partition of the monthly-figures topic (as {@code kafka-consumer-groups --describe} counts it), the messages
 * handled since start by outcome, and the dead letters by status.
 */
@RestController
class IngestionStatusController {

    private final MeterRegistry meters;
    private final JdbcClient jdbc;
    private final IngestProperties properties;
    private final KafkaAdmin kafkaAdmin;
    private final ProducerBinding producers;

    IngestionStatusController(MeterRegistry meters, JdbcClient jdbc, IngestProperties properties,
                              KafkaAdmin kafkaAdmin, ProducerBinding producers) {
        this.meters = meters;
        this.jdbc = jdbc;
        this.properties = properties;
        this.kafkaAdmin = kafkaAdmin;
        this.producers = producers;
    }

    @GetMapping("/api/ingestion/status")
    StatusView status() {
        List<PartitionLag> partitions = new ArrayList<>();
        String brokerError = null;
        try {
            partitions = lag();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            brokerError = "the broker did not answer: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            brokerError = "interrupted";
        }
        Long total = brokerError == null ? partitions.stream().mapToLong(PartitionLag::lag).sum() : null;
        Map<String, Long> messages = new TreeMap<>();
        for (Counter counter : meters.find("zielmonitor.ingest.messages").counters()) {
            messages.merge(counter.getId().getTag("outcome"), (long) counter.count(), Long::sum);
        }
        Map<String, Long> deadLetters = new TreeMap<>();
        jdbc.sql("SELECT status, count(*) FROM command_side.dead_letter GROUP BY status")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list()
                .forEach(e -> deadLetters.put(e.getKey(), e.getValue()));
        return new StatusView(properties.topic(), MonthlyFiguresListener.LISTENER_ID, total, partitions, brokerError,
                messages, deadLetters);
    }

    /**
     * Per partition of every topic the ingestion reads (the shared one and the Jobcenters' own): its end offset minus
     * the group's committed offset (its start where none is committed).
     */
    private List<PartitionLag> lag() throws ExecutionException, InterruptedException, TimeoutException {
        try (AdminClient admin = AdminClient.create(kafkaAdmin.getConfigurationProperties())) {
            Pattern read = Pattern.compile(producers.subscription());
            List<String> names = admin.listTopics().names().get(5, TimeUnit.SECONDS).stream()
                    .filter(name -> read.matcher(name).matches()).sorted().toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            for (TopicDescription topic : admin.describeTopics(names).allTopicNames().get(5, TimeUnit.SECONDS)
                    .values()) {
                topic.partitions().forEach(p -> {
                    TopicPartition partition = new TopicPartition(topic.name(), p.partition());
                    latest.put(partition, OffsetSpec.latest());
                    earliest.put(partition, OffsetSpec.earliest());
                });
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(5, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all()
                    .get(5, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                    MonthlyFiguresListener.LISTENER_ID).partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            List<PartitionLag> partitions = new ArrayList<>();
            for (TopicPartition partition : latest.keySet()) {
                OffsetAndMetadata offset = committed.get(partition);
                long position = offset == null ? starts.get(partition).offset() : offset.offset();
                partitions.add(new PartitionLag(partition.topic(), partition.partition(), ends.get(partition).offset(),
                        offset == null ? null : offset.offset(), Math.max(0, ends.get(partition).offset() - position)));
            }
            partitions.sort(Comparator.comparing(PartitionLag::topic).thenComparingInt(PartitionLag::partition));
            return partitions;
        }
    }

    /**
     * @param consumerLag records on the topic the group has not yet consumed, all partitions; {@code null} when
     *                    the broker did not answer ({@code brokerError} says so)
     * @param messages    messages handled since the service started, by outcome
     * @param deadLetters dead letters by status (PARKED, RESUBMITTED), all time
     */
    record StatusView(String topic, String consumerGroup, Long consumerLag, List<PartitionLag> partitions,
                      String brokerError, Map<String, Long> messages, Map<String, Long> deadLetters) {
    }

    /** @param committed the group's committed offset, {@code null} before its first commit */
    record PartitionLag(String topic, int partition, long endOffset, Long committed, long lag) {
    }
}
