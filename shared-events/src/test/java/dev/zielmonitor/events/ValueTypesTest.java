package dev.zielmonitor.events;

import dev.zielmonitor.events.common.CarrierType;
import dev.zielmonitor.events.common.JobcenterId;
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
}
