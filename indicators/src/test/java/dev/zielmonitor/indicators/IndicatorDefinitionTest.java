package dev.zielmonitor.indicators;

import dev.zielmonitor.events.common.IndicatorCode;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue the API serves: every indicator once, in the regulation's order, with name, direction and unit. */
class IndicatorDefinitionTest {

    @Test
    void theCatalogueHoldsEveryIndicatorOnceInTheRegulationsOrder() {
        assertThat(IndicatorDefinition.all()).extracting(IndicatorDefinition::code)
                .containsExactly(IndicatorCode.values());
    }

    @Test
    void namesEachIndicatorInGerman() {
        IndicatorDefinition k2 = IndicatorDefinition.of(IndicatorCode.K2);
        assertThat(k2.name()).isEqualTo("Integrationsquote");
        assertThat(IndicatorDefinition.of(IndicatorCode.K3E2).name())
                .isEqualTo("Aktivierungsquote der Langzeitleistungsbeziehenden");
        assertThat(IndicatorDefinition.all()).allSatisfy(d -> assertThat(d.name()).isNotBlank());
    }

    @Test
    void moreIntegrationsAreBetterAndMoreLongTermRecipientsOrBenefitsAreNot() {
        assertThat(IndicatorDefinition.of(IndicatorCode.K2).direction())
                .isEqualTo(Attainment.Direction.HIGHER_IS_BETTER);
        assertThat(IndicatorDefinition.of(IndicatorCode.K3E4).direction())
                .isEqualTo(Attainment.Direction.HIGHER_IS_BETTER);
        assertThat(IndicatorDefinition.of(IndicatorCode.K3).direction())
                .isEqualTo(Attainment.Direction.LOWER_IS_BETTER);
        assertThat(IndicatorDefinition.of(IndicatorCode.K1).direction())
                .isEqualTo(Attainment.Direction.LOWER_IS_BETTER);
        assertThat(IndicatorDefinition.of(IndicatorCode.K1E3).direction())
                .isEqualTo(Attainment.Direction.LOWER_IS_BETTER);
        // the direction a target is judged in is the one served
        assertThat(Arrays.stream(IndicatorCode.values()).filter(Attainment::higherIsBetter))
                .containsExactlyElementsOf(IndicatorDefinition.all().stream()
                        .filter(d -> d.direction() == Attainment.Direction.HIGHER_IS_BETTER)
                        .map(IndicatorDefinition::code).toList());
    }

    @Test
    void aYearOnYearChangeIsAPercentChangeAndEveryOtherIndicatorAPercentage() {
        assertThat(IndicatorDefinition.all()).filteredOn(d -> d.unit() == IndicatorDefinition.Unit.PERCENT_CHANGE)
                .extracting(IndicatorDefinition::code)
                .containsExactly(IndicatorCode.K1, IndicatorCode.K1E1, IndicatorCode.K1E2, IndicatorCode.K3);
        assertThat(IndicatorDefinition.of(IndicatorCode.K2E3).unit()).isEqualTo(IndicatorDefinition.Unit.PERCENT);
    }
}
