package dev.zielmonitor.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformTimeTest {

    @Test
    void readsInstantsWithZoneOrOffsetWithinThePlatformsTime() {
        assertThat(PlatformTime.instant("2014-04-14T10:00:00Z")).isEqualTo(Instant.parse("2014-04-14T10:00:00Z"));
        assertThat(PlatformTime.instant("2014-04-14T12:00:00+02:00")).isEqualTo(Instant.parse("2014-04-14T10:00:00Z"));
        assertThat(PlatformTime.instant("2005-01-01T00:00:00Z")).isEqualTo(PlatformTime.EPOCH);
        assertThat(PlatformTime.date("2199-12-31")).isEqualTo(LocalDate.of(2199, 12, 31));
        assertThat(PlatformTime.month("2014-03")).hasToString("2014-03");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T00:00:00Z", "-999999999-01-01T00:00:00Z", "2004-12-31T23:59:59Z",
            "2200-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "2014-04-14", "gestern", ""})
    void refusesInstantsOutsideThePlatformsTimeOrNotIso(String text) {
        assertThatThrownBy(() -> PlatformTime.instant(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("must");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31", "2004-12-31", "2200-01-01", "14.04.2014", "2014-02-30"})
    void refusesDatesOutsideThePlatformsTimeOrNotIso(String text) {
        assertThatThrownBy(() -> PlatformTime.date(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+99999-01", "2004-12", "2200-01", "2014-13", "2014-3", "14-03"})
    void refusesMonthsOutsideThePlatformsTimeOrNotYearAndMonth(String text) {
        assertThatThrownBy(() -> PlatformTime.month(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
