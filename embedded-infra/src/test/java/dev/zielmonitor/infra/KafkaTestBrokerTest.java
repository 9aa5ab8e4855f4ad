package dev.zielmonitor.infra;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaTestBrokerTest {

    @Test
    void startsAKraftBrokerThatCreatesTopics() throws Exception {
        KafkaTestBroker broker = KafkaTestBroker.get();
        broker.createTopic("check-topic", 3);
        broker.createTopic("check-topic", 3); // exists: no error

        try (Admin admin = broker.admin()) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(1);
            assertThat(admin.describeTopics(java.util.List.of("check-topic")).allTopicNames().get()
                    .get("check-topic").partitions()).hasSize(3);
        }
    }
}
