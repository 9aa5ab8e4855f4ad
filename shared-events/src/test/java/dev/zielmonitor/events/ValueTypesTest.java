package dev.zielmonitor.events;

import dev.zielmonitor.events.common.CarrierType;
import dev.zielmonitor.events.common.AgreementId;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.common.MonthlyReportId;
import dev.zielmonitor.events.common.ReportingMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueTypesTest {

    @Test
    void acceptsAFiveDigitDistrictKey() {
        assertThat(JobcenterId.of("05122").value()).isEqualTo("05122");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5122", "051220", "05l22", " 05122", "０５１２２"})
    void rejectsAnythingButFiveAsciiDigits(String text) {
        assertThatThrownBy(() -> JobcenterId.of(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5-digit district key");
    }

    @Test
    void reportingMonthsParseAndCountAcrossYears() {
        ReportingMonth march = ReportingMonth.parse("2014-03");
        assertThat(march.year()).isEqualTo(2014);
        assertThat(march.month()).isEqualTo(3);
        assertThat(march.minusMonths(3)).isEqualTo(ReportingMonth.of(2013, 12));
        assertThat(march.plusMonths(10).toString()).isEqualTo("2015-01");
        assertThat(march.lastDay()).hasToString("2014-03-31");
        assertThat(march).isLessThan(ReportingMonth.parse("2014-04"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2014-13", "2014-3", "14-03", "2014/03", "März 2014"})
    void rejectsMalformedReportingMonths(String text) {
        assertThatThrownBy(() -> ReportingMonth.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("YYYY-MM");
    }

    @Test
    void carrierTypesReadTheirGermanAbbreviations() {
        assertThat(CarrierType.fromCode("gE")).isEqualTo(CarrierType.GE);
        assertThat(CarrierType.fromCode("zkT")).isEqualTo(CarrierType.ZKT);
        assertThatThrownBy(() -> CarrierType.fromCode("ARGE")).hasMessageContaining("gE or zkT");
    }

    @Test
    void anAgreementIdIsBuiltAndParsedInOnePlace() {
        AgreementId solingen = AgreementId.of(JobcenterId.of("05122"), 2014);
        assertThat(solingen).hasToString("05122-2014");
        assertThat(AgreementId.parse("05122-2014")).isEqualTo(solingen);
        assertThat(AgreementId.parse("05122-2014").jobcenterId()).isEqualTo(JobcenterId.of("05122"));
        assertThat(AgreementId.parse("05122-2014").year()).isEqualTo(2014);
        for (String bad : new String[] {"05122_2014", "5122-2014", "05122-14", "05122-2014x", "", " 05122-2014",
                "05122-2014\n"}) {
            assertThatThrownBy(() -> AgreementId.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThat(AgreementId.isWellFormed(bad)).as(bad).isFalse();
        }
    }

    @Test
    void aMonthlyReportIdIsBuiltAndParsedInOnePlace() {
        MonthlyReportId march = MonthlyReportId.of(JobcenterId.of("05122"), ReportingMonth.of(2014, 3));
        assertThat(march).hasToString("report:05122:2014-03");
        assertThat(MonthlyReportId.parse("report:05122:2014-03")).isEqualTo(march);
        assertThat(march.toString()).startsWith(MonthlyReportId.prefixOf(JobcenterId.of("05122")));
        for (String bad : new String[] {"report:05122:2014-3", "report:5122:2014-03", "05122:2014-03",
                "report:05122:2014-13", "report:05122:2014-03:x"}) {
            assertThatThrownBy(() -> MonthlyReportId.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
