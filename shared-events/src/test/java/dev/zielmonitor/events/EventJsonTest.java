package dev.zielmonitor.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.zielmonitor.events.common.CarrierType;
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

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Events are stored as JSON for decades: their shape is part of the contract between the services. */
class EventJsonTest {

    /** Configured like the mapper the event-store module gives Axon. */
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void monthlyFiguresRoundTripWithReadableValueTypes() throws Exception {
        MonthlyFiguresRecordedEvent event = new MonthlyFiguresRecordedEvent(JobcenterId.of("05122"),
                ReportingMonth.parse("2014-03"), LocalDate.of(2014, 6, 30), "BA_STATISTIK", "m-1",
                Map.of(FigureCode.ELB, new Figure(new BigDecimal("10712"), new BigDecimal("5301"),
                                new BigDecimal("5411")),
                        FigureCode.LLU_EUR, Figure.total(new BigDecimal("3541234.50"))));

        String text = json.writeValueAsString(event);
        JsonNode tree = json.readTree(text);

        assertThat(tree.get("jobcenterId").asText()).isEqualTo("05122");
        assertThat(tree.get("reportingMonth").asText()).isEqualTo("2014-03");
        assertThat(tree.get("dataStatus").asText()).isEqualTo("2014-06-30");
        assertThat(tree.at("/figures/LLU_EUR/total").decimalValue()).isEqualByComparingTo("3541234.50");
        assertThat(tree.at("/figures/LLU_EUR").has("female")).as("unknown gender split is left out").isFalse();
        assertThat(json.readValue(text, MonthlyFiguresRecordedEvent.class)).isEqualTo(event);
    }

    @Test
    void correctionsAndRegistrationsRoundTrip() throws Exception {
        MonthlyFiguresCorrectedEvent correction = new MonthlyFiguresCorrectedEvent(JobcenterId.of("05122"),
                ReportingMonth.parse("2023-07"), LocalDate.of(2024, 2, 29), "BA_STATISTIK", "m-2", "Revision",
                Map.of(FigureCode.LZB_ACTIVATED, new FigureChange(Figure.total(1400), Figure.total(1435)),
                        FigureCode.INT_CONTINUOUS, new FigureChange(null, Figure.total(120))));
        JobcenterRegisteredEvent registration = new JobcenterRegisteredEvent(JobcenterId.of("05122"),
                "Jobcenter Solingen", "DE-NW", CarrierType.ZKT, null, null);

        assertThat(json.readValue(json.writeValueAsString(correction), MonthlyFiguresCorrectedEvent.class))
                .isEqualTo(correction);
        String registrationJson = json.writeValueAsString(registration);
        assertThat(json.readTree(registrationJson).get("carrierType").asText()).isEqualTo("zkT");
        assertThat(json.readValue(registrationJson, JobcenterRegisteredEvent.class)).isEqualTo(registration);
    }

    @Test
    void everyEventCarriesARevision() {
        for (Class<?> type : new Class<?>[] {JobcenterRegisteredEvent.class, MonthlyFiguresRecordedEvent.class,
                MonthlyFiguresCorrectedEvent.class}) {
            assertThat(type.getAnnotation(Revision.class)).as(type.getSimpleName()).isNotNull();
        }
    }
}
