package dev.zielmonitor.contract;

import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rules between figures of one month that a JSON Schema cannot express. A rule is checked only where both
 * figures are known: an unknown figure is not zero. The platform applies them to a message and again to the
 * figures a correction leaves behind.
 */
public final class FigureRules {

    /** Each sub-population with the population it belongs to (contract.md). */
    static final List<FigureCode[]> SUBPOPULATIONS = List.of(
            new FigureCode[] {FigureCode.LZB, FigureCode.ELB},
            new FigureCode[] {FigureCode.ELB_SINGLE_PARENT, FigureCode.ELB},
            new FigureCode[] {FigureCode.INT_LZB, FigureCode.INT},
            new FigureCode[] {FigureCode.INT_SINGLE_PARENT, FigureCode.INT},
            new FigureCode[] {FigureCode.INT_CONTINUOUS, FigureCode.INT},
            new FigureCode[] {FigureCode.INT_LZB, FigureCode.LZB},
            new FigureCode[] {FigureCode.LZB_ACTIVATED, FigureCode.LZB});

    private FigureRules() {
    }

    /** The first rule the figures break, if any. */
    public static Optional<ContractViolationException> firstViolation(Map<FigureCode, Figure> figures) {
        for (Map.Entry<FigureCode, Figure> entry : figures.entrySet()) {
            Figure figure = entry.getValue();
            BigDecimal split = sum(figure.female(), figure.male());
            if (split.compareTo(figure.total()) > 0) {
                return Optional.of(new ContractViolationException(RejectionCode.GENDER_SPLIT_EXCEEDS_TOTAL,
                        entry.getKey() + ": female + male = " + split.toPlainString() + " exceeds total "
                                + figure.total().toPlainString()));
            }
        }
        for (FigureCode[] pair : SUBPOPULATIONS) {
            Figure part = figures.get(pair[0]);
            Figure whole = figures.get(pair[1]);
            if (part != null && whole != null && part.total().compareTo(whole.total()) > 0) {
                return Optional.of(new ContractViolationException(RejectionCode.SUBPOPULATION_EXCEEDS_POPULATION,
                        pair[0] + " (" + part.total().toPlainString() + ") exceeds " + pair[1] + " ("
                                + whole.total().toPlainString() + ")"));
            }
        }
        return Optional.empty();
    }

    private static BigDecimal sum(BigDecimal female, BigDecimal male) {
        return (female == null ? BigDecimal.ZERO : female).add(male == null ? BigDecimal.ZERO : male);
    }
}
