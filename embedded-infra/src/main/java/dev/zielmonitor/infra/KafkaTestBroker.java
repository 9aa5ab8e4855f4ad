package dev.zielmonitor.infra;

import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * A real Kafka broker in KRaft mode (one combined broker and controller), in process, built with Kafka's own
 * test kit. One per JVM, started on first use, stopped when the JVM ends. Internal topics get one replica, or
 * consumer groups would never form on a single node.
 */
public final class KafkaTestBroker {

    private static KafkaTestBroker instance;

    private final KafkaClusterTestKit cluster;

    private KafkaTestBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static synchronized KafkaTestBroker get() {
        if (instance == null) {
            instance = start();
            KafkaTestBroker broker = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "stop-kafka-test-broker"));
        }
        return instance;
    }

    private static KafkaTestBroker start() {
        // Kafka ends the process on fatal errors, also while it shuts down in the JVM's shutdown hooks, which turns a
        // green test run into a failed fork (seen once in CI); in this JVM such an error is reported, not obeyed.
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("the in-process Kafka broker asked to exit(" + status + "): " + message);
        });
        Exit.setHaltProcedure((status, message) -> {
            throw new IllegalStateException("the in-process Kafka broker asked to halt(" + status + "): " + message);
        });
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new KafkaTestBroker(cluster);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-process Kafka broker", e);
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /**
     * Creates the topic unless it exists, and returns once every partition has a leader: an idempotent producer
     * that meets a partition without one retries into out-of-order sequence errors it never leaves (seen once in
     * a benchmark's baseline, 120 s of retries).
     */
    public void createTopic(String name, int partitions) {
        try (Admin admin = cluster.admin()) {
            try {
                admin.createTopics(java.util.List.of(new NewTopic(name, partitions, (short) 1))).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create topic " + name, e);
                }
            }
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (true) {
                if (hasLeaders(admin, name)) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + name + " has partitions without a leader after 30 s");
                }
                Thread.sleep(50);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not describe topic " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        }
    }

    /** Whether every partition has a leader; false while the broker's metadata does not know the topic yet. */
    private static boolean hasLeaders(Admin admin, String topic) throws InterruptedException, ExecutionException {
        try {
            var description = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic);
            return description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    public Admin admin() {
        return cluster.admin(Map.of());
    }

    private void close() {
        try {
            cluster.close();
        } catch (Exception ignored) {
            // the JVM is going down
        }
    }
}
