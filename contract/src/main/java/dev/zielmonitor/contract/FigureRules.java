package dev.zielmonitor.contract;

import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Rules between the values of one month's message that a JSON Schema cannot express. A rule between figures is
 * checked only where both figures are known: an unknown figure is not zero. The platform applies them to a message
 * and again to the figures a correction leaves behind; the publishing tool applies them to every row of a file.
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
        return violations(figures).stream().findFirst().map(ContractViolation::asException);
    }

    /** The month described must have begun by the date the figures were produced. */
    public static Optional<ContractViolation> monthAfterDataStatus(YearMonth month, LocalDate dataStatus) {
        if (month.atDay(1).isAfter(dataStatus)) {
            return Optional.of(new ContractViolation(RejectionCode.MONTH_AFTER_DATA_STATUS, "/reportingMonth",
                    RejectionCode.MONTH_AFTER_DATA_STATUS.name(),
                    "reportingMonth " + month + " lies after dataStatus " + dataStatus));
        }
        return Optional.empty();
    }

    /** Every rule the figures break, gender splits first, each located at the value that breaks it. */
    public static List<ContractViolation> violations(Map<FigureCode, Figure> figures) {
        List<ContractViolation> violations = new ArrayList<>();
        for (Map.Entry<FigureCode, Figure> entry : new TreeMap<>(figures).entrySet()) {
            Figure figure = entry.getValue();
            if (figure.female() == null && figure.male() == null) {
                continue;
            }
            BigDecimal split = sum(figure.female(), figure.male());
            if (split.compareTo(figure.total()) > 0) {
                violations.add(new ContractViolation(RejectionCode.GENDER_SPLIT_EXCEEDS_TOTAL,
                        "/figures/" + entry.getKey() + (figure.female() != null ? "/female" : "/male"),
                        RejectionCode.GENDER_SPLIT_EXCEEDS_TOTAL.name(),
                        entry.getKey() + ": female + male = " + split.toPlainString() + " exceeds total "
                                + figure.total().toPlainString()));
            }
        }
        for (FigureCode[] pair : SUBPOPULATIONS) {
            Figure part = figures.get(pair[0]);
            Figure whole = figures.get(pair[1]);
            if (part != null && whole != null && part.total().compareTo(whole.total()) > 0) {
                violations.add(new ContractViolation(RejectionCode.SUBPOPULATION_EXCEEDS_POPULATION,
                        "/figures/" + pair[0] + "/total", RejectionCode.SUBPOPULATION_EXCEEDS_POPULATION.name(),
                        pair[0] + " (" + part.total().toPlainString() + ") exceeds " + pair[1] + " ("
                                + whole.total().toPlainString() + ")"));
            }
        }
        return violations;
    }

    private static BigDecimal sum(BigDecimal female, BigDecimal male) {
        return (female == null ? BigDecimal.ZERO : female).add(male == null ? BigDecimal.ZERO : male);
    }
}
