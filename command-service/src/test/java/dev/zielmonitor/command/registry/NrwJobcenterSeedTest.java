package dev.zielmonitor.command.registry;

import dev.zielmonitor.events.common.CarrierType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NrwJobcenterSeedTest {

    @Test
    void theSeedHoldsNrwsPublishedCounts() {
        var commands = NrwJobcenterSeed.read();

        assertThat(commands).hasSize(53);
        assertThat(commands).filteredOn(c -> c.carrierType() == CarrierType.ZKT).hasSize(18);
        assertThat(commands).filteredOn(c -> c.carrierType() == CarrierType.GE).hasSize(35);
        assertThat(commands).extracting(c -> c.jobcenterId().value()).doesNotHaveDuplicates().contains("05122");
        assertThat(commands).allSatisfy(c -> {
            assertThat(c.land()).isEqualTo("NW");
            assertThat(c.comparisonType()).as("never invented").isNull();
        });
        assertThat(commands).filteredOn(c -> c.jobcenterId().value().equals("05122"))
                .singleElement().satisfies(c -> assertThat(c.carrierType()).isEqualTo(CarrierType.ZKT));
    }
}
