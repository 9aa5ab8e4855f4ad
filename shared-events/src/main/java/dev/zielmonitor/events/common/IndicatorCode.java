package dev.zielmonitor.events.common;

/** The indicators of the Verordnung zu § 48a SGB II (domain.md), with their German names. */
public enum IndicatorCode {
    K1("Veränderung der Summe der Leistungen zum Lebensunterhalt"),
    K1E1("Veränderung der Summe der Leistungen für Unterkunft und Heizung"),
    K1E2("Veränderung der Zahl der erwerbsfähigen Leistungsberechtigten"),
    K1E3("Durchschnittliche Zugangsrate der erwerbsfähigen Leistungsberechtigten"),
    K1E4("Durchschnittliche Abgangsrate der erwerbsfähigen Leistungsberechtigten"),
    K2("Integrationsquote"),
    K2E1("Quote der Eintritte in geringfügige Beschäftigung"),
    K2E2("Quote der Eintritte in öffentlich geförderte Beschäftigung"),
    K2E3("Kontinuierliche Beschäftigung nach Integration"),
    K2E4("Integrationsquote der Alleinerziehenden"),
    K3("Veränderung des Bestands an Langzeitleistungsbeziehenden"),
    K3E1("Integrationsquote der Langzeitleistungsbeziehenden"),
    K3E2("Aktivierungsquote der Langzeitleistungsbeziehenden"),
    K3E3("Zugangsrate der Langzeitleistungsbeziehenden"),
    K3E4("Abgangsrate der Langzeitleistungsbeziehenden");

    private final String germanName;

    IndicatorCode(String germanName) {
        this.germanName = germanName;
    }

    public String germanName() {
        return germanName;
    }
}
