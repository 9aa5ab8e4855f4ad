package dev.zielmonitor.query.audit;

import dev.zielmonitor.eventstore.ChainKeys;
import dev.zielmonitor.eventstore.ChainSeal;
import dev.zielmonitor.eventstore.EventHashChain;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Seals the hash chain's head with the configured key (ADR 0010) every {@code zielmonitor.hash-chain.seal-interval}
 * when it moved, and publishes each seal where the database role cannot rewrite it: the log, and an append-only
 * file. Verification checks every seal with the configured keys and whether the seal last published in the file is
 * still in the database. Every instance may run this: the database decides who seals (ChainSeal's lock); what
 * the sealer knows between runs is in the database and the file, not in this object.
 */
@Component
public class HashChainSealer {

    static final String NO_KEY = "No key for the hash chain's seals: set ZIELMONITOR_HASH_CHAIN_KEYS "
            + "(zielmonitor.hash-chain.keys) to " + ChainKeys.FORMAT + ", e.g. \"2026-01:$(openssl rand -base64 32)\"; "
            + "keep it out of the database (docs/audit.md, ADR 0010)";
    private static final Logger log = LoggerFactory.getLogger(HashChainSealer.class);
    /** A seal is one line of a few hundred bytes; the newest is within the file's last few KiB. */
    private static final int TAIL_BYTES = 8192;

    private final DataSource dataSource;
    private final JsonMapper json;
    private final ChainKeys keys;
    private final Path publishFile;
    private final Counter sealed;
    private final Counter refused;

    HashChainSealer(HashChainProperties properties, DataSource dataSource, JsonMapper json, MeterRegistry meters) {
        if (properties.keys() == null || properties.keys().isBlank()) {
            throw new IllegalStateException(NO_KEY);
        }
        try {
            this.keys = ChainKeys.parse(properties.keys());
        } catch (IllegalArgumentException e) {
            // its message says all, and holds no key material
            throw new IllegalStateException("ZIELMONITOR_HASH_CHAIN_KEYS (zielmonitor.hash-chain.keys): "
                    + e.getMessage());
        }
        this.dataSource = dataSource;
        this.json = json;
        this.publishFile = properties.publishFile() == null || properties.publishFile().isBlank() ? null
                : Path.of(properties.publishFile()).toAbsolutePath();
        this.sealed = sealings(meters, "sealed");
        this.refused = sealings(meters, "refused");
        log.info("Hash chain seals: key {} (verifying {}), published to the log{}", keys.currentId(), keys.ids(),
                publishFile == null ? " only" : " and " + publishFile);
    }

    private static Counter sealings(MeterRegistry meters, String outcome) {
        return Counter.builder("zielmonitor.hash.chain.seals").tag("outcome", outcome)
                .description("sealing runs that sealed the head (sealed), or found the chain or its seals broken and "
                        + "sealed nothing (refused)")
                .register(meters);
    }

    /** One sealing run; {@code null} when the database could not be reached (the next run tries again). */
    @Scheduled(fixedDelayString = "${zielmonitor.hash-chain.seal-interval}")
    public ChainSeal.Outcome seal() {
        ChainSeal.Outcome outcome;
        try (Connection connection = dataSource.getConnection()) {
            outcome = ChainSeal.seal(connection, keys, lastPublished(), Instant.now());
        } catch (SQLException e) {
            log.warn("Hash chain not sealed this time, the database failed: {}", e.getMessage());
            return null;
        }
        switch (outcome.result()) {
            case SEALED -> {
                sealed.increment();
                publish(outcome.seal());
            }
            case REFUSED -> {
                refused.increment();
                log.error("Hash chain NOT sealed, it does not hold: {}. Nothing is sealed until this is resolved "
                        + "(GET /api/audit/hash-chain, docs/audit.md)", outcome.reason());
            }
            default -> log.debug("Hash chain: {}", outcome.reason());
        }
        return outcome;
    }

    /** Walks the chain and checks every seal, the last published one, and the noted head if given. */
    public EventHashChain.Verification verify(EventHashChain.Head noted) {
        try (Connection connection = dataSource.getConnection()) {
            return EventHashChain.verify(connection, keys, lastPublished(), noted);
        } catch (SQLException e) {
            throw new IllegalStateException("could not walk the hash chain", e);
        }
    }

    private void publish(ChainSeal seal) {
        String line = json.writeValueAsString(seal);
        log.info("Hash chain sealed: {}", line);
        if (publishFile == null) {
            return;
        }
        try {
            if (publishFile.getParent() != null) {
                Files.createDirectories(publishFile.getParent());
            }
            try (FileChannel file = FileChannel.open(publishFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                file.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
                file.force(true);
            }
        } catch (IOException e) {
            log.error("Hash chain seal {} not appended to {}: {}", seal.sealNumber(), publishFile, e.toString());
        }
    }

    /** The seal on the publication file's last line, or {@code null} (no file, empty, or not a seal). */
    ChainSeal lastPublished() {
        if (publishFile == null || !Files.isRegularFile(publishFile)) {
            return null;
        }
        String last;
        try (RandomAccessFile file = new RandomAccessFile(publishFile.toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES);
            byte[] tail = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(tail);
            String[] lines = new String(tail, StandardCharsets.UTF_8).strip().split("\n");
            last = lines[lines.length - 1].strip();
        } catch (IOException e) {
            log.warn("Hash chain: cannot read {}: {}", publishFile, e.toString());
            return null;
        }
        if (last.isEmpty()) {
            return null;
        }
        try {
            return json.readValue(last, ChainSeal.class);
        } catch (JacksonException e) {
            log.warn("Hash chain: the last line of {} is not a seal, not checked: {}", publishFile, e.getMessage());
            return null;
        }
    }
}
