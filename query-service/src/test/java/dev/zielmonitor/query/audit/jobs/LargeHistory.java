package dev.zielmonitor.query.audit.jobs;

import dev.zielmonitor.events.agreement.AgreementParty;
import dev.zielmonitor.events.agreement.Goal;
import dev.zielmonitor.events.agreement.PartyRole;
import dev.zielmonitor.events.agreement.QuantitativeTarget;
import dev.zielmonitor.events.agreement.TargetAgreementConcludedEvent;
import dev.zielmonitor.events.agreement.TargetType;
import dev.zielmonitor.events.common.CarrierType;
import dev.zielmonitor.events.common.IndicatorCode;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.registry.JobcenterRegisteredEvent;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureChange;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.events.reporting.MonthlyFiguresCorrectedEvent;
import dev.zielmonitor.events.reporting.MonthlyFiguresRecordedEvent;
import dev.zielmonitor.events.reporting.Provenance;
import dev.zielmonitor.infra.TestDatabase;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * One Jobcenter's agreement 2014 with a long history: its registration, the agreement, the 25 months from 2012-12
 * and then {@code corrections} corrections spread over those months, each with a reason of {@code reasonChars}
 * random characters (hardly compressible, so the package is about as large as its events). Written straight into
 * the event table, as the command side stores events (the hash-chain trigger links each).
 */
final class LargeHistory {

    static final String JOBCENTER = "05122";
    static final String AGREEMENT = "05122-2014";
    static final ReportingMonth FIRST = ReportingMonth.of(2012, 12);
    static final int MONTHS = 25;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789äöüß .,";

    private LargeHistory() {
    }

    /** Returns the number of events written. */
    static long write(TestDatabase db, Serializer serializer, int corrections, int reasonChars) {
        String url = db.url() + (db.url().contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        SplittableRandom random = new SplittableRandom(17);
        JobcenterId id = JobcenterId.of(JOBCENTER);
        Instant[] clock = {Instant.parse("2015-01-01T00:00:00Z")};
        long count = 0;
        try (Connection connection = DriverManager.getConnection(url, db.user(), db.password())) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,
                        metadata, payload, payloadrevision, payloadtype, timestamp)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                add(insert, serializer, JOBCENTER, 0, "Jobcenter", new JobcenterRegisteredEvent(id,
                        "Jobcenter Solingen", "DE-NW", CarrierType.ZKT, null, null), tick(clock));
                add(insert, serializer, AGREEMENT, 0, "TargetAgreement", new TargetAgreementConcludedEvent(AGREEMENT,
                        id, 2014, "Vereinbarung 2014", List.of(new AgreementParty(PartyRole.MINISTRY, "MAIS NRW",
                        "Staatssekretär", "S")), "§ 48b SGB II", null, List.of(), List.of(), List.of(new Goal("II",
                        "Integration", null, List.of(new QuantitativeTarget("II-K2", IndicatorCode.K2,
                        TargetType.RELATIVE_CHANGE, new BigDecimal("0.5"), 2013, 2)), List.of())), 2, null),
                        tick(clock));
                count += 2;
                long[] integrations = new long[MONTHS];
                for (int m = 0; m < MONTHS; m++) {
                    ReportingMonth month = FIRST.plusMonths(m);
                    integrations[m] = 170;
                    Map<FigureCode, Figure> figures = new EnumMap<>(FigureCode.class);
                    figures.put(FigureCode.ELB, Figure.total(10_000));
                    figures.put(FigureCode.INT, Figure.total(integrations[m]));
                    add(insert, serializer, "report:" + JOBCENTER + ":" + month, 0, "MonthlyReport",
                            new MonthlyFiguresRecordedEvent(id, month, month.plusMonths(3).lastDay(), "BA_STATISTIK",
                                    "m-" + month, figures), tick(clock));
                    count++;
                }
                insert.executeBatch();
                connection.commit();
                int[] sequence = new int[MONTHS];
                StringBuilder reason = new StringBuilder(reasonChars);
                for (int c = 0; c < corrections; c++) {
                    int m = c % MONTHS;
                    ReportingMonth month = FIRST.plusMonths(m);
                    reason.setLength(0);
                    for (int i = 0; i < reasonChars; i++) {
                        reason.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    }
                    long before = integrations[m];
                    integrations[m] = before + 1;
                    add(insert, serializer, "report:" + JOBCENTER + ":" + month, ++sequence[m], "MonthlyReport",
                            new MonthlyFiguresCorrectedEvent(id, month, month.plusMonths(4).lastDay(), "BA_STATISTIK",
                                    "c-" + c, reason.toString(), Map.of(FigureCode.INT, new FigureChange(
                                    Figure.total(before), Figure.total(before + 1)))), tick(clock));
                    count++;
                    if (c % 500 == 499) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return count;
    }

    private static Instant tick(Instant[] clock) {
        clock[0] = clock[0].plusMillis(10);
        return clock[0];
    }

    private static void add(PreparedStatement insert, Serializer serializer, String aggregate, long sequence,
                            String type, Object payload, Instant at) throws SQLException {
        SerializedObject<byte[]> body = serializer.serialize(payload, byte[].class);
        SerializedObject<byte[]> metadata = serializer.serialize(MetaData.from(Map.of(
                Provenance.PRINCIPAL, "large-history", Provenance.MESSAGE_ID, UUID.randomUUID().toString())),
                byte[].class);
        insert.setString(1, aggregate);
        insert.setLong(2, sequence);
        insert.setString(3, type);
        insert.setString(4, UUID.randomUUID().toString());
        insert.setBytes(5, metadata.getData());
        insert.setBytes(6, body.getData());
        insert.setString(7, body.getType().getRevision());
        insert.setString(8, body.getType().getName());
        insert.setString(9, at.toString());
        insert.addBatch();
    }
}
