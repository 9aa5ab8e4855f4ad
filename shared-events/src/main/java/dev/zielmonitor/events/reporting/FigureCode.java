package dev.zielmonitor.events.reporting;

/** The monthly figures of the Kafka contract (contract.md), each a count of people/events or an amount in EUR. */
public enum FigureCode {
    ELB(Unit.COUNT),
    ELB_IN(Unit.COUNT),
    ELB_OUT(Unit.COUNT),
    INT(Unit.COUNT),
    INT_MARGINAL(Unit.COUNT),
    INT_PUBLIC(Unit.COUNT),
    INT_CONTINUOUS(Unit.COUNT),
    ELB_SINGLE_PARENT(Unit.COUNT),
    INT_SINGLE_PARENT(Unit.COUNT),
    LZB(Unit.COUNT),
    LZB_IN(Unit.COUNT),
    LZB_OUT(Unit.COUNT),
    INT_LZB(Unit.COUNT),
    LZB_ACTIVATED(Unit.COUNT),
    LLU_EUR(Unit.EUR),
    LUH_EUR(Unit.EUR);

    public enum Unit { COUNT, EUR }

    private final Unit unit;

    FigureCode(Unit unit) {
        this.unit = unit;
    }

    public Unit unit() {
        return unit;
    }
}
