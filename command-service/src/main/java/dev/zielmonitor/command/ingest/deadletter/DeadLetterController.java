package dev.zielmonitor.command.ingest.deadletter;

import dev.zielmonitor.events.failure.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** Operators' view of parked messages, newest first, and their resubmission after the cause is fixed. */
@RestController
@RequestMapping("/api/ingestion/dead-letters")
@Validated
class DeadLetterController {

    private static final String COLUMNS = """
            id, topic, kafka_partition, kafka_offset, record_key, record_value, error_code, reason, producer,
            parked_at, resubmission_of, status, resubmitted_at, resubmitted_by""";

    private final JdbcClient jdbc;
    private final DeadLetters deadLetters;

    DeadLetterController(JdbcClient jdbc, DeadLetters deadLetters) {
        this.jdbc = jdbc;
        this.deadLetters = deadLetters;
    }

    @Operation(summary = "List parked messages, newest first",
            description = "Page with beforeId = the smallest id of the previous page.")
    @GetMapping
    List<DeadLetterView> list(
            @RequestParam(required = false) @Pattern(regexp = "PARKED|RESUBMITTED") String status,
            @RequestParam(required = false) @Pattern(regexp = "[A-Z_]{1,64}") String code,
            @RequestParam(required = false) @Min(1) Long beforeId,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM command_side.dead_letter"
                        + " WHERE (CAST(:status AS TEXT) IS NULL OR status = :status)"
                        + " AND (CAST(:code AS TEXT) IS NULL OR error_code = :code)"
                        + " AND (CAST(:beforeId AS BIGINT) IS NULL OR id < :beforeId)"
                        + " ORDER BY id DESC LIMIT :limit")
                .param("status", status).param("code", code).param("beforeId", beforeId).param("limit", limit)
                .query(DeadLetterController::view).list();
    }

    @GetMapping("/{id}")
    DeadLetterView one(@PathVariable long id) {
        return find(id);
    }

    @Operation(summary = "Resubmit a parked message",
            description = "Publishes the original key and bytes to the monthly-figures topic again, with a header "
                    + "naming this dead letter; the dead letter is marked RESUBMITTED. If the message is rejected "
                    + "again, it is parked as a new dead letter that points back to this one.")
    @PostMapping("/{id}/resubmit")
    DeadLetterView resubmit(@PathVariable long id, Principal principal) {
        deadLetters.resubmit(id, principal.getName());
        return find(id);
    }

    private DeadLetterView find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM command_side.dead_letter WHERE id = ?").param(id)
                .query(DeadLetterController::view).optional()
                .orElseThrow(() -> new NotFound("No dead letter " + id));
    }

    private static DeadLetterView view(ResultSet rs, int row) throws SQLException {
        byte[] value = rs.getBytes("record_value");
        String text = null;
        String base64 = null;
        if (value != null) {
            var decoder = StandardCharsets.UTF_8.newDecoder();
            try {
                text = decoder.decode(java.nio.ByteBuffer.wrap(value)).toString();
            } catch (java.nio.charset.CharacterCodingException notUtf8) {
                base64 = Base64.getEncoder().encodeToString(value);
            }
        }
        long resubmissionOf = rs.getLong("resubmission_of");
        return new DeadLetterView(rs.getLong("id"), rs.getString("topic"), rs.getInt("kafka_partition"),
                rs.getLong("kafka_offset"), rs.getString("record_key"), text, base64, value == null ? 0 : value.length,
                rs.getString("error_code"), rs.getString("reason"), rs.getString("producer"),
                rs.getTimestamp("parked_at").toInstant(),
                rs.wasNull() ? null : resubmissionOf, rs.getString("status"),
                rs.getTimestamp("resubmitted_at") == null ? null : rs.getTimestamp("resubmitted_at").toInstant(),
                rs.getString("resubmitted_by"));
    }

    /**
     * @param value       the original bytes as UTF-8 text, when they are valid UTF-8
     * @param valueBase64 the original bytes, when they are not
     * @param producer    who produced the record, as far as the broker vouches for it (ADR 0013): {@code shared} for
     *                    the shared topic, {@code jobcenter:<id>} for a Jobcenter's own topic; null before issue 17
     */
    record DeadLetterView(long id, String topic, int partition, long offset, String key, String value,
                          String valueBase64, int valueBytes, String errorCode, String reason, String producer,
                          Instant parkedAt,
                          Long resubmissionOf, String status, Instant resubmittedAt, String resubmittedBy) {
    }
}
