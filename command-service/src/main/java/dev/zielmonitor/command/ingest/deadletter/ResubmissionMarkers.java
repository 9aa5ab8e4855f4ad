package dev.zielmonitor.command.ingest.deadletter;

import dev.zielmonitor.command.ingest.ResubmissionMarker;
import dev.zielmonitor.command.ingest.ResubmissionMarker.None;
import dev.zielmonitor.command.ingest.ResubmissionMarker.Trusted;
import dev.zielmonitor.command.ingest.ResubmissionMarker.Untrusted;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Tells a resubmission that the command service made from a header that anyone who can write the topic could set.
 * A marker is honoured only when it names a dead letter that was resubmitted, carries that resubmission's random
 * token (stored with the dead letter, never shown by the API), and comes with exactly the parked key and bytes from
 * the topic it was parked from. Anything else is producer input: ignored, and said so.
 */
@Component
class ResubmissionMarkers {

    private final JdbcClient jdbc;

    ResubmissionMarkers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ResubmissionMarker of(ConsumerRecord<String, byte[]> record) {
        String id = header(record, DeadLetters.HEADER_RESUBMISSION_OF);
        String token = header(record, DeadLetters.HEADER_RESUBMISSION_TOKEN);
        if (id == null && token == null) {
            return new None();
        }
        if (id == null || token == null || !id.matches("[1-9][0-9]{0,17}")) {
            return new Untrusted("incomplete or malformed");
        }
        Map<String, Object> row = jdbc.sql("SELECT topic, record_key, record_value, status, resubmission_token "
                        + "FROM command_side.dead_letter WHERE id = ?")
                .param(Long.parseLong(id)).query().listOfRows().stream().findFirst().orElse(null);
        if (row == null) {
            return new Untrusted("names no dead letter");
        }
        boolean tokenMatches = row.get("resubmission_token") != null && MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8),
                ((String) row.get("resubmission_token")).getBytes(StandardCharsets.UTF_8));
        if (!"RESUBMITTED".equals(row.get("status")) || !tokenMatches) {
            return new Untrusted("not a resubmission made by the platform");
        }
        if (!record.topic().equals(row.get("topic")) || !Objects.equals(record.key(), row.get("record_key"))
                || !Arrays.equals(record.value(), (byte[]) row.get("record_value"))) {
            return new Untrusted("the record differs from the parked one");
        }
        return new Trusted(Long.parseLong(id));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
