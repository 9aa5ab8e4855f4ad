package dev.zielmonitor.command.reporting;

import dev.zielmonitor.contract.RejectionCode;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureChange;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.events.reporting.MonthlyFiguresCorrectedEvent;
import dev.zielmonitor.events.reporting.MonthlyFiguresRecordedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

class MonthlyReportTest {

    private static final JobcenterId SOLINGEN = JobcenterId.of("05122");
    private static final ReportingMonth MARCH_2014 = ReportingMonth.parse("2014-03");
    private static final LocalDate JUNE_30 = LocalDate.of(2014, 6, 30);
    private static final Map<FigureCode, Figure> FIGURES = Map.of(
            FigureCode.ELB, Figure.total(10712), FigureCode.INT, Figure.total(187));
    private static final MonthlyFiguresRecordedEvent RECORDED = new MonthlyFiguresRecordedEvent(SOLINGEN, MARCH_2014,
            JUNE_30, "BA_STATISTIK", "m-1", FIGURES);

    private AggregateTestFixture<MonthlyReport> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(MonthlyReport.class);
    }

    private static RecordMonthlyFiguresCommand record(String messageId, LocalDate dataStatus,
                                                      Map<FigureCode, Figure> figures, String reason) {
        return new RecordMonthlyFiguresCommand(SOLINGEN, MARCH_2014, dataStatus, "BA_STATISTIK", messageId, figures,
                reason);
    }

    @Test
    void recordsTheFirstFiguresOfAMonth() {
        fixture.givenNoPriorActivity()
                .when(record("m-1", JUNE_30, FIGURES, null))
                .expectEvents(RECORDED)
                .expectResultMessagePayload(RecordingResult.of(RecordingOutcome.RECORDED));
    }

    @Test
    void aRedeliveredMessageChangesNothing() {
        fixture.given(RECORDED)
                .when(record("m-1", JUNE_30, Map.of(FigureCode.ELB, Figure.total(1)), null))
                .expectNoEvents()
                .expectResultMessagePayload(RecordingResult.of(RecordingOutcome.DUPLICATE));
    }

    @Test
    void aNewMessageWithTheSameFiguresChangesNothing() {
        fixture.given(RECORDED)
                .when(record("m-2", JUNE_30.plusDays(1), FIGURES, null))
                .expectNoEvents()
                .expectResultMessagePayload(RecordingResult.of(RecordingOutcome.UNCHANGED));
    }

    @Test
    void laterFiguresAreRecordedAsACorrectionOfWhatChanged() {
        fixture.given(RECORDED)
                .when(record("m-2", JUNE_30.plusMonths(1), Map.of(FigureCode.ELB, Figure.total(10712),
                        FigureCode.INT, Figure.total(190), FigureCode.INT_CONTINUOUS, Figure.total(120)), "Revision"))
                .expectEvents(new MonthlyFiguresCorrectedEvent(SOLINGEN, MARCH_2014, JUNE_30.plusMonths(1),
                        "BA_STATISTIK", "m-2", "Revision", Map.of(
                        FigureCode.INT, new FigureChange(Figure.total(187), Figure.total(190)),
                        FigureCode.INT_CONTINUOUS, new FigureChange(null, Figure.total(120)))))
                .expectResultMessagePayload(RecordingResult.of(RecordingOutcome.CORRECTED));
    }

    @Test
    void figuresWithTheSameDataStatusStillSupersede() {
        fixture.given(RECORDED)
                .when(record("m-2", JUNE_30, Map.of(FigureCode.INT, Figure.total(188)), null))
                .expectResultMessagePayload(RecordingResult.of(RecordingOutcome.CORRECTED));
    }

    @Test
    void rejectsFiguresOlderThanTheKnownDataStatusWithoutAnException() {
        fixture.given(RECORDED)
                .when(record("m-0", JUNE_30.minusDays(1), Map.of(FigureCode.INT, Figure.total(150)), null))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(RecordingResult.rejected(RejectionCode.STALE_DATA_STATUS,
                        "data status 2014-06-29 of message m-0 for 05122 2014-03 is older than the known data "
                                + "status 2014-06-30"));
    }

    @Test
    void rejectsACorrectionThatWouldBreakARuleWithTheFiguresAlreadyKnown() {
        fixture.given(RECORDED)
                .when(record("m-2", JUNE_30.plusMonths(1), Map.of(FigureCode.INT_LZB, Figure.total(200)), null))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(org.axonframework.test.matchers.Matchers.predicate(result ->
                        result instanceof RecordingResult r && r.outcome() == RecordingOutcome.REJECTED
                                && r.rejectionCode() == RejectionCode.SUBPOPULATION_EXCEEDS_POPULATION));
    }

    @Test
    void aCorrectionsMessageIdIsRememberedToo() {
        fixture.given(RECORDED, new MonthlyFiguresCorrectedEvent(SOLINGEN, MARCH_2014, JUNE_30.plusMonths(1),
                        "BA_STATISTIK", "m-2", null, Map.of(FigureCode.INT,
                        new FigureChange(Figure.total(187), Figure.total(190)))))
                .when(record("m-2", JUNE_30.plusMonths(1), Map.of(FigureCode.INT, Figure.total(190)), null))
                .expectNoEvents()
                .expectResultMessagePayload(RecordingResult.of(RecordingOutcome.DUPLICATE));
    }
}
