package dev.zielmonitor.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.zielmonitor.events.agreement.AgreementParty;
import dev.zielmonitor.events.agreement.Deviation;
import dev.zielmonitor.events.agreement.FrozenMonth;
import dev.zielmonitor.events.agreement.Goal;
import dev.zielmonitor.events.agreement.GoalProgressRecordedEvent;
import dev.zielmonitor.events.agreement.GoalStatus;
import dev.zielmonitor.events.agreement.PartyRole;
import dev.zielmonitor.events.agreement.QuantitativeTarget;
import dev.zielmonitor.events.agreement.SteeringDialogueHeldEvent;
import dev.zielmonitor.events.agreement.SubGoal;
import dev.zielmonitor.events.agreement.SubGoalKind;
import dev.zielmonitor.events.agreement.TargetAgreementConcludedEvent;
import dev.zielmonitor.events.agreement.TargetAgreementInForceEvent;
import dev.zielmonitor.events.agreement.TargetAgreementSignedEvent;
import dev.zielmonitor.events.agreement.TargetAssessment;
import dev.zielmonitor.events.agreement.TargetAttainmentAssessedEvent;
import dev.zielmonitor.events.agreement.TargetResult;
import dev.zielmonitor.events.agreement.TargetRevisedEvent;
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
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden JSON of every event at every revision ({@code src/test/resources/golden/<Event>.rev<N>.json}): events
 * stay readable for decades, so the shape a revision was stored in is pinned here. The current revision of every
 * event must read its fixture and write it back unchanged; older revisions are read through their upcasters
 * (event-store module, {@code UpcasterGoldenTest}). A fixture is never changed once committed: a change to an
 * event is a new revision with a new fixture and an upcaster (ADR 0006). {@code -Dzielmonitor.write-golden=true}
 * writes the fixtures that are missing, never overwrites one.
 */
class GoldenEventsTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden");
    /** Configured like the mapper the event-store module gives Axon. */
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    static final JobcenterId SOLINGEN = JobcenterId.of("05122");
    static final QuantitativeTarget K2 = new QuantitativeTarget("II-K2", IndicatorCode.K2, TargetType.RELATIVE_CHANGE,
            new BigDecimal("0.5"), 2013, 2);

    /** One sample of every event, with Unicode, nulls and nested values where the event has them. */
    static Map<Class<?>, Object> samples() {
        Map<Class<?>, Object> samples = new LinkedHashMap<>();
        samples.put(JobcenterRegisteredEvent.class, new JobcenterRegisteredEvent(SOLINGEN, "Jobcenter Solingen",
                "DE-NW", CarrierType.ZKT, null, LocalDate.of(2005, 1, 1)));
        samples.put(MonthlyFiguresRecordedEvent.class, new MonthlyFiguresRecordedEvent(SOLINGEN,
                ReportingMonth.of(2014, 3), LocalDate.of(2014, 6, 30), "BA_STATISTIK", "m-2014-03",
                new TreeMap<>(Map.of(FigureCode.ELB, new Figure(new BigDecimal("10712"), new BigDecimal("5301"),
                                new BigDecimal("5411")), FigureCode.INT, Figure.total(187),
                        FigureCode.LLU_EUR, Figure.total(new BigDecimal("3541234.50"))))));
        samples.put(MonthlyFiguresCorrectedEvent.class, new MonthlyFiguresCorrectedEvent(SOLINGEN,
                ReportingMonth.of(2014, 7), LocalDate.of(2015, 2, 27), "BA_STATISTIK", "m-2014-07-r",
                "Rückwirkende Korrektur", new TreeMap<>(Map.of(
                FigureCode.LZB_ACTIVATED, new FigureChange(Figure.total(1400), Figure.total(1435)),
                FigureCode.INT_CONTINUOUS, new FigureChange(null, Figure.total(120))))));
        samples.put(TargetAgreementConcludedEvent.class, new TargetAgreementConcludedEvent("05122-2014", SOLINGEN,
                2014, "Zielvereinbarung 2014", List.of(
                new AgreementParty(PartyRole.MINISTRY, "MAIS NRW", "Staatssekretär", "Dr. Wilhelm Schäffer"),
                new AgreementParty(PartyRole.JOBCENTER, "Stadt Solingen", "Oberbürgermeister", "Norbert Feith")),
                "§ 48b Abs. 1 S. 1 Nr. 4 SGB II", "Präambel", List.of("Schwerpunkt"), List.of("Planungsdokument"),
                List.of(new Goal("II", "Verbesserung der Integration in Erwerbstätigkeit", "+0,5 %", List.of(K2),
                        List.of(new SubGoal("II.1", SubGoalKind.MEASURE, "Schritt für Schritt", "Pilot", List.of(),
                                LocalDate.of(2014, 11, 30))))), 2, "zwei Dialoge"));
        samples.put(TargetAgreementSignedEvent.class, new TargetAgreementSignedEvent("05122-2014",
                PartyRole.MINISTRY, "Düsseldorf", LocalDate.of(2014, 5, 7)));
        samples.put(TargetAgreementInForceEvent.class, new TargetAgreementInForceEvent("05122-2014",
                LocalDate.of(2014, 5, 7)));
        samples.put(SteeringDialogueHeldEvent.class, new SteeringDialogueHeldEvent("05122-2014", "2014-1",
                LocalDate.of(2014, 7, 10), List.of("MAIS", "JC"), Map.of("II", "im Plan"),
                List.of("Förderkette ausbauen"), List.of(new Deviation("Insolvenz eines Großbetriebs",
                List.of(IndicatorCode.K3), new BigDecimal("0.4")))));
        samples.put(TargetRevisedEvent.class, new TargetRevisedEvent("05122-2014", new QuantitativeTarget("II-K2",
                IndicatorCode.K2, TargetType.RELATIVE_CHANGE, new BigDecimal("1.0"), 2013, 2), "Arbeitsmarkt",
                "2014-1", LocalDate.of(2014, 10, 1)));
        samples.put(GoalProgressRecordedEvent.class, new GoalProgressRecordedEvent("05122-2014", "II.1",
                GoalStatus.IN_PROGRESS, "12 Haushalte", LocalDate.of(2014, 11, 30)));
        samples.put(TargetAttainmentAssessedEvent.class, new TargetAttainmentAssessedEvent("05122-2014",
                LocalDate.of(2015, 4, 20), List.of(new TargetAssessment("II-K2", K2, new BigDecimal("20.99"),
                new BigDecimal("19.98"), TargetResult.ACHIEVED, TargetResult.ACHIEVED, List.of(), "erreicht")),
                "Bewertung", List.of(new FrozenMonth(ReportingMonth.of(2014, 12), LocalDate.of(2015, 3, 31),
                Map.of(FigureCode.INT, Figure.total(140))))));
        return samples;
    }

    private static Path fixture(Class<?> type, String revision) {
        return GOLDEN.resolve(type.getSimpleName() + ".rev" + revision + ".json");
    }

    @Test
    void everyEventReadsAndWritesItsCurrentRevisionsFixtureUnchanged() throws IOException {
        for (Map.Entry<Class<?>, Object> sample : samples().entrySet()) {
            Class<?> type = sample.getKey();
            String revision = type.getAnnotation(Revision.class).value();
            Path fixture = fixture(type, revision);
            if (Boolean.getBoolean("zielmonitor.write-golden") && !Files.exists(fixture)) {
                Files.writeString(fixture, JSON.writerWithDefaultPrettyPrinter()
                        .writeValueAsString(sample.getValue()) + "\n");
            }
            assertThat(fixture).as("golden fixture of %s revision %s", type.getSimpleName(), revision).exists();
            JsonNode golden = JSON.readTree(fixture.toFile());
            Object read = JSON.treeToValue(golden, type);
            assertThat(read).as(type.getSimpleName()).isEqualTo(sample.getValue());
            JsonNode written = JSON.readTree(JSON.writeValueAsString(read));
            assertThat(written).as(type.getSimpleName() + " written back").isEqualTo(golden);
        }
    }

    @Test
    void everyEventClassHasASampleHere() throws IOException {
        Path classes = Path.of("target/classes/dev/zielmonitor/events");
        try (Stream<Path> files = Files.walk(classes)) {
            List<String> events = files.map(p -> classes.getParent().getParent().getParent().relativize(p).toString())
                    .filter(p -> p.endsWith("Event.class"))
                    .map(p -> p.replace('/', '.').replace(".class", "")).sorted().toList();
            assertThat(samples().keySet().stream().map(Class::getName).sorted().toList())
                    .as("a new event needs a sample and a golden fixture").isEqualTo(events);
        }
    }

    @Test
    void everyRevisionOfEveryEventHasAFixtureFromOneOn() {
        for (Class<?> type : samples().keySet()) {
            int current = Integer.parseInt(type.getAnnotation(Revision.class).value());
            for (int revision = 1; revision <= current; revision++) {
                assertThat(fixture(type, Integer.toString(revision))).as("%s revision %d", type.getSimpleName(),
                        revision).exists();
            }
        }
    }
}
