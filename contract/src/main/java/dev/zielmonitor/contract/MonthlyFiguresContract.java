package dev.zielmonitor.contract;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.common.TextRules;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The monthly-figures contract, version 1: the published JSON Schema
 * ({@code docs/contract/monthly-figures.v1.schema.json}) plus the rules a schema cannot express that need no
 * platform state (record key = jobcenterId, month not after data status, data status not after the receiving day,
 * text free of control characters and lone surrogates, {@link FigureRules}). Whether the Jobcenter is known and
 * whether the data status is stale depend on what the platform already holds and are checked there. Thread-safe;
 * build once.
 */
public final class MonthlyFiguresContract {

    public static final String SCHEMA_RESOURCE = "monthly-figures.v1.schema.json";
    /** Larger records are rejected unread: a real month is about 1 KB. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;
    /**
     * A data status may lie this many days after the receiving day (in Germany): a producer a time zone ahead, or
     * one that dates its export the next morning, is not refused; anything later is (FUTURE_DATA_STATUS).
     */
    public static final int FUTURE_TOLERANCE_DAYS = 1;
    /** Where "the receiving day" is counted. */
    public static final ZoneId RECEIVING_ZONE = ZoneId.of("Europe/Berlin");

    private final JsonMapper json = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private final Schema schema;
    private final Clock clock;

    /** The contract as of the system clock's day. */
    public MonthlyFiguresContract() {
        this(Clock.system(RECEIVING_ZONE));
    }

    /** The contract with the receiving day taken from {@code clock}. */
    public MonthlyFiguresContract(Clock clock) {
        this.clock = clock;
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream(SCHEMA_RESOURCE),
                SCHEMA_RESOURCE + " is not on the class path")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + SCHEMA_RESOURCE, e);
        }
    }

    /**
     * Reads and checks one record.
     *
     * @throws ContractViolationException with the code and a readable reason when the record breaks the contract
     */
    public MonthlyFigures read(String key, byte[] value) {
        JsonNode root = parseChecked(value);
        List<Error> errors = validate(root);
        if (!errors.isEmpty()) {
            throw schemaViolation(errors);
        }
        MonthlyFigures figures = map(root);
        List<ContractViolation> violations = ruleViolations(key, figures);
        if (!violations.isEmpty()) {
            throw violations.get(0).asException();
        }
        return figures;
    }

    /**
     * Every way one record breaks the contract, each located by a JSON pointer, for tools that report all
     * problems at once (the publishing tool's dry run). Checks exactly what {@link #read} checks: a record without
     * violations is one {@code read} accepts. Schema violations come first; the rules beyond the schema are
     * checked only on a record that passes the schema.
     */
    public List<ContractViolation> violations(String key, byte[] value) {
        JsonNode root;
        List<Error> errors;
        try {
            root = parseChecked(value);
            errors = validate(root);
        } catch (ContractViolationException e) {
            return List.of(new ContractViolation(e.code(), "", e.code().name(), e.getMessage()));
        }
        if (!errors.isEmpty()) {
            return errors.stream().map(MonthlyFiguresContract::violation).toList();
        }
        try {
            return ruleViolations(key, map(root));
        } catch (ContractViolationException e) {
            return List.of(new ContractViolation(e.code(), "/dataStatus", "format", e.getMessage()));
        }
    }

    /** Size, JSON and schema version: what must hold before the schema can be applied. */
    private JsonNode parseChecked(byte[] value) {
        if (value == null || value.length == 0) {
            throw new ContractViolationException(RejectionCode.EMPTY_MESSAGE, "the record has no value");
        }
        if (value.length > MAX_MESSAGE_BYTES) {
            throw new ContractViolationException(RejectionCode.MESSAGE_TOO_LARGE, "the record has " + value.length
                    + " bytes; at most " + MAX_MESSAGE_BYTES + " are accepted");
        }
        JsonNode root = parse(value);
        JsonNode version = root.get("schemaVersion");
        if (version != null && !(version.isIntegralNumber() && version.asInt() == FiguresCodec.SCHEMA_VERSION)) {
            throw new ContractViolationException(RejectionCode.UNKNOWN_SCHEMA_VERSION,
                    "schemaVersion " + version + " is not supported; this platform reads version 1");
        }
        return root;
    }

    private List<Error> validate(JsonNode root) {
        try {
            return schema.validate(root);
        } catch (JacksonException e) {
            // the validator cannot even compare some values, e.g. 1e400 with an integer bound
            throw new ContractViolationException(RejectionCode.INVALID_VALUE,
                    "a value is out of any supported range: " + e.getOriginalMessage());
        }
    }

    private JsonNode parse(byte[] value) {
        try {
            JsonNode root = json.readTree(value);
            if (root == null || !root.isObject()) {
                throw new ContractViolationException(RejectionCode.MALFORMED_JSON,
                        "the value must be a JSON object, got " + (root == null ? "nothing" : root.getNodeType()));
            }
            return root;
        } catch (JacksonException e) {
            throw new ContractViolationException(RejectionCode.MALFORMED_JSON,
                    "not valid UTF-8 JSON: " + e.getOriginalMessage());
        }
    }

    private static ContractViolationException schemaViolation(List<Error> errors) {
        RejectionCode code = code(errors.get(0));
        String reason = errors.stream().limit(5)
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage())
                .collect(Collectors.joining("; "));
        return new ContractViolationException(code, reason + (errors.size() > 5 ? " (+" + (errors.size() - 5)
                + " more)" : ""));
    }

    private static RejectionCode code(Error error) {
        return switch (keyword(error)) {
            case "required" -> RejectionCode.MISSING_FIELD;
            case "additionalProperties" -> RejectionCode.UNKNOWN_FIELD;
            default -> RejectionCode.INVALID_VALUE;
        };
    }

    private static String keyword(Error error) {
        return error.getKeyword() == null ? "" : error.getKeyword();
    }

    /** A schema error as a violation; a missing property is located where it should have been. */
    private static ContractViolation violation(Error error) {
        String pointer = error.getInstanceLocation().toString();
        if ("required".equals(keyword(error)) && error.getProperty() != null) {
            pointer = (pointer.endsWith("/") ? pointer : pointer + "/") + error.getProperty();
        }
        return new ContractViolation(code(error), pointer, keyword(error), pointer + ": " + error.getMessage());
    }

    /** The schema has already checked every format, so parsing cannot fail here but for impossible dates. */
    private static MonthlyFigures map(JsonNode root) {
        LocalDate dataStatus;
        try {
            dataStatus = LocalDate.parse(root.get("dataStatus").asString());
        } catch (DateTimeException e) {
            throw new ContractViolationException(RejectionCode.INVALID_VALUE,
                    "/dataStatus: " + root.get("dataStatus").asString() + " is not a calendar date");
        }
        Map<FigureCode, Figure> figures = FiguresCodec.read(root.get("figures"));
        JsonNode reason = root.path("correction").get("reason");
        return new MonthlyFigures(JobcenterId.of(root.get("jobcenterId").asString()),
                ReportingMonth.parse(root.get("reportingMonth").asString()), dataStatus,
                root.get("source").asString(), root.get("messageId").asString(), figures,
                reason == null ? null : reason.asString());
    }

    private List<ContractViolation> ruleViolations(String key, MonthlyFigures figures) {
        List<ContractViolation> violations = new ArrayList<>();
        if (!figures.jobcenterId().value().equals(key)) {
            violations.add(new ContractViolation(RejectionCode.KEY_MISMATCH, "/jobcenterId",
                    RejectionCode.KEY_MISMATCH.name(),
                    "record key '" + key + "' differs from jobcenterId '" + figures.jobcenterId() + "'"));
        }
        FigureRules.monthAfterDataStatus(figures.reportingMonth().value(), figures.dataStatus())
                .ifPresent(violations::add);
        LocalDate latest = LocalDate.now(clock.withZone(RECEIVING_ZONE)).plusDays(FUTURE_TOLERANCE_DAYS);
        if (figures.dataStatus().isAfter(latest)) {
            violations.add(new ContractViolation(RejectionCode.FUTURE_DATA_STATUS, "/dataStatus",
                    RejectionCode.FUTURE_DATA_STATUS.name(), "dataStatus " + figures.dataStatus()
                    + " lies after the receiving day; at most " + latest + " is accepted"));
        }
        TextRules.firstForbiddenInText(figures.correctionReason()).ifPresent(forbidden -> violations.add(
                new ContractViolation(RejectionCode.INVALID_VALUE, "/correction/reason", "text",
                        "/correction/reason: contains " + forbidden)));
        violations.addAll(FigureRules.violations(figures.figures()));
        return violations;
    }

}
