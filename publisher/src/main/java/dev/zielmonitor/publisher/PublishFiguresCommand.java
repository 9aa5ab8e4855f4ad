package dev.zielmonitor.publisher;

import dev.zielmonitor.contract.MonthlyFiguresContract;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code publish-figures}: reads CSV and Excel files, reports every problem in German and English, and publishes
 * one contract message per Jobcenter and month, only when every row of every file is valid (or with
 * {@code --skip-invalid}, the valid ones). Exit codes: 0 all published (or, dry run, all valid); 1 rows invalid;
 * 2 a file, mapping or setting unusable; 3 Kafka did not take every message.
 */
@Command(name = "publish-figures", mixinStandardHelpOptions = true, version = "publish-figures 1 (contract v1)",
        sortOptions = false, usageHelpWidth = 110,
        description = {"Monatszahlen aus CSV- oder Excel-Dateien prüfen und an Zielmonitor senden.",
                "Checks monthly figures from CSV or Excel files and publishes them to Zielmonitor.", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:alles gesendet bzw. gültig / all published or, dry run, all valid",
                "1:fehlerhafte Zeilen / invalid rows", "2:Datei, Zuordnung oder Einstellung unbrauchbar / "
                + "file, mapping or setting unusable", "3:Kafka hat nicht alles angenommen / Kafka did not take "
                + "every message"},
        footer = {"", "Passwörter / passwords: " + KafkaSettings.PASSWORD_ENV + ", "
                + KafkaSettings.TRUSTSTORE_PASSWORD_ENV + ". Details: docs/publisher.md"})
public final class PublishFiguresCommand implements Callable<Integer> {

    public static final String TOPIC = "zielmonitor.monthly-figures.v1";
    public static final int OK = 0;
    public static final int INVALID = 1;
    public static final int UNUSABLE = 2;
    public static final int NOT_DELIVERED = 3;

    @Parameters(arity = "1..*", paramLabel = "DATEI", description = "CSV- (.csv, .txt) oder Excel-Dateien (.xlsx) / CSV or Excel files")
    List<Path> files;

    @Option(names = "--dry-run", description = "nur prüfen, nichts senden / validate only, publish nothing")
    boolean dryRun;

    @Option(names = "--skip-invalid", description = "fehlerhafte Zeilen auslassen und die gültigen senden / "
            + "publish the valid rows, leave out the invalid ones")
    boolean skipInvalid;

    @Option(names = {"-m", "--mapping"}, paramLabel = "DATEI", description = "Zuordnung Spalte → Feld "
            + "(Properties, UTF-8); Standard: eingebaute Zuordnung / column → field mapping; default: built-in "
            + "(docs/publisher.md)")
    Path mapping;

    @Option(names = "--encoding", paramLabel = "NAME", defaultValue = "UTF-8", description = "Zeichenkodierung der "
            + "CSV-Dateien / encoding of CSV files (${DEFAULT-VALUE}; BOM erkannt / recognised), z. B. windows-1252")
    String encoding;

    @Option(names = "--delimiter", paramLabel = "ZEICHEN", defaultValue = ";", description = "Trennzeichen der "
            + "CSV-Dateien / CSV delimiter (${DEFAULT-VALUE})")
    char delimiter;

    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT", description = "Kafka; Standard / "
            + "default: bootstrap.servers aus / from --kafka-config, $ZIELMONITOR_KAFKA_BOOTSTRAP, localhost:9092")
    String bootstrapServers;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = TOPIC, description = "${DEFAULT-VALUE}")
    String topic;

    @Option(names = "--jobcenter-topic", description = "jede Zeile in das eigene Topic ihres Jobcenters "
            + "(TOPIC.<Jobcenter>), wie die Zugangsdaten eines Jobcenters es verlangen / every row to its Jobcenter's "
            + "own topic (TOPIC.<jobcenter id>), as a Jobcenter's credentials require (docs/kafka-security.md)")
    boolean jobcenterTopic;

    @Option(names = "--kafka-config", paramLabel = "DATEI", description = "Kafka-Client-Einstellungen "
            + "/ Kafka client settings (Properties): security.protocol, sasl.*, ssl.*, …")
    Path kafkaConfig;

    @Option(names = "--security-protocol", paramLabel = "PROTOKOLL",
            description = "PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL")
    String securityProtocol;

    @Option(names = "--sasl-mechanism", paramLabel = "VERFAHREN",
            description = "PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 (Passwort / password: $" + KafkaSettings.PASSWORD_ENV
                    + ")")
    String saslMechanism;

    @Option(names = "--sasl-username", paramLabel = "NAME")
    String saslUsername;

    @Option(names = "--ssl-truststore", paramLabel = "DATEI", description = "CA-Zertifikate / CA "
            + "certificates (.pem, .crt) oder / or truststore (.jks, .p12; $" + KafkaSettings.TRUSTSTORE_PASSWORD_ENV
            + ")")
    Path truststore;

    @Option(names = "-X", paramLabel = "SCHLÜSSEL=WERT", description = "einzelne Kafka-Producer-Einstellung / "
            + "one Kafka producer setting")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Option(names = {"-q", "--quiet"}, description = "keine Fortschrittsanzeige / no progress bar")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private Map<String, String> env = System.getenv();
    private boolean terminal = System.console() != null;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv(),
                System.console() != null, args));
    }

    /** Runs the tool as from the command line, in this JVM (tests, the local platform's demo data). */
    public static int run(PrintWriter out, PrintWriter err, Map<String, String> env, boolean terminal,
                          String... args) {
        PublishFiguresCommand command = new PublishFiguresCommand();
        command.env = env;
        command.terminal = terminal;
        CommandLine commandLine = new CommandLine(command).setOut(out).setErr(err)
                .setExitCodeExceptionMapper(e -> UNUSABLE);
        commandLine.setParameterExceptionHandler((e, a) -> {
            err.println("Fehler / error: " + e.getMessage());
            e.getCommandLine().usage(err);
            return UNUSABLE;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return publish(out, err);
        } catch (FileProblem e) {
            Report.fileProblem(err, e);
            return UNUSABLE;
        }
    }

    private int publish(PrintWriter out, PrintWriter err) {
        Mapping columns = mapping == null ? Mapping.standard() : Mapping.load(mapping);
        FigureFile reader = new FigureFile(new MonthlyFiguresContract(), columns, charset(), delimiter);
        out.println("Zuordnung / mapping: " + columns.name());
        List<FigureFile.Result> results = new ArrayList<>();
        for (Path file : files) {
            Progress reading = Progress.counting("Lesen / reading " + file.getFileName() + " (Zeilen / rows)", err,
                    terminal, quiet);
            FigureFile.Result result = reader.read(file, reading::update);
            reading.done(result.rows());
            Report.file(out, result);
            results.add(result);
        }
        int rows = results.stream().mapToInt(FigureFile.Result::rows).sum();
        int invalid = results.stream().mapToInt(FigureFile.Result::invalid).sum();
        int repeated = results.stream().mapToInt(FigureFile.Result::repeated).sum();
        // a later data status must follow an earlier one for the same month, or the platform parks it as stale
        List<FigureFile.Message> messages = results.stream().flatMap(r -> r.messages().stream())
                .sorted(Comparator.comparing(FigureFile.Message::dataStatus)).toList();
        messages = distinct(messages);

        if (dryRun) {
            summary(out, rows, invalid, repeated, 0, 0);
            out.println(invalid == 0 ? "Probelauf: alles gültig, nichts gesendet / dry run: all valid, nothing published"
                    : "Probelauf: fehlerhafte Zeilen, nichts gesendet / dry run: invalid rows, nothing published");
            return invalid == 0 ? OK : INVALID;
        }
        if (invalid > 0 && !skipInvalid) {
            summary(out, rows, invalid, repeated, 0, 0);
            out.println("Nichts gesendet: erst alle Fehler beheben oder --skip-invalid angeben.");
            out.println("Nothing published: fix every problem first or pass --skip-invalid.");
            return INVALID;
        }
        long sent = send(messages, err);
        summary(out, rows, invalid, repeated, sent, invalid);
        if (sent < messages.size()) {
            err.printf(Report.GERMAN, "Kafka hat %,d von %,d Nachrichten nicht bestätigt; erneut senden ändert "
                    + "nichts an den bereits angenommenen (gleiche Nachrichten-IDs).%n", messages.size() - sent,
                    messages.size());
            err.printf(Report.GERMAN, "Kafka did not acknowledge %,d of %,d messages; sending again is safe (same "
                    + "message ids).%n", messages.size() - sent, messages.size());
            return NOT_DELIVERED;
        }
        return invalid == 0 ? OK : INVALID;
    }

    /** The same row in two files is one message. */
    private static List<FigureFile.Message> distinct(List<FigureFile.Message> messages) {
        Set<String> ids = new HashSet<>();
        return messages.stream().filter(m -> ids.add(m.messageId())).toList();
    }

    private Charset charset() {
        try {
            return Charset.forName(encoding);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new FileProblem("Unbekannte Zeichenkodierung „" + encoding + "“", "unknown encoding '"
                    + encoding + "'");
        }
    }

    private KafkaSettings kafkaSettings() {
        KafkaSettings settings = new KafkaSettings().configFile(kafkaConfig).securityProtocol(securityProtocol)
                .truststore(truststore);
        String servers = bootstrapServers;
        if (servers == null && kafkaConfig == null) {
            servers = env.get("ZIELMONITOR_KAFKA_BOOTSTRAP");
        }
        settings.bootstrapServers(servers);
        if (saslMechanism != null) {
            settings.sasl(saslMechanism, saslUsername);
        }
        kafkaProperties.forEach(settings::set);
        return settings;
    }

    /** Sends every message and waits for each acknowledgement; returns how many were acknowledged. */
    private long send(List<FigureFile.Message> messages, PrintWriter err) {
        Map<String, Object> config = kafkaSettings().producerConfig(env);
        Progress progress = new Progress("Senden / publishing", messages.size(), err, terminal, quiet);
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> refused = new AtomicReference<>();
        List<Future<?>> pending = new ArrayList<>(messages.size());
        Exception failure = null;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (FigureFile.Message message : messages) {
                if (refused.get() != null) {
                    break; // e.g. no broker or no topic: every further record would wait as long again
                }
                String to = jobcenterTopic ? topic + "." + message.key() : topic;
                pending.add(producer.send(new ProducerRecord<>(to, message.key(), message.value()),
                        (metadata, exception) -> {
                            if (exception == null) {
                                progress.update(acknowledged.incrementAndGet());
                            } else {
                                refused.compareAndSet(null, exception);
                            }
                        }));
            }
            producer.flush();
            for (Future<?> future : pending) {
                try {
                    future.get(5, TimeUnit.MINUTES);
                } catch (ExecutionException | TimeoutException e) {
                    failure = failure == null ? e : failure;
                }
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        }
        if (failure == null) {
            failure = refused.get();
        }
        if (failure != null) {
            Throwable cause = failure instanceof ExecutionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            err.println("Kafka (" + config.get("bootstrap.servers") + ", " + topic + "): " + cause);
        }
        return acknowledged.get();
    }

    private static void summary(PrintWriter out, int rows, int invalid, int repeated, long sent, long skipped) {
        out.printf(Report.GERMAN, "Zusammenfassung / summary: %,d Zeilen / rows · %,d gesendet / published · "
                + "%,d übersprungen / skipped · %,d fehlerhaft / invalid · %,d doppelt / repeated%n",
                rows, sent, skipped, invalid, repeated);
    }
}
