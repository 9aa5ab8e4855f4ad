package dev.zielmonitor.query.web;

import dev.zielmonitor.events.failure.InvalidInput;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Stand every query controller takes: asOf read once, with the platform's bounds and a 400 naming asOf. */
class StandArgumentResolverTest {

    @Test
    void noAsOfIsNow() {
        Instant before = Instant.now();

        Stand absent = StandArgumentResolver.resolve(null);
        Stand empty = StandArgumentResolver.resolve(" ");

        assertThat(absent.now()).isTrue();
        assertThat(absent.instant()).isAfterOrEqualTo(before).isBeforeOrEqualTo(Instant.now());
        assertThat(empty.now()).isTrue();
    }

    @Test
    void anInstantWithinThePlatformsTimeIsTheStand_withOrWithoutAnOffset() {
        assertThat(StandArgumentResolver.resolve("2014-04-14T10:00:00Z"))
                .isEqualTo(Stand.at(Instant.parse("2014-04-14T10:00:00Z")));
        assertThat(StandArgumentResolver.resolve("2014-04-14T12:00:00+02:00").instant())
                .isEqualTo(Instant.parse("2014-04-14T10:00:00Z"));
        assertThat(StandArgumentResolver.resolve("2014-04-14T10:00:00Z").now()).isFalse();
    }

    @Test
    void anythingElseIsRefusedNamingAsOfWithThePlatformTimesReason() {
        assertThatThrownBy(() -> StandArgumentResolver.resolve("+999999999-12-31T00:00:00Z"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(e.path()).isEqualTo("asOf");
                    assertThat(e.getMessage()).startsWith("must lie between 2005-01-01T00:00:00Z");
                });
        assertThatThrownBy(() -> StandArgumentResolver.resolve("gestern"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(e.path()).isEqualTo("asOf");
                    assertThat(e.getMessage()).startsWith("must be an ISO-8601 instant");
                });
        assertThatThrownBy(() -> StandArgumentResolver.resolve("2004-12-31T23:59:59Z"))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void aRequiredStandRefusesNowAsAMissingParameter() {
        assertThatThrownBy(() -> Stand.current().required())
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(e.path()).isEqualTo("asOf");
                    assertThat(e.getMessage()).isEqualTo("is required");
                });
        Stand at = Stand.at(Instant.parse("2014-04-14T10:00:00Z"));
        assertThat(at.required()).isSameAs(at);
    }
}
